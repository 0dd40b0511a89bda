"""API tokens: only the SHA-256 of the secret is stored, with the role it grants."""

from tortoise import fields
from tortoise.models import Model


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    role = fields.CharField(max_length=16)  # ADMIN | AGENCY_ADMIN | EMPLOYEE
    agency = fields.ForeignKeyField("models.Agency", related_name="tokens", null=True, on_delete=fields.RESTRICT)
    person = fields.ForeignKeyField("models.Person", related_name="tokens", null=True, on_delete=fields.RESTRICT)
    label = fields.CharField(max_length=200, default="")
    # a sign-in's token (login), which logout revokes; False for the API tokens of `kinerja token create`
    session = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
