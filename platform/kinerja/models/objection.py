"""Keberatan (PP 30/2019 article 59): an employee's objection to a finalized rating, the statements asked for, and
the decision of the assessing official's own superior (docs/DOMAIN.md, "Objections")."""

from tortoise import fields
from tortoise.models import Model


class Objection(Model):
    id = fields.IntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="objections", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="objections", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="objections", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    rating = fields.ForeignKeyField("models.Rating", related_name="objections", null=True, on_delete=fields.SET_NULL)
    # the assessing official of the rating (None: ADMIN stood in for a missing supervisor), and who decides: the
    # assessing official's own supervisor at filing (None: outside the platform, ADMIN records the decision)
    assessor = fields.ForeignKeyField("models.Person", related_name="objections_assessed", null=True,
                                      on_delete=fields.RESTRICT)
    decider = fields.ForeignKeyField("models.Person", related_name="objections_to_decide", null=True,
                                     on_delete=fields.RESTRICT)
    reason = fields.TextField()
    status = fields.CharField(max_length=16)  # OPEN | UPHELD | CHANGED
    old_result_rating = fields.CharField(max_length=24)
    old_behavior_rating = fields.CharField(max_length=24)
    old_predikat = fields.CharField(max_length=24)
    new_result_rating = fields.CharField(max_length=24, null=True)
    new_behavior_rating = fields.CharField(max_length=24, null=True)
    new_predikat = fields.CharField(max_length=24, null=True)
    decision_reason = fields.TextField(null=True)
    decision_reference = fields.CharField(max_length=200, null=True)  # the decision letter, when ADMIN records it
    decided_by = fields.CharField(max_length=200, null=True)
    decided_at = fields.DatetimeField(null=True)
    filed_at = fields.DatetimeField()

    class Meta:
        table = "objection"
        unique_together = (("person", "period"),)
        indexes = (("agency_id", "period", "status"), ("decider_id", "status"), ("assessor_id", "status"))


class ObjectionStatement(Model):
    """A statement on an open objection: by the employee, the assessing official, the deciding superior or ADMIN."""

    id = fields.IntField(primary_key=True)
    objection = fields.ForeignKeyField("models.Objection", related_name="statements", on_delete=fields.RESTRICT)
    author = fields.ForeignKeyField("models.Person", related_name="objection_statements", null=True,
                                    on_delete=fields.RESTRICT)
    role = fields.CharField(max_length=16)  # EMPLOYEE | ASSESSOR | SUPERIOR | ADMIN
    text = fields.TextField()
    at = fields.DatetimeField()

    class Meta:
        table = "objection_statement"
