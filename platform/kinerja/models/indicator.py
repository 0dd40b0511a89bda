"""Indicators synced from the agency specs, each content version kept so history is never rewritten."""

from tortoise import fields
from tortoise.models import Model


class Indicator(Model):
    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="indicators", on_delete=fields.RESTRICT)
    code = fields.CharField(max_length=32)
    full_code = fields.CharField(max_length=80, unique=True)  # AGENCY.CODE
    name = fields.CharField(max_length=200)
    unit = fields.CharField(max_length=200)
    direction = fields.CharField(max_length=20)  # higher_is_better | lower_is_better | band
    level = fields.CharField(max_length=10)  # person | unit | agency
    version = fields.CharField(max_length=16)  # content hash of the spec that defines it now
    definition = fields.JSONField()  # the spec as plain data: inputs, periods, formula or calculator, ...
    active = fields.BooleanField(default=True)  # false once its spec no longer lists it
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "indicator"
        unique_together = (("agency", "code"),)


class IndicatorVersion(Model):
    id = fields.IntField(primary_key=True)
    indicator = fields.ForeignKeyField("models.Indicator", related_name="versions", on_delete=fields.RESTRICT)
    version = fields.CharField(max_length=16)
    definition = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "indicator_version"
        unique_together = (("indicator", "version"),)
