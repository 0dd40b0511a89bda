"""Public satisfaction survey (IKM): one row per response, and the service population per agency or unit."""

from tortoise import fields
from tortoise.models import Model

# The respondent's profile asked by the PermenPANRB 14/2017 questionnaire: each dimension (as the reports name it)
# and its column. Each is optional: NULL is "not stated". The closed sets of values are
# kinerja.services.survey.profile's; the reports (and the survey_profile_rollup keys) call a NULL NOT_STATED.
PROFILE_COLUMNS = {"AGE_BAND": "age_band", "SEX": "sex", "EDUCATION": "education", "OCCUPATION": "occupation"}
NOT_STATED = "NOT_STATED"
PROFILE_VALUE_MAX = 24  # the longest value code a profile column holds


class SurveyResponse(Model):
    id = fields.BigIntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="survey_responses", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="survey_responses", null=True,
                                  on_delete=fields.RESTRICT)
    cycle = fields.ForeignKeyField("models.Cycle", related_name="survey_responses", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=8)
    # the nine answers U1..U9, each 1-4, as columns so that sums and counts run in SQL
    u1 = fields.SmallIntField()
    u2 = fields.SmallIntField()
    u3 = fields.SmallIntField()
    u4 = fields.SmallIntField()
    u5 = fields.SmallIntField()
    u6 = fields.SmallIntField()
    u7 = fields.SmallIntField()
    u8 = fields.SmallIntField()
    u9 = fields.SmallIntField()
    service = fields.CharField(max_length=200, null=True)
    served_by = fields.ForeignKeyField("models.Person", related_name="survey_responses", null=True,
                                       on_delete=fields.RESTRICT)
    comment = fields.TextField(null=True)
    # the respondent's profile (PROFILE_COLUMNS), each a value code of services/survey/profile.py or NULL
    age_band = fields.CharField(max_length=PROFILE_VALUE_MAX, null=True)
    sex = fields.CharField(max_length=PROFILE_VALUE_MAX, null=True)
    education = fields.CharField(max_length=PROFILE_VALUE_MAX, null=True)
    occupation = fields.CharField(max_length=PROFILE_VALUE_MAX, null=True)
    # a keyed hash of the client address, for rate limiting; never the address itself
    client_hash = fields.CharField(max_length=64)
    submitted_at = fields.DatetimeField()

    class Meta:
        table = "survey_response"
        indexes = (("agency_id", "period"), ("unit_id", "period"), ("client_hash", "submitted_at"))


class ServicePopulation(Model):
    """How many people an agency (unit null) or a unit serves in a period's span: N of Krejcie-Morgan."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="service_populations", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="service_populations", null=True,
                                  on_delete=fields.RESTRICT)
    population = fields.IntField()
    set_by = fields.CharField(max_length=200)
    set_at = fields.DatetimeField()

    class Meta:
        table = "service_population"
        unique_together = (("agency", "unit"),)
