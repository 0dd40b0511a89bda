from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0020_issued_documents')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DevelopmentPlan',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='development_plans', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='development_plans', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='development_plans', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharField(max_length=16)),
                ('version', fields.IntField(default=1)),
                ('required_period', fields.CharField(null=True, max_length=8)),
                ('employee_agreed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('official_agreed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('official_agreed_by', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'development_plan', 'app': 'models', 'unique_together': (('person', 'cycle'),), 'indexes': [Index(fields=['agency_id', 'cycle_id', 'status'])], 'pk_attr': 'id', 'table_description': "A person's development plan (rencana pengembangan kompetensi) of a cycle"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DevelopmentAction',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('plan', fields.ForeignKeyField('models.DevelopmentPlan', source_field='plan_id', db_constraint=True, to_field='id', related_name='actions', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField()),
                ('kind', fields.CharField(max_length=16)),
                ('title', fields.CharField(max_length=500)),
                ('competency', fields.CharField(null=True, max_length=200)),
                ('planned_hours', fields.IntField(default=0)),
                ('due', fields.DateField(null=True)),
                ('responsible', fields.CharField(null=True, max_length=200)),
                ('source', fields.CharField(max_length=16)),
                ('source_period', fields.CharField(null=True, max_length=8)),
                ('status', fields.CharField(max_length=16)),
                ('evidence_number', fields.CharField(null=True, max_length=100)),
                ('evidence_url', fields.CharField(null=True, max_length=500)),
                ('hours_done', fields.IntField(null=True)),
                ('completed_on', fields.DateField(null=True)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('confirmed_by', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'development_action', 'app': 'models', 'unique_together': (('plan', 'position'),), 'indexes': [Index(fields=['status', 'completed_on'])], 'pk_attr': 'id', 'table_description': 'An action of a development plan, with its evidence'},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='ActingAssignment',
            options={'table': 'acting_assignment', 'app': 'models', 'indexes': [Index(fields=['post_id', 'starts_on']), Index(fields=['person_id', 'ends_on'])], 'pk_attr': 'id', 'table_description': "A Plt (vacant post) or Plh (the holder absent) holding a head post's assessing authority from `starts_on`"},
        ),
        ops.AlterModelOptions(
            name='Assignment',
            options={'table': 'assignment', 'app': 'models', 'indexes': [Index(fields=['person_id', 'ends_on']), Index(fields=['post_id', 'ends_on']), Index(fields=['supervisor_id', 'ends_on'])], 'pk_attr': 'id', 'table_description': 'A past assignment: where the person was, in which post, under whom, from `starts_on` (None: since before'},
        ),
        ops.AlterModelOptions(
            name='IndicatorDraft',
            options={'table': 'indicator_draft', 'app': 'models', 'indexes': [Index(fields=['agency_id', 'status'])], 'pk_attr': 'id', 'table_description': "One agency's unsaved-to-the-catalog indicator: DRAFT -> SUBMITTED -> APPROVED (a new version) or REJECTED"},
        ),
        ops.AlterModelOptions(
            name='OrgRating',
            options={'table': 'org_rating', 'app': 'models', 'unique_together': (('agency', 'period'),), 'pk_attr': 'id', 'table_description': "The predikat kinerja organisasi of an agency for a period, set by ADMIN (the level above); a unit's is a"},
        ),
        ops.AlterModelOptions(
            name='Post',
            options={'table': 'post', 'app': 'models', 'indexes': [Index(fields=['agency_id', 'name'])], 'pk_attr': 'id', 'table_description': "A post: a unit's head post (jabatan struktural, `head_of` that unit) or any other named post."},
        ),
        ops.AlterModelOptions(
            name='SurveyProfileRollup',
            options={'table': 'survey_profile_rollup', 'app': 'models', 'unique_together': (('agency', 'dimension', 'value', 'period'),), 'indexes': [Index(fields=['period', 'dimension'])], 'pk_attr': 'id', 'table_description': 'Survey answers per agency, profile dimension (AGE_BAND, SEX, EDUCATION, OCCUPATION), its value'},
        ),
    ]
