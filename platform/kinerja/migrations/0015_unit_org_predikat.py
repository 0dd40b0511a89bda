"""The organisation predikat of a unit for a period (SE MenPANRB 3/2023), beside the agency's org_rating: its own
table (models/assessment.py UnitOrgRating)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0014_survey_respondent_profile')]

    initial = False

    operations = [
        ops.CreateModel(
            name='UnitOrgRating',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='unit_org_ratings', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='org_ratings', on_delete=OnDelete.RESTRICT)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='unit_org_ratings', on_delete=OnDelete.RESTRICT)),
                ('period', fields.CharField(max_length=8)),
                ('predikat', fields.CharField(max_length=24)),
                ('set_by', fields.CharField(max_length=200)),
                ('set_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'unit_org_rating', 'app': 'models', 'unique_together': (('unit', 'period'),), 'indexes': [Index(fields=['agency_id', 'period'])], 'pk_attr': 'id', 'table_description': 'The predikat kinerja organisasi of a unit for a period, set by the level above (the agency\'s admin or ADMIN).'},
            bases=['Model'],
        ),
    ]
