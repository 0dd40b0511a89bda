"""Rollups the reports read: counts kept current in the same transaction as the write they count.

Each row is keyed by agency and `unit_id`, where 0 stands for the whole agency (so an agency total is one
row, not a sum over its units): a write adds to both its unit's row (when it has a unit) and the agency's.
`unit_id` is a plain integer, not a foreign key, because 0 is not a unit. Rows are never deleted by the
writes; a count that drops to zero stays as a zero row.
"""

from tortoise import fields
from tortoise.models import Model

WHOLE_AGENCY = 0


class HeadcountRollup(Model):
    """People in an agency (unit_id 0) and in each of its units, now."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="headcount_rollups", on_delete=fields.RESTRICT)
    unit_id = fields.IntField(default=WHOLE_AGENCY)
    people = fields.IntField(default=0)

    class Meta:
        table = "headcount_rollup"
        unique_together = (("agency", "unit_id"),)


class RatingRollup(Model):
    """Finalized ratings per agency (unit_id 0) or unit, period and predikat (the unit the rating was given in)."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="rating_rollups", on_delete=fields.RESTRICT)
    unit_id = fields.IntField(default=WHOLE_AGENCY)
    period = fields.CharField(max_length=8)
    predikat = fields.CharField(max_length=24)
    ratings = fields.IntField(default=0)

    class Meta:
        table = "rating_rollup"
        unique_together = (("agency", "unit_id", "period", "predikat"),)
        indexes = (("period", "unit_id"),)


class SurveyRollup(Model):
    """Survey answers per agency (unit_id 0) or unit and the answer's own period: respondents and the sum of
    each of the nine elements (the IKM is computed from these sums exactly)."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="survey_rollups", on_delete=fields.RESTRICT)
    unit_id = fields.IntField(default=WHOLE_AGENCY)
    period = fields.CharField(max_length=8)
    respondents = fields.IntField(default=0)
    u1 = fields.BigIntField(default=0)
    u2 = fields.BigIntField(default=0)
    u3 = fields.BigIntField(default=0)
    u4 = fields.BigIntField(default=0)
    u5 = fields.BigIntField(default=0)
    u6 = fields.BigIntField(default=0)
    u7 = fields.BigIntField(default=0)
    u8 = fields.BigIntField(default=0)
    u9 = fields.BigIntField(default=0)

    class Meta:
        table = "survey_rollup"
        unique_together = (("agency", "unit_id", "period"),)
        indexes = (("period", "unit_id"),)


class SurveyProfileRollup(Model):
    """Survey answers per agency, profile dimension (AGE_BAND, SEX, EDUCATION, OCCUPATION), its value
    (NOT_STATED for none) and the answer's own period: respondents and the sum of each of the nine elements. Each
    answer adds to one row of each dimension; agency totals only (no unit rows)."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="survey_profile_rollups", on_delete=fields.RESTRICT)
    dimension = fields.CharField(max_length=16)
    value = fields.CharField(max_length=24)
    period = fields.CharField(max_length=8)
    respondents = fields.IntField(default=0)
    u1 = fields.BigIntField(default=0)
    u2 = fields.BigIntField(default=0)
    u3 = fields.BigIntField(default=0)
    u4 = fields.BigIntField(default=0)
    u5 = fields.BigIntField(default=0)
    u6 = fields.BigIntField(default=0)
    u7 = fields.BigIntField(default=0)
    u8 = fields.BigIntField(default=0)
    u9 = fields.BigIntField(default=0)

    class Meta:
        table = "survey_profile_rollup"
        unique_together = (("agency", "dimension", "value", "period"),)
        indexes = (("period", "dimension"),)


class AchievementRollup(Model):
    """Measurements per agency, indicator and period: how many, the sum of their achievement in ten-thousandths
    of a percent (an exact integer, so that replacing a measurement subtracts exactly what it added), and how
    many meet their target (achievement at least 100)."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="achievement_rollups", on_delete=fields.RESTRICT)
    indicator = fields.ForeignKeyField("models.Indicator", related_name="achievement_rollups",
                                       on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    measurements = fields.IntField(default=0)
    achievement_e4 = fields.BigIntField(default=0)
    meeting_target = fields.IntField(default=0)

    class Meta:
        table = "achievement_rollup"
        unique_together = (("agency", "indicator", "period"),)
        indexes = (("period",),)
