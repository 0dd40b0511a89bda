"""Rencana pengembangan kompetensi: a person's development plan of a cycle, its actions and their evidence
(docs/DOMAIN.md, "Development plans")."""

from tortoise import fields
from tortoise.models import Model


class DevelopmentPlan(Model):
    """One plan per person per cycle: DRAFT while it is written; AGREED once the employee and the assessing
    official have both agreed to the version they read (a save after an agreement clears it)."""

    id = fields.IntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="development_plans", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="development_plans", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="development_plans", on_delete=fields.RESTRICT)
    status = fields.CharField(max_length=16)  # DRAFT | AGREED
    version = fields.IntField(default=1)  # optimistic concurrency: every write adds one
    # the finalized rating of BUTUH_PERBAIKAN or worse that requires this plan agreed before the person's next
    # period is finalized (None: no rating requires it); its period, kept when the rating is reopened
    required_period = fields.CharField(max_length=8, null=True)
    employee_agreed_at = fields.DatetimeField(null=True)
    official_agreed_at = fields.DatetimeField(null=True)
    official_agreed_by = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "development_plan"
        unique_together = (("person", "cycle"),)
        indexes = (("agency_id", "cycle_id", "status"),)
        table_description = "A person's development plan (rencana pengembangan kompetensi) of a cycle"


class DevelopmentAction(Model):
    """An action of a plan: proposed by a hook after a rating, or written by the employee or the supervisor;
    PLANNED, then DONE with its evidence, then CONFIRMED by the assessing official (its hours count then)."""

    id = fields.IntField(primary_key=True)
    plan = fields.ForeignKeyField("models.DevelopmentPlan", related_name="actions", on_delete=fields.CASCADE)
    position = fields.IntField()  # order on the plan, from 1
    kind = fields.CharField(max_length=16)  # TRAINING | COACHING | MENTORING | ASSIGNMENT | SELF_STUDY | OTHER
    title = fields.CharField(max_length=500)
    competency = fields.CharField(max_length=200, null=True)
    planned_hours = fields.IntField(default=0)  # JP (jam pelajaran)
    due = fields.DateField(null=True)
    responsible = fields.CharField(max_length=200, null=True)
    source = fields.CharField(max_length=16)  # PROPOSED (the hook) | RECOMMENDATION | WRITTEN
    source_period = fields.CharField(max_length=8, null=True)  # the rating's period that proposed it
    status = fields.CharField(max_length=16)  # PLANNED | DONE | CONFIRMED
    evidence_number = fields.CharField(max_length=100, null=True)  # a certificate's number
    evidence_url = fields.CharField(max_length=500, null=True)
    hours_done = fields.IntField(null=True)
    completed_on = fields.DateField(null=True)
    confirmed_at = fields.DatetimeField(null=True)
    confirmed_by = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "development_action"
        unique_together = (("plan", "position"),)
        indexes = (("status", "completed_on"),)
        table_description = "An action of a development plan, with its evidence"
