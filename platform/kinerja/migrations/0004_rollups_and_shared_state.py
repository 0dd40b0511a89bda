from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index



async def fill_rollups(apps, schema_editor) -> None:
    """A database that already holds people, ratings, answers or measurements gets exact rollups at once.

    Calls the current rebuild(): it reads only tables of migrations 0001-0004, and a later migration that
    changes them must fill its own rollups."""
    from kinerja.services.core.rollups import rebuild

    await rebuild(schema_editor.client)


class Migration(migrations.Migration):
    dependencies = [('models', '0003_assessments_ratings_survey')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AchievementRollup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='achievement_rollups', on_delete=OnDelete.RESTRICT)),
                ('indicator', fields.ForeignKeyField('models.Indicator', source_field='indicator_id', db_constraint=True, to_field='id', related_name='achievement_rollups', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('measurements', fields.IntField(default=0)),
                ('achievement_e4', fields.BigIntField(default=0)),
                ('meeting_target', fields.IntField(default=0)),
            ],
            options={'table': 'achievement_rollup', 'app': 'models', 'unique_together': (('agency', 'indicator', 'period'),), 'indexes': [Index(fields=['period'])], 'pk_attr': 'id', 'table_description': 'Measurements per agency, indicator and period: how many, the sum of their achievement in ten-thousandths'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HeadcountRollup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='headcount_rollups', on_delete=OnDelete.RESTRICT)),
                ('unit_id', fields.IntField(default=0)),
                ('people', fields.IntField(default=0)),
            ],
            options={'table': 'headcount_rollup', 'app': 'models', 'unique_together': (('agency', 'unit_id'),), 'pk_attr': 'id', 'table_description': 'People in an agency (unit_id 0) and in each of its units, now.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RatingRollup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='rating_rollups', on_delete=OnDelete.RESTRICT)),
                ('unit_id', fields.IntField(default=0)),
                ('period', fields.CharField(max_length=8)),
                ('predikat', fields.CharField(max_length=24)),
                ('ratings', fields.IntField(default=0)),
            ],
            options={'table': 'rating_rollup', 'app': 'models', 'unique_together': (('agency', 'unit_id', 'period', 'predikat'),), 'indexes': [Index(fields=['period', 'unit_id'])], 'pk_attr': 'id', 'table_description': 'Finalized ratings per agency (unit_id 0) or unit, period and predikat (the unit the rating was given in).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SharedState',
            fields=[
                ('key', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('value', fields.BigIntField(default=0)),
            ],
            options={'table': 'shared_state', 'app': 'models', 'pk_attr': 'key', 'table_description': 'A named counter. `specs_generation` goes up with every spec sync that changes the database, so each worker'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyRollup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='survey_rollups', on_delete=OnDelete.RESTRICT)),
                ('unit_id', fields.IntField(default=0)),
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
            options={'table': 'survey_rollup', 'app': 'models', 'unique_together': (('agency', 'unit_id', 'period'),), 'indexes': [Index(fields=['period', 'unit_id'])], 'pk_attr': 'id', 'table_description': "Survey answers per agency (unit_id 0) or unit and the answer's own period: respondents and the sum of"},
            bases=['Model'],
        ),
        ops.RunPython(fill_rollups, ops.RunPython.noop),
    ]
