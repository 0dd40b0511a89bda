from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_one_time_passwords')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Credential',
            name='set_by_agency_admin',
            field=fields.BooleanField(default=False),
        ),
    ]
