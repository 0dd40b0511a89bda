from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Indicator',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='indicators', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=32)),
                ('full_code', fields.CharField(unique=True, max_length=80)),
                ('name', fields.CharField(max_length=200)),
                ('unit', fields.CharField(max_length=200)),
                ('direction', fields.CharField(max_length=20)),
                ('level', fields.CharField(max_length=10)),
                ('version', fields.CharField(max_length=16)),
                ('definition', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('active', fields.BooleanField(default=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'indicator', 'app': 'models', 'unique_together': (('agency', 'code'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='IndicatorVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('indicator', fields.ForeignKeyField('models.Indicator', source_field='indicator_id', db_constraint=True, to_field='id', related_name='versions', on_delete=OnDelete.RESTRICT)),
                ('version', fields.CharField(max_length=16)),
                ('definition', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'indicator_version', 'app': 'models', 'unique_together': (('indicator', 'version'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Target',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.RESTRICT)),
                ('indicator', fields.ForeignKeyField('models.Indicator', source_field='indicator_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.RESTRICT)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', null=True, db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.RESTRICT)),
                ('work_result', fields.CharField(max_length=500)),
                ('value', fields.FloatField()),
                ('parent', fields.ForeignKeyField('models.Target', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'target', 'app': 'models', 'indexes': [Index(fields=['person_id', 'cycle_id']), Index(fields=['unit_id', 'cycle_id']), Index(fields=['agency_id', 'cycle_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Measurement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('target', fields.ForeignKeyField('models.Target', source_field='target_id', db_constraint=True, to_field='id', related_name='measurements', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('inputs', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('value', fields.FloatField()),
                ('achievement', fields.FloatField()),
                ('suggested_rating', fields.CharField(max_length=24)),
                ('spec_version', fields.CharField(max_length=16)),
                ('evidence_url', fields.CharField(null=True, max_length=2000)),
                ('recorded_by', fields.CharField(max_length=200)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'measurement', 'app': 'models', 'unique_together': (('target', 'period'),), 'indexes': [Index(fields=['period'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
