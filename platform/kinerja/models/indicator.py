"""Indicators, from the agency spec files or from drafts approved in the console, each content version kept so
history is never rewritten; and the console's drafts (services/indicators/drafts.py)."""

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
    active = fields.BooleanField(default=True)  # false once its spec no longer lists it, or retired in the console
    origin = fields.CharField(max_length=8, default="file")  # file (a spec file) | console (an approved draft)
    retired_at = fields.DatetimeField(null=True)  # a console indicator retired by retireIndicator
    retired_by = fields.CharField(max_length=200, null=True)
    retire_reason = fields.CharField(max_length=1000, null=True)
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
    yaml = fields.TextField(null=True)  # the approved draft's text (console versions); null for a file's
    drafted_by = fields.CharField(max_length=200, null=True)  # console versions: who drafted, who approved
    approved_by = fields.CharField(max_length=200, null=True)
    draft = fields.ForeignKeyField("models.IndicatorDraft", related_name="versions", null=True,
                                   on_delete=fields.RESTRICT)

    class Meta:
        table = "indicator_version"
        unique_together = (("indicator", "version"),)


class IndicatorDraft(Model):
    """One agency's unsaved-to-the-catalog indicator: DRAFT -> SUBMITTED -> APPROVED (a new version) or REJECTED
    (editable again). `revision` counts saves: a save, submit or decision names the revision it saw."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="indicator_drafts", on_delete=fields.RESTRICT)
    code = fields.CharField(max_length=32)  # the indicator code the YAML gives
    indicator = fields.ForeignKeyField("models.Indicator", related_name="drafts", null=True,
                                       on_delete=fields.RESTRICT)  # the indicator it changes; null: a new one
    base_version = fields.CharField(max_length=16, null=True)  # that indicator's version when the draft began
    yaml = fields.TextField()
    status = fields.CharField(max_length=10, default="DRAFT")  # DRAFT | SUBMITTED | APPROVED | REJECTED
    revision = fields.IntField(default=1)
    created_by = fields.CharField(max_length=200)
    updated_by = fields.CharField(max_length=200)
    submitted_by = fields.CharField(max_length=200, null=True)
    submitted_at = fields.DatetimeField(null=True)
    decided_by = fields.CharField(max_length=200, null=True)
    decided_at = fields.DatetimeField(null=True)
    note = fields.CharField(max_length=2000, null=True)  # the rejection's reason
    approved_version = fields.CharField(max_length=16, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "indicator_draft"
        indexes = (("agency_id", "status"),)
