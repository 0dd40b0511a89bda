"""The last periodic period and the year are one evaluation: fold existing last-period assessments, ratings and
organisation predikat into the year's (services/evaluation/year_end.py; docs/DOMAIN.md, "The year end")."""

from tortoise import migrations
from tortoise.migrations import operations as ops


async def fold_year_end(apps, schema_editor) -> None:
    from kinerja.services.evaluation import year_end

    await year_end.fold(schema_editor.client)


class Migration(migrations.Migration):
    dependencies = [('models', '0009_skp_work_log_feedback')]

    initial = False

    operations = [
        ops.RunPython(fold_year_end),
    ]
