"""Posts, past assignments and acting assignments (models/assignment.py); every unit whose head can be told from
the supervisor tree gets a head post held by that person (services/org/head_posts.py; docs/DOMAIN.md, "Posts,
assignments and acting officials")."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


async def head_posts(apps, schema_editor) -> None:
    from kinerja.services.org.head_posts import create_head_posts

    await create_head_posts(schema_editor.client, "migration 0016_assignments")


class Migration(migrations.Migration):
    dependencies = [('models', '0015_unit_org_predikat')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Post',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='posts', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='posts', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('kind', fields.CharField(max_length=16)),
                ('head_of', fields.OneToOneField('models.Unit', source_field='head_of_id', null=True, db_constraint=True, to_field='id', related_name='head_post', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'post', 'app': 'models', 'indexes': [Index(fields=['agency_id', 'name'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Person',
            name='post',
            field=fields.ForeignKeyField('models.Post', source_field='post_id', null=True, db_constraint=True, to_field='id', related_name='holders', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Person',
            name='assigned_since',
            field=fields.DateField(null=True),
        ),
        ops.AddField(
            model_name='Person',
            name='reports_to_post',
            field=fields.ForeignKeyField('models.Post', source_field='reports_to_post_id', null=True, db_constraint=True, to_field='id', related_name='reporting', on_delete=OnDelete.RESTRICT),
        ),
        ops.CreateModel(
            name='Assignment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='past_assignments', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='past_assignments', on_delete=OnDelete.RESTRICT)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='past_assignments', on_delete=OnDelete.RESTRICT)),
                ('post', fields.ForeignKeyField('models.Post', source_field='post_id', null=True, db_constraint=True, to_field='id', related_name='past_holders', on_delete=OnDelete.RESTRICT)),
                ('position', fields.CharField(max_length=200)),
                ('supervisor', fields.ForeignKeyField('models.Person', source_field='supervisor_id', null=True, db_constraint=True, to_field='id', related_name='past_subordinates', on_delete=OnDelete.RESTRICT)),
                ('reports_to_post', fields.ForeignKeyField('models.Post', source_field='reports_to_post_id', null=True, db_constraint=True, to_field='id', related_name='past_reporting', on_delete=OnDelete.RESTRICT)),
                ('starts_on', fields.DateField(null=True)),
                ('ends_on', fields.DateField()),
                ('reason', fields.TextField(null=True, unique=False)),
                ('skp_revision', fields.ForeignKeyField('models.SkpRevision', source_field='skp_revision_id', null=True, db_constraint=True, to_field='id', related_name='posts_ended', on_delete=OnDelete.RESTRICT)),
                ('recorded_by', fields.CharField(max_length=200)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'assignment', 'app': 'models', 'indexes': [Index(fields=['person_id', 'ends_on']), Index(fields=['post_id', 'ends_on']), Index(fields=['supervisor_id', 'ends_on'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ActingAssignment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('post', fields.ForeignKeyField('models.Post', source_field='post_id', db_constraint=True, to_field='id', related_name='acting', on_delete=OnDelete.RESTRICT)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='acting_assignments', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='acting_assignments', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharField(max_length=4)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('decree', fields.CharField(max_length=200)),
                ('recorded_by', fields.CharField(max_length=200)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'acting_assignment', 'app': 'models', 'indexes': [Index(fields=['post_id', 'starts_on']), Index(fields=['person_id', 'ends_on'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddIndex(model_name='Person', index=Index(fields=['post_id'])),
        ops.AddIndex(model_name='Person', index=Index(fields=['reports_to_post_id'])),
        ops.RunPython(head_posts),
    ]
