"""Demo queue services: four service groups at the Hà Nội center and its branches (idempotent)."""

from django.db import transaction

from motcua.catalog.models import Field
from motcua.org.models import PlaceKind, ReceptionPlace

from .models import QueueService

GROUPS = (
    ("A", "ho-tich", "Hộ tịch, chứng thực", "Hộ tịch"),
    ("B", "dat-dai", "Đất đai, xây dựng", "Đất đai"),
    ("C", "kinh-doanh", "Đăng ký kinh doanh, đầu tư", "Thành lập và hoạt động của doanh nghiệp"),
    ("D", "khac", "Các lĩnh vực khác", None),
)


def load(province_code: str = "01") -> int:
    places = ReceptionPlace.objects.filter(
        province__code=province_code, kind__in=(PlaceKind.CENTER, PlaceKind.BRANCH), is_active=True
    )
    fields = {f.name: f for f in Field.objects.filter(name__in=[g[3] for g in GROUPS if g[3]])}
    created = 0
    with transaction.atomic():
        for place in places:
            existing = set(QueueService.objects.filter(place=place).values_list("code", flat=True))
            for order, (prefix, code, name, field_name) in enumerate(GROUPS):
                if code in existing:
                    continue
                QueueService.objects.create(
                    place=place,
                    prefix=prefix,
                    code=code,
                    name=name,
                    field=fields.get(field_name),
                    order=order,
                )
                created += 1
    return created
