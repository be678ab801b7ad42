"""PostgreSQL only: published windows of one procedure may not overlap (btree_gist + daterange).

SQLite has no exclusion constraints; there `services.publish` is the guard (row lock + check). The
constraint is not declared in the model's Meta because Django would try to create it on SQLite too.
Creating the btree_gist extension needs a role allowed to CREATE EXTENSION (superuser or, on PostgreSQL
13+, a database owner when the extension is trusted — btree_gist is).
"""

from django.db import migrations

CONSTRAINT = "catalog_published_windows_no_overlap"

FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE catalog_procedureversion ADD CONSTRAINT {CONSTRAINT}
  EXCLUDE USING gist (procedure_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&)
  WHERE (status = 'published');
"""
BACKWARD = f"ALTER TABLE catalog_procedureversion DROP CONSTRAINT IF EXISTS {CONSTRAINT};"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
