"""Sign-in: a person's password (only its scrypt hash) with the role a sign-in grants, and the failure counters
that slow, then lock, guessing for one NIP or one client address."""

from tortoise import fields
from tortoise.models import Model


class Credential(Model):
    id = fields.IntField(primary_key=True)
    person = fields.OneToOneField("models.Person", related_name="credential", on_delete=fields.RESTRICT)
    password_hash = fields.CharField(max_length=200)
    role = fields.CharField(max_length=16)  # ADMIN | AGENCY_ADMIN (of the person's agency) | EMPLOYEE
    # a one-time password set by someone else (a reset): its sessions may only change it (docs: SECURITY.md)
    must_change = fields.BooleanField(default=False)
    # an agency admin set this password (a reset): kept through the person's own changes that follow, since the
    # admin could have made them; cleared when ADMIN or the CLI sets it. Such an account may be one an agency admin
    # controls, so only ADMIN gives it subordinates (Access.may_change_supervisor; SECURITY.md)
    set_by_agency_admin = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "credential"
        table_description = "One password a person: scrypt hash and the role its sessions get."


class LoginThrottle(Model):
    id = fields.IntField(primary_key=True)
    # "nip:<nip>", "addr:<keyed hash of the address>" or "pair:<nip>:<the hash's first 32 characters>"
    key = fields.CharField(max_length=80, unique=True)
    failures = fields.IntField(default=0)
    last_failure_at = fields.DatetimeField(null=True)
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_throttle"
        table_description = "Failed sign-ins per NIP and per client address since the counter last reset."
