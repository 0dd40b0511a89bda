from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_indicators_targets_measurements')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Assessment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='assessments', on_delete=OnDelete.RESTRICT)),
                ('assessor', fields.ForeignKeyField('models.Person', source_field='assessor_id', db_constraint=True, to_field='id', related_name='assessments_given', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='assessments', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='assessments', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('result_rating', fields.CharField(max_length=24)),
                ('behavior_rating', fields.CharField(max_length=24)),
                ('behavior_notes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('comment', fields.TextField(null=True, unique=False)),
                ('acted_by_admin', fields.BooleanField(default=False)),
                ('version', fields.IntField(default=1)),
                ('recorded_by', fields.CharField(max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'assessment', 'app': 'models', 'unique_together': (('person', 'period', 'kind'),), 'indexes': [Index(fields=['agency_id', 'period']), Index(fields=['assessor_id', 'period'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrgRating',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='org_ratings', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='org_ratings', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('predikat', fields.CharField(max_length=24)),
                ('set_by', fields.CharField(max_length=200)),
                ('set_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'org_rating', 'app': 'models', 'unique_together': (('agency', 'period'),), 'pk_attr': 'id', 'table_description': 'The predikat kinerja organisasi of an agency for a period, set by ADMIN (the level above).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Rating',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('assessment', fields.ForeignKeyField('models.Assessment', source_field='assessment_id', db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('result_rating', fields.CharField(max_length=24)),
                ('behavior_rating', fields.CharField(max_length=24)),
                ('predikat', fields.CharField(max_length=24)),
                ('suggested_result_rating', fields.CharField(null=True, max_length=24)),
                ('suggestion_reason', fields.TextField(null=True, unique=False)),
                ('override_reason', fields.TextField(null=True, unique=False)),
                ('curve_justification', fields.TextField(null=True, unique=False)),
                ('curve_warnings', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('finalized_by', fields.CharField(max_length=200)),
                ('finalized_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rating', 'app': 'models', 'unique_together': (('person', 'period'),), 'indexes': [Index(fields=['agency_id', 'period', 'predikat']), Index(fields=['period', 'predikat'])], 'pk_attr': 'id', 'table_description': 'The finalized rating of a person for a period: one at most (unique), never changed, only reopened.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ServicePopulation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='service_populations', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='service_populations', on_delete=OnDelete.RESTRICT)),
                ('population', fields.IntField()),
                ('set_by', fields.CharField(max_length=200)),
                ('set_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'service_population', 'app': 'models', 'unique_together': (('agency', 'unit'),), 'pk_attr': 'id', 'table_description': "How many people an agency (unit null) or a unit serves in a period's span: N of Krejcie-Morgan."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='survey_responses', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='survey_responses', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='survey_responses', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('u1', fields.SmallIntField()),
                ('u2', fields.SmallIntField()),
                ('u3', fields.SmallIntField()),
                ('u4', fields.SmallIntField()),
                ('u5', fields.SmallIntField()),
                ('u6', fields.SmallIntField()),
                ('u7', fields.SmallIntField()),
                ('u8', fields.SmallIntField()),
                ('u9', fields.SmallIntField()),
                ('service', fields.CharField(null=True, max_length=200)),
                ('served_by', fields.ForeignKeyField('models.Person', source_field='served_by_id', null=True, db_constraint=True, to_field='id', related_name='survey_responses', on_delete=OnDelete.RESTRICT)),
                ('comment', fields.TextField(null=True, unique=False)),
                ('client_hash', fields.CharField(max_length=64)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'survey_response', 'app': 'models', 'indexes': [Index(fields=['agency_id', 'period']), Index(fields=['unit_id', 'period']), Index(fields=['client_hash', 'submitted_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
