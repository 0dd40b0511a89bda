"""Leaving the service (issue 19): a person's departure, its day, reason, note and who recorded it
(services/org/departures.py; docs/DOMAIN.md, "Leaving the service"). Everyone stays in service: the columns start
empty."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0018_indicator_drafts')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Person',
            name='left_at',
            field=fields.DateField(null=True),
        ),
        ops.AddField(
            model_name='Person',
            name='left_reason',
            field=fields.CharField(null=True, max_length=16),
        ),
        ops.AddField(
            model_name='Person',
            name='left_note',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='Person',
            name='left_by',
            field=fields.CharField(null=True, max_length=200),
        ),
    ]
