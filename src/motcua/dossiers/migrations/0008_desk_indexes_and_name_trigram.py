"""The officers' desks (ADR 0026): "received today" per reception place, and name search by any part
of the name.

- `(received_place, received_at)`: a reception officer's "received today" is one range per place.
- Name search became "contains" ("minh anh" finds "nguyen minh anh"): on PostgreSQL a trigram GIN index
  on the folded name serves `LIKE '%…%'`; the two prefix-only indexes it replaces go. The pg_trgm
  extension is trusted (PostgreSQL 13+): a database owner may create it. SQLite scans the officer's
  rows, which the embedded default's sizes allow.
"""

from django.db import migrations, models

TRIGRAM = "dossier_name_trgm_idx"
FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS {TRIGRAM} ON dossiers_dossier USING gin (applicant_name_folded gin_trgm_ops);
"""
BACKWARD = f"DROP INDEX IF EXISTS {TRIGRAM};"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_leaner_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="dossier", name="dossier_place_name_idx"),
        migrations.RemoveIndex(model_name="dossier", name="dossier_agency_name_idx"),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["received_place", "received_at"], name="dossier_place_received_idx"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
