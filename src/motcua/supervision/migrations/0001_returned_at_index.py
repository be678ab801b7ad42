"""An index on the dossiers' return moment, for the supervisor's "returned today" and the 30-day trend.

Made here with SQL (ADR 0040) rather than in the dossier model, which other work changes concurrently;
`IF NOT EXISTS` keeps it harmless should the dossier model declare the same index later.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0008_desk_indexes_and_name_trigram")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS dossier_returned_at_idx ON dossiers_dossier (returned_at)",
            "DROP INDEX IF EXISTS dossier_returned_at_idx",
        )
    ]
