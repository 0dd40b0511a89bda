"""Credit points (issue 23 §2): a functional post's annual credit-point coefficient (koefisien angka kredit,
PermenPANRB 1/2023; services/evaluation/credit_points.py; docs/DOMAIN.md, "Credit points"). Every post starts
without one."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0021_development_plans')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Post',
            name='credit_coefficient',
            field=fields.DecimalField(null=True, max_digits=6, decimal_places=2),
        ),
    ]
