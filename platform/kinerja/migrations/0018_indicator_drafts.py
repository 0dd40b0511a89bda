"""Indicators drafted in the console (issue 18): the draft table, an indicator's origin and retirement, and a
console version's text and people."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0017_target_bounds')]

    initial = False

    operations = [
        ops.CreateModel(
            name='IndicatorDraft',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='indicator_drafts', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=32)),
                ('indicator', fields.ForeignKeyField('models.Indicator', source_field='indicator_id', null=True, db_constraint=True, to_field='id', related_name='drafts', on_delete=OnDelete.RESTRICT)),
                ('base_version', fields.CharField(null=True, max_length=16)),
                ('yaml', fields.TextField(unique=False)),
                ('status', fields.CharField(default='DRAFT', max_length=10)),
                ('revision', fields.IntField(default=1)),
                ('created_by', fields.CharField(max_length=200)),
                ('updated_by', fields.CharField(max_length=200)),
                ('submitted_by', fields.CharField(null=True, max_length=200)),
                ('submitted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_by', fields.CharField(null=True, max_length=200)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('note', fields.CharField(null=True, max_length=2000)),
                ('approved_version', fields.CharField(null=True, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'indicator_draft', 'app': 'models', 'indexes': [Index(fields=['agency_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Indicator',
            name='origin',
            field=fields.CharField(default='file', max_length=8),
        ),
        ops.AddField(
            model_name='Indicator',
            name='retire_reason',
            field=fields.CharField(null=True, max_length=1000),
        ),
        ops.AddField(
            model_name='Indicator',
            name='retired_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Indicator',
            name='retired_by',
            field=fields.CharField(null=True, max_length=200),
        ),
        ops.AddField(
            model_name='IndicatorVersion',
            name='approved_by',
            field=fields.CharField(null=True, max_length=200),
        ),
        ops.AddField(
            model_name='IndicatorVersion',
            name='draft',
            field=fields.ForeignKeyField('models.IndicatorDraft', source_field='draft_id', null=True, db_constraint=True, to_field='id', related_name='versions', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='IndicatorVersion',
            name='drafted_by',
            field=fields.CharField(null=True, max_length=200),
        ),
        ops.AddField(
            model_name='IndicatorVersion',
            name='yaml',
            field=fields.TextField(null=True, unique=False),
        ),
    ]
