"""SKP items: a planned work result with its indicator and target value, for a person or a unit."""

from tortoise import fields
from tortoise.models import Model


class Target(Model):
    id = fields.IntField(primary_key=True)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="targets", on_delete=fields.RESTRICT)
    indicator = fields.ForeignKeyField("models.Indicator", related_name="targets", on_delete=fields.RESTRICT)
    person = fields.ForeignKeyField("models.Person", related_name="targets", null=True, on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="targets", null=True, on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="targets", on_delete=fields.RESTRICT)
    work_result = fields.CharField(max_length=500)
    value = fields.FloatField()  # a range target's midpoint (achievement uses its bounds)
    # a range target (PermenPANRB 8/2021 annex VI: the nearer bound counts): both set, or both null
    lower_bound = fields.FloatField(null=True)
    upper_bound = fields.FloatField(null=True)
    parent = fields.ForeignKeyField("models.Target", related_name="children", null=True, on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "target"
        indexes = (("person_id", "cycle_id"), ("unit_id", "cycle_id"), ("agency_id", "cycle_id"))


class Measurement(Model):
    id = fields.IntField(primary_key=True)
    target = fields.ForeignKeyField("models.Target", related_name="measurements", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    inputs = fields.JSONField()
    value = fields.FloatField()
    achievement = fields.FloatField()
    suggested_rating = fields.CharField(max_length=24)
    spec_version = fields.CharField(max_length=16)
    evidence_url = fields.CharField(max_length=2000, null=True)
    recorded_by = fields.CharField(max_length=200)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "measurement"
        unique_together = (("target", "period"),)
        indexes = (("period",),)
