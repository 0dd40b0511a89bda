"""Idempotency keys: the first answer of a keyed mutation, stored with the write it answers."""

from tortoise import fields
from tortoise.models import Model


class IdempotencyKey(Model):
    """One keyed mutation of one caller: the hash of its input and its answer (JSON), kept for a day."""

    id = fields.BigIntField(primary_key=True)
    caller = fields.CharField(max_length=80)  # token:<id>, or client:<keyed hash of the address> (public)
    mutation = fields.CharField(max_length=40)  # the GraphQL field name, e.g. upsertPeople
    key = fields.CharField(max_length=128)
    request_hash = fields.CharField(max_length=64)  # SHA-256 of the normalized input
    answer = fields.TextField(null=True)  # JSON; set in the transaction that inserts the row
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "idempotency_key"
        # the constraint that lets one of two concurrent requests with the same key through
        unique_together = (("caller", "mutation", "key"),)
