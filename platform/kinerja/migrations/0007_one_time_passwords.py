from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_sign_in')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Credential',
            name='must_change',
            field=fields.BooleanField(default=False),
        ),
    ]
