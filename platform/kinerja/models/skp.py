"""The SKP document (PermenPANRB 6/2022): one per person per cycle, kept as numbered revisions.

A revision holds the planned work results (RHK) with their indicators, the leader's specific expectations per
BerAKHLAK value, and the attachments. Its status runs DRAFT -> SUBMITTED -> APPROVED, or RETURNED (with a note) and
back to DRAFT; an approved revision is locked, and a change is a new revision (docs/DOMAIN.md, "The SKP").
A quantitative indicator points to the Target row its measurements attach to (models/target.py).
"""

from tortoise import fields
from tortoise.models import Model


class Skp(Model):
    """A person's SKP in a cycle: the revision being worked on and the one in force."""

    id = fields.IntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="skps", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="skps", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="skps", on_delete=fields.RESTRICT)
    status = fields.CharField(max_length=16)  # of the latest revision: DRAFT | SUBMITTED | APPROVED | RETURNED
    version = fields.IntField(default=1)  # optimistic concurrency: every write adds one
    revision = fields.IntField(default=1)  # the latest revision's number
    approved_revision = fields.IntField(null=True)  # the revision in force (None: none approved yet)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "skp"
        unique_together = (("person", "cycle"),)
        indexes = (("agency_id", "cycle_id", "status"),)
        table_description = "One SKP per person per cycle, its content in skp_revision"


class SkpRevision(Model):
    id = fields.IntField(primary_key=True)
    skp = fields.ForeignKeyField("models.Skp", related_name="revisions", on_delete=fields.RESTRICT)
    number = fields.IntField()
    status = fields.CharField(max_length=16)  # DRAFT | SUBMITTED | APPROVED | RETURNED
    # lampiran: {"resources": [...], "accountability": [...], "consequences": [...]}, lists of short texts
    attachments = fields.JSONField(default=dict)
    return_note = fields.TextField(null=True)
    submitted_by = fields.CharField(max_length=32, null=True)  # NIP, or "operator"
    submitted_at = fields.DatetimeField(null=True)
    decided_by = fields.CharField(max_length=32, null=True)  # who approved or returned it
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skp_revision"
        unique_together = (("skp", "number"),)


class SkpItem(Model):
    """A Rencana Hasil Kerja (RHK) of one revision. `key` stays the same across revisions (R1, R2, ...), so a
    subordinate's RHK names the supervisor's by key, and two revisions can be compared item by item."""

    id = fields.IntField(primary_key=True)
    revision = fields.ForeignKeyField("models.SkpRevision", related_name="items", on_delete=fields.RESTRICT)
    key = fields.CharField(max_length=16)
    position = fields.IntField()
    kind = fields.CharField(max_length=16)  # MAIN | ADDITIONAL
    work_result = fields.CharField(max_length=500)
    # intervensi: the supervisor's RHK (its key in the supervisor's SKP of the same cycle), or, for an agency
    # head, the agency's goal in free text
    parent_key = fields.CharField(max_length=16, null=True)
    intervention = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "skp_item"
        unique_together = (("revision", "key"),)


class SkpIndicator(Model):
    """An indicator of an RHK: quantitative (an indicator of the agency's specs with a target, whose measurements
    attach to `target`) or qualitative (a text and the expected output)."""

    id = fields.IntField(primary_key=True)
    item = fields.ForeignKeyField("models.SkpItem", related_name="indicators", on_delete=fields.RESTRICT)
    position = fields.IntField()
    aspect = fields.CharField(max_length=16)  # QUANTITY | QUALITY | TIME | COST
    indicator = fields.ForeignKeyField("models.Indicator", related_name="skp_indicators", null=True,
                                       on_delete=fields.RESTRICT)
    target_value = fields.FloatField(null=True)  # a range's midpoint
    target_lower = fields.FloatField(null=True)  # a range target: both bounds, or neither
    target_upper = fields.FloatField(null=True)
    target = fields.ForeignKeyField("models.Target", related_name="skp_indicators", null=True,
                                    on_delete=fields.RESTRICT)
    text = fields.CharField(max_length=500, null=True)
    expected_output = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "skp_indicator"


class SkpExpectation(Model):
    """Ekspektasi khusus pimpinan: the leader's specific expectation for one BerAKHLAK value."""

    id = fields.IntField(primary_key=True)
    revision = fields.ForeignKeyField("models.SkpRevision", related_name="expectations", on_delete=fields.RESTRICT)
    value = fields.CharField(max_length=32)  # a CoreValue code
    text = fields.CharField(max_length=1000)

    class Meta:
        table = "skp_expectation"
        unique_together = (("revision", "value"),)


class WorkLogEntry(Model):
    """Catatan kinerja: what a person did on a day, for an RHK of their SKP."""

    id = fields.BigIntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="work_log", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="work_log", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="work_log", on_delete=fields.RESTRICT)
    day = fields.DateField()
    item_key = fields.CharField(max_length=16, null=True)  # the RHK it serves (SkpItem.key)
    text = fields.CharField(max_length=1000)
    minutes = fields.IntField()
    evidence_url = fields.CharField(max_length=2000, null=True)
    recorded_by = fields.CharField(max_length=32)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "work_log_entry"
        indexes = (("person_id", "day"), ("agency_id", "day"))


class PerformanceFeedback(Model):
    """Umpan balik berkelanjutan: dated feedback on an RHK or on a work-log entry, and the employee's answer."""

    id = fields.BigIntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="feedback_received", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="performance_feedback", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="performance_feedback", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    item_key = fields.CharField(max_length=16, null=True)
    work_log_entry = fields.ForeignKeyField("models.WorkLogEntry", related_name="feedback", null=True,
                                            on_delete=fields.RESTRICT)
    given_by = fields.ForeignKeyField("models.Person", related_name="feedback_given", null=True,
                                      on_delete=fields.RESTRICT)
    text = fields.CharField(max_length=2000)
    given_on = fields.DateField()
    answer = fields.CharField(max_length=2000, null=True)
    answered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "performance_feedback"
        indexes = (("person_id", "period"), ("agency_id", "period"))
