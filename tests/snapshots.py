"""Rows committed outside test transactions (package-wide reference data), removed afterwards: a
snapshot of each table's last id, and a DELETE of everything newer."""

from django.apps import apps
from django.db import connection

from motcua.core import kernel


def last_ids(app_labels) -> dict:
    found = {}
    for model in (m for label in app_labels for m in apps.get_app_config(label).get_models()):
        if (
            model._meta.proxy
            or not model._meta.managed
            or not model._meta.pk.get_internal_type().endswith("AutoField")
        ):
            continue  # sessions (keyed by text) are made inside tests, rolled back with them
        found[model] = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return found


def delete_newer(before: dict) -> None:
    """Inside a transaction: foreign keys are deferred (SQLite and PostgreSQL alike), so one DELETE per
    table, in any order."""
    with kernel.purging(), connection.cursor() as cursor:  # audit rows are append-only (ADR 0031)
        for model, last in before.items():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [last])  # noqa: S608 (names from models)
    # The maintained aggregates (ADR 0049) were upserted by the removed dossiers' events: counted again
    # from the dossiers that remain, as after any bulk change.
    if before and apps.is_installed("motcua.index"):
        from motcua.index import aggregates

        aggregates.rebuild()
