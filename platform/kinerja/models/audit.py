"""Audit events: append-only, each chained to the previous one by hash."""

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    actor = fields.CharField(max_length=200)
    action = fields.CharField(max_length=64)
    entity = fields.CharField(max_length=64)
    entity_id = fields.CharField(max_length=64)
    before = fields.JSONField(null=True)
    after = fields.JSONField(null=True)
    # unique: two writers cannot both extend the same event, so the chain never forks
    prev_hash = fields.CharField(max_length=64, unique=True)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_event"
        indexes = (("entity", "entity_id"),)
