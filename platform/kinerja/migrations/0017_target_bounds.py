from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0016_assignments')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Target',
            name='lower_bound',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Target',
            name='upper_bound',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='SkpIndicator',
            name='target_lower',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='SkpIndicator',
            name='target_upper',
            field=fields.FloatField(null=True),
        ),
    ]
