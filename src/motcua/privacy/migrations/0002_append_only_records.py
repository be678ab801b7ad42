"""The read log and the privacy events refuse UPDATE and DELETE (ADR 0031, ADR 0053)."""

from django.db import migrations

from motcua.core.kernel import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_read_log_and_privacy_events")]

    operations = [AppendOnly("privacy_personaldataread"), AppendOnly("privacy_privacyevent")]
