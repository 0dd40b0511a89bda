"""Assessments of a person for a period (SELF or SUPERVISOR) and the finalized rating with its predikat."""

from tortoise import fields
from tortoise.models import Model


class Assessment(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=16)  # SELF | SUPERVISOR
    person = fields.ForeignKeyField("models.Person", related_name="assessments", on_delete=fields.RESTRICT)
    # who assessed: the person (SELF), the direct supervisor, or the person an ADMIN token stands for
    assessor = fields.ForeignKeyField("models.Person", related_name="assessments_given", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="assessments", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="assessments", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    result_rating = fields.CharField(max_length=24)
    behavior_rating = fields.CharField(max_length=24)
    behavior_notes = fields.JSONField(default=list)  # [{"value": CoreValue, "note": str}]
    # per RHK of the person's SKP (a SUPERVISOR assessment), as the evaluation form has it:
    # [{"item": key, "rating": Expectation, "realization": str | None, "feedback": str | None}]
    result_notes = fields.JSONField(default=list)
    comment = fields.TextField(null=True)
    acted_by_admin = fields.BooleanField(default=False)  # an ADMIN acted for a missing supervisor
    version = fields.IntField(default=1)
    recorded_by = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "assessment"
        unique_together = (("person", "period", "kind"),)
        indexes = (("agency_id", "period"), ("assessor_id", "period"))


class Rating(Model):
    """The finalized rating of a person for a period: one at most (unique), never changed, only reopened."""

    id = fields.IntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="ratings", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="ratings", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="ratings", null=True, on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="ratings", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    assessment = fields.ForeignKeyField("models.Assessment", related_name="ratings", on_delete=fields.RESTRICT)
    result_rating = fields.CharField(max_length=24)
    behavior_rating = fields.CharField(max_length=24)
    predikat = fields.CharField(max_length=24)
    suggested_result_rating = fields.CharField(max_length=24, null=True)
    suggestion_reason = fields.TextField(null=True)
    override_reason = fields.TextField(null=True)
    curve_justification = fields.TextField(null=True)
    curve_warnings = fields.JSONField(default=list)
    finalized_by = fields.CharField(max_length=200)
    finalized_at = fields.DatetimeField()

    class Meta:
        table = "rating"
        unique_together = (("person", "period"),)
        indexes = (("agency_id", "period", "predikat"), ("period", "predikat"))


class OrgRating(Model):
    """The predikat kinerja organisasi of an agency for a period, set by ADMIN (the level above); a unit's is a
    UnitOrgRating."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="org_ratings", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="org_ratings", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    predikat = fields.CharField(max_length=24)  # ISTIMEWA | BAIK | BUTUH_PERBAIKAN | KURANG | SANGAT_KURANG
    set_by = fields.CharField(max_length=200)
    set_at = fields.DatetimeField()

    class Meta:
        table = "org_rating"
        unique_together = (("agency", "period"),)


class UnitOrgRating(Model):
    """The predikat kinerja organisasi of a unit for a period, set by the level above (the agency's admin or ADMIN).
    Its own table, not a nullable unit on OrgRating: a unique (agency, unit, period) would not hold for the
    agency's own row, whose unit is NULL (NULLs are distinct in a unique index on both databases)."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="unit_org_ratings", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="org_ratings", on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="unit_org_ratings", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    predikat = fields.CharField(max_length=24)  # ISTIMEWA | BAIK | BUTUH_PERBAIKAN | KURANG | SANGAT_KURANG
    set_by = fields.CharField(max_length=200)
    set_at = fields.DatetimeField()

    class Meta:
        table = "unit_org_rating"
        unique_together = (("unit", "period"),)
        indexes = (("agency_id", "period"),)
