"""Nightly broker scan of every province with dossiers (Celery beat, settings.CELERY_BEAT_SCHEDULE)."""

from motcua.celery import app


@app.task(name="integrity.scan", ignore_result=True)
def scan_all() -> dict[str, int]:
    from motcua.dossiers.models import Dossier
    from motcua.units.models import AdministrativeUnit

    from .services import scan

    out = {}
    ids = Dossier.objects.values_list("province_id", flat=True).distinct()
    for province in AdministrativeUnit.objects.filter(pk__in=list(ids)).order_by("code"):
        out[province.code] = scan(province).flagged
    return out
