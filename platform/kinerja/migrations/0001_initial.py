from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Agency',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'agency', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('actor', fields.CharField(max_length=200)),
                ('action', fields.CharField(max_length=64)),
                ('entity', fields.CharField(max_length=64)),
                ('entity_id', fields.CharField(max_length=64)),
                ('before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('prev_hash', fields.CharField(unique=True, max_length=64)),
                ('hash', fields.CharField(unique=True, max_length=64)),
            ],
            options={'table': 'audit_event', 'app': 'models', 'indexes': [Index(fields=['entity', 'entity_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Cycle',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('year', fields.IntField(unique=True)),
                ('periodicity', fields.CharField(max_length=16)),
                ('status', fields.CharField(max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'cycle', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Unit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='units', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('parent', fields.ForeignKeyField('models.Unit', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'unit', 'app': 'models', 'unique_together': (('agency', 'code'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Person',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('nip', fields.CharField(unique=True, max_length=18)),
                ('name', fields.CharField(max_length=200)),
                ('employment_type', fields.CharField(max_length=8)),
                ('position', fields.CharField(max_length=200)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='people', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='people', on_delete=OnDelete.RESTRICT)),
                ('supervisor', fields.ForeignKeyField('models.Person', source_field='supervisor_id', null=True, db_constraint=True, to_field='id', related_name='subordinates', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'person', 'app': 'models', 'indexes': [Index(fields=['name', 'id']), Index(fields=['agency_id', 'name', 'id']), Index(fields=['unit_id', 'name', 'id']), Index(fields=['supervisor_id', 'name', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ApiToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('role', fields.CharField(max_length=16)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', null=True, db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.RESTRICT)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', null=True, db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.RESTRICT)),
                ('label', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_token', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
