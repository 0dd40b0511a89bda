"""Each person's targets of a cycle become their SKP: one RHK per work result, the targets its indicators, approved
where the cycle is past planning (services/skp/from_targets.py; docs/DOMAIN.md, "The SKP document")."""

from tortoise import migrations
from tortoise.migrations import operations as ops


async def skps_from_targets(apps, schema_editor) -> None:
    from kinerja.services.skp import from_targets

    await from_targets.convert(schema_editor.client)


class Migration(migrations.Migration):
    dependencies = [('models', '0011_assessment_result_notes')]

    initial = False

    operations = [
        ops.RunPython(skps_from_targets),
    ]
