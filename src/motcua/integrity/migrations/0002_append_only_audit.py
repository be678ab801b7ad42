"""The audit rows cannot be updated or deleted: a trigger on PostgreSQL and SQLite (ADR 0031)."""

from django.db import migrations

from motcua.core.kernel import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("integrity", "0001_initial")]

    operations = [AppendOnly("integrity_riskcaseevent")]
