"""Performance cycles: a year, its periodicity and its workflow status."""

from tortoise import fields
from tortoise.models import Model


class Cycle(Model):
    id = fields.IntField(primary_key=True)
    year = fields.IntField(unique=True)
    periodicity = fields.CharField(max_length=16)  # QUARTERLY | MONTHLY
    status = fields.CharField(max_length=16)  # PLANNING | ACTIVE | EVALUATION | CLOSED
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "cycle"
        ordering = ["year"]
