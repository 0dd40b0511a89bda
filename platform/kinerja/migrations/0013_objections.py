from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0012_skp_from_targets')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Objection',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='objections', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='objections', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='objections', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('rating', fields.ForeignKeyField('models.Rating', source_field='rating_id', null=True, db_constraint=True, to_field='id', related_name='objections', on_delete=OnDelete.SET_NULL)),
                ('assessor', fields.ForeignKeyField('models.Person', source_field='assessor_id', null=True, db_constraint=True, to_field='id', related_name='objections_assessed', on_delete=OnDelete.RESTRICT)),
                ('decider', fields.ForeignKeyField('models.Person', source_field='decider_id', null=True, db_constraint=True, to_field='id', related_name='objections_to_decide', on_delete=OnDelete.RESTRICT)),
                ('reason', fields.TextField(unique=False)),
                ('status', fields.CharField(max_length=16)),
                ('old_result_rating', fields.CharField(max_length=24)),
                ('old_behavior_rating', fields.CharField(max_length=24)),
                ('old_predikat', fields.CharField(max_length=24)),
                ('new_result_rating', fields.CharField(null=True, max_length=24)),
                ('new_behavior_rating', fields.CharField(null=True, max_length=24)),
                ('new_predikat', fields.CharField(null=True, max_length=24)),
                ('decision_reason', fields.TextField(null=True, unique=False)),
                ('decision_reference', fields.CharField(null=True, max_length=200)),
                ('decided_by', fields.CharField(null=True, max_length=200)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('filed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'objection', 'app': 'models', 'unique_together': (('person', 'period'),), 'indexes': [Index(fields=['agency_id', 'period', 'status']), Index(fields=['decider_id', 'status']), Index(fields=['assessor_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ObjectionStatement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('objection', fields.ForeignKeyField('models.Objection', source_field='objection_id', db_constraint=True, to_field='id', related_name='statements', on_delete=OnDelete.RESTRICT)),
                ('author', fields.ForeignKeyField('models.Person', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='objection_statements', on_delete=OnDelete.RESTRICT)),
                ('role', fields.CharField(max_length=16)),
                ('text', fields.TextField(unique=False)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'objection_statement', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A statement on an open objection: by the employee, the assessing official, the deciding superior or ADMIN.'},
            bases=['Model'],
        ),
    ]
