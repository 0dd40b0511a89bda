"""Shared counters of the running platform, read by every process (one row per key)."""

from tortoise import fields
from tortoise.models import Model


class SharedState(Model):
    """A named counter. `specs_generation` goes up with every spec sync that changes the database, so each worker
    process knows when its cached specs are older than the database's."""

    key = fields.CharField(max_length=64, primary_key=True)
    value = fields.BigIntField(default=0)

    class Meta:
        table = "shared_state"
