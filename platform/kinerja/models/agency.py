"""Agencies (instansi/OPD) and their units, a tree inside each agency."""

from tortoise import fields
from tortoise.models import Model


class Agency(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "agency"
        ordering = ["code"]


class Unit(Model):
    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="units", on_delete=fields.RESTRICT)
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    parent = fields.ForeignKeyField(
        "models.Unit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "unit"
        unique_together = (("agency", "code"),)
