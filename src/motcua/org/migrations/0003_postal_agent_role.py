"""The postal agent role (nhân viên bưu chính), added to motcua.org.roles for the postal app."""

from django.db import migrations


def create_role(apps, schema_editor):
    from motcua.org.roles import ROLE_DEFINITIONS, RoleCode

    Role = apps.get_model("org", "Role")
    for definition in ROLE_DEFINITIONS:
        if definition.code == RoleCode.POSTAL_AGENT:
            Role.objects.get_or_create(
                code=definition.code.value,
                defaults={
                    "name": definition.name,
                    "description": definition.description,
                    "allowed_scopes": [kind.value for kind in definition.allowed_scopes],
                },
            )


def remove_role(apps, schema_editor):
    apps.get_model("org", "Role").objects.filter(code="postal_agent").delete()


class Migration(migrations.Migration):
    dependencies = [("org", "0002_roles")]

    operations = [migrations.RunPython(create_role, remove_role)]
