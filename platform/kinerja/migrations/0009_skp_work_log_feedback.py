from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0008_credential_set_by_agency_admin')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Skp',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='skps', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='skps', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='skps', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharField(max_length=16)),
                ('version', fields.IntField(default=1)),
                ('revision', fields.IntField(default=1)),
                ('approved_revision', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'skp', 'app': 'models', 'unique_together': (('person', 'cycle'),), 'indexes': [Index(fields=['agency_id', 'cycle_id', 'status'])], 'pk_attr': 'id', 'table_description': 'One SKP per person per cycle, its content in skp_revision'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SkpRevision',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('skp', fields.ForeignKeyField('models.Skp', source_field='skp_id', db_constraint=True, to_field='id', related_name='revisions', on_delete=OnDelete.RESTRICT)),
                ('number', fields.IntField()),
                ('status', fields.CharField(max_length=16)),
                ('attachments', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('return_note', fields.TextField(null=True, unique=False)),
                ('submitted_by', fields.CharField(null=True, max_length=32)),
                ('submitted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_by', fields.CharField(null=True, max_length=32)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'skp_revision', 'app': 'models', 'unique_together': (('skp', 'number'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SkpExpectation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('revision', fields.ForeignKeyField('models.SkpRevision', source_field='revision_id', db_constraint=True, to_field='id', related_name='expectations', on_delete=OnDelete.RESTRICT)),
                ('value', fields.CharField(max_length=32)),
                ('text', fields.CharField(max_length=1000)),
            ],
            options={'table': 'skp_expectation', 'app': 'models', 'unique_together': (('revision', 'value'),), 'pk_attr': 'id', 'table_description': "Ekspektasi khusus pimpinan: the leader's specific expectation for one BerAKHLAK value."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SkpItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('revision', fields.ForeignKeyField('models.SkpRevision', source_field='revision_id', db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.RESTRICT)),
                ('key', fields.CharField(max_length=16)),
                ('position', fields.IntField()),
                ('kind', fields.CharField(max_length=16)),
                ('work_result', fields.CharField(max_length=500)),
                ('parent_key', fields.CharField(null=True, max_length=16)),
                ('intervention', fields.CharField(null=True, max_length=500)),
            ],
            options={'table': 'skp_item', 'app': 'models', 'unique_together': (('revision', 'key'),), 'pk_attr': 'id', 'table_description': 'A Rencana Hasil Kerja (RHK) of one revision. `key` stays the same across revisions (R1, R2, ...), so a'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SkpIndicator',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('item', fields.ForeignKeyField('models.SkpItem', source_field='item_id', db_constraint=True, to_field='id', related_name='indicators', on_delete=OnDelete.RESTRICT)),
                ('position', fields.IntField()),
                ('aspect', fields.CharField(max_length=16)),
                ('indicator', fields.ForeignKeyField('models.Indicator', source_field='indicator_id', null=True, db_constraint=True, to_field='id', related_name='skp_indicators', on_delete=OnDelete.RESTRICT)),
                ('target_value', fields.FloatField(null=True)),
                ('target', fields.ForeignKeyField('models.Target', source_field='target_id', null=True, db_constraint=True, to_field='id', related_name='skp_indicators', on_delete=OnDelete.RESTRICT)),
                ('text', fields.CharField(null=True, max_length=500)),
                ('expected_output', fields.CharField(null=True, max_length=500)),
            ],
            options={'table': 'skp_indicator', 'app': 'models', 'pk_attr': 'id', 'table_description': "An indicator of an RHK: quantitative (an indicator of the agency's specs with a target, whose measurements"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkLogEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='work_log', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='work_log', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='work_log', on_delete=OnDelete.RESTRICT)),
                ('day', fields.DateField()),
                ('item_key', fields.CharField(null=True, max_length=16)),
                ('text', fields.CharField(max_length=1000)),
                ('minutes', fields.IntField()),
                ('evidence_url', fields.CharField(null=True, max_length=2000)),
                ('recorded_by', fields.CharField(max_length=32)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'work_log_entry', 'app': 'models', 'indexes': [Index(fields=['person_id', 'day']), Index(fields=['agency_id', 'day'])], 'pk_attr': 'id', 'table_description': 'Catatan kinerja: what a person did on a day, for an RHK of their SKP.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PerformanceFeedback',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='feedback_received', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='performance_feedback', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='performance_feedback', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('item_key', fields.CharField(null=True, max_length=16)),
                ('work_log_entry', fields.ForeignKeyField('models.WorkLogEntry', source_field='work_log_entry_id', null=True, db_constraint=True, to_field='id', related_name='feedback', on_delete=OnDelete.RESTRICT)),
                ('given_by', fields.ForeignKeyField('models.Person', source_field='given_by_id', null=True, db_constraint=True, to_field='id', related_name='feedback_given', on_delete=OnDelete.RESTRICT)),
                ('text', fields.CharField(max_length=2000)),
                ('given_on', fields.DateField()),
                ('answer', fields.CharField(null=True, max_length=2000)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'performance_feedback', 'app': 'models', 'indexes': [Index(fields=['person_id', 'period']), Index(fields=['agency_id', 'period'])], 'pk_attr': 'id', 'table_description': "Umpan balik berkelanjutan: dated feedback on an RHK or on a work-log entry, and the employee's answer."},
            bases=['Model'],
        ),
    ]
