"""Issued official documents (services/documents): the code printed on the paper and its QR code, and the facts
the document printed, so that /verify/<code> can show them and say whether the record still says the same."""

from tortoise import fields
from tortoise.models import Model


class IssuedDocument(Model):
    id = fields.BigIntField(primary_key=True)
    # the verification code: 120 random bits, base32 (services/documents/issue.py); unique, never reused
    code = fields.CharField(max_length=32, unique=True)
    kind = fields.CharField(max_length=32)  # evaluasi | ...
    # the subject as plain values (they stay readable whatever happens to the records later)
    agency = fields.ForeignKeyField("models.Agency", related_name="issued_documents", on_delete=fields.RESTRICT)
    unit_code = fields.CharField(max_length=32, null=True)
    nip = fields.CharField(max_length=18, null=True)  # a person's document; None for an agency's or a unit's
    period = fields.CharField(max_length=8)
    facts = fields.JSONField()  # the canonical facts printed (sorted keys)
    facts_hash = fields.CharField(max_length=64)  # SHA-256 of their canonical JSON text
    issued_at = fields.DatetimeField()
    issued_by = fields.CharField(max_length=200)

    class Meta:
        table = "issued_document"
        indexes = (("kind", "nip", "period"), ("agency_id", "period"))
        table_description = "Official documents issued, with the facts they printed, for /verify/<code>"
