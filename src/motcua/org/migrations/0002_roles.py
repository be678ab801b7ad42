"""The six staff roles, as data (motcua.org.roles is their single definition)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from motcua.org.roles import ROLE_DEFINITIONS

    Role = apps.get_model("org", "Role")
    for definition in ROLE_DEFINITIONS:
        Role.objects.update_or_create(
            code=definition.code.value,
            defaults={
                "name": definition.name,
                "description": definition.description,
                "allowed_scopes": [kind.value for kind in definition.allowed_scopes],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
