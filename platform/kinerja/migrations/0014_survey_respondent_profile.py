from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


async def fill_profile_rollup(apps, schema_editor) -> None:
    """Answers given before this migration count in the new rollup, each dimension NOT_STATED (rollups.LATER).

    Calls the current rebuild() of that one table: it reads survey_response as of this migration; a later
    migration that changes what it reads must fill its own rollups."""
    from kinerja.services.core.rollups import SURVEY_PROFILE, rebuild

    await rebuild(schema_editor.client, [SURVEY_PROFILE])


class Migration(migrations.Migration):
    dependencies = [('models', '0013_objections')]

    initial = False

    operations = [
        ops.AddField(
            model_name='SurveyResponse',
            name='age_band',
            field=fields.CharField(null=True, max_length=24),
        ),
        ops.AddField(
            model_name='SurveyResponse',
            name='sex',
            field=fields.CharField(null=True, max_length=24),
        ),
        ops.AddField(
            model_name='SurveyResponse',
            name='education',
            field=fields.CharField(null=True, max_length=24),
        ),
        ops.AddField(
            model_name='SurveyResponse',
            name='occupation',
            field=fields.CharField(null=True, max_length=24),
        ),
        ops.CreateModel(
            name='SurveyProfileRollup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='survey_profile_rollups', on_delete=OnDelete.RESTRICT)),
                ('dimension', fields.CharField(max_length=16)),
                ('value', fields.CharField(max_length=24)),
                ('period', fields.CharField(max_length=8)),
                ('respondents', fields.IntField(default=0)),
                ('u1', fields.BigIntField(default=0)),
                ('u2', fields.BigIntField(default=0)),
                ('u3', fields.BigIntField(default=0)),
                ('u4', fields.BigIntField(default=0)),
                ('u5', fields.BigIntField(default=0)),
                ('u6', fields.BigIntField(default=0)),
                ('u7', fields.BigIntField(default=0)),
                ('u8', fields.BigIntField(default=0)),
                ('u9', fields.BigIntField(default=0)),
            ],
            options={'table': 'survey_profile_rollup', 'app': 'models', 'unique_together': (('agency', 'dimension', 'value', 'period'),), 'indexes': [Index(fields=['period', 'dimension'])], 'pk_attr': 'id', 'table_description': 'Survey answers per agency, profile dimension (AGE_BAND, SEX, EDUCATION, OCCUPATION), its value (NOT_STATED for none) and the answer\'s own period.'},
            bases=['Model'],
        ),
        ops.RunPython(fill_profile_rollup, ops.RunPython.noop),
    ]
