from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.catalog import vocabulary as v


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    RETIRED = "retired", _("Đã bãi bỏ")


class Channel(models.TextChoices):
    IN_PERSON = v.Channel.IN_PERSON.value, _("Trực tiếp")
    ONLINE = v.Channel.ONLINE.value, _("Trực tuyến")
    POSTAL = v.Channel.POSTAL.value, _("Dịch vụ bưu chính")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = v.TimeUnit.WORKING_DAYS.value, _("ngày làm việc")
    # Context: "giờ làm việc" alone also names the office-hours model of the calendar app.
    WORKING_HOURS = v.TimeUnit.WORKING_HOURS.value, pgettext_lazy("time unit", "giờ làm việc")
    CALENDAR_DAYS = v.TimeUnit.CALENDAR_DAYS.value, _("ngày (theo lịch)")
    HOURS = v.TimeUnit.HOURS.value, _("giờ")
    MONTHS = v.TimeUnit.MONTHS.value, _("tháng")
    SAME_DAY = v.TimeUnit.SAME_DAY.value, _("trong ngày")
    NOT_REGULATED = v.TimeUnit.NOT_REGULATED.value, _("không quy định thời hạn")
    UNKNOWN = v.TimeUnit.UNKNOWN.value, _("chưa xác định (cần rà soát)")


class FeeKind(models.TextChoices):
    FREE = v.FeeKind.FREE.value, _("Miễn phí")
    AMOUNT = v.FeeKind.AMOUNT.value, _("Có mức thu")
    PROVINCE = v.FeeKind.PROVINCE.value, _("Do HĐND/UBND tỉnh quy định")
    UNKNOWN = v.FeeKind.UNKNOWN.value, _("Chưa xác định (cần rà soát)")


class AgencyKind(models.TextChoices):
    MINISTRY = v.AgencyKind.MINISTRY.value, _("Bộ, cơ quan trung ương")
    PROVINCE_PC = v.AgencyKind.PROVINCE_PC.value, _("UBND cấp tỉnh")
    PROVINCE_DEPARTMENT = v.AgencyKind.PROVINCE_DEPARTMENT.value, _("Sở, ngành cấp tỉnh")
    COMMUNE_PC = v.AgencyKind.COMMUNE_PC.value, _("UBND cấp xã")
    POLICE = v.AgencyKind.POLICE.value, _("Công an")
    OTHER = v.AgencyKind.OTHER.value, _("Cơ quan khác")
    UNKNOWN = v.AgencyKind.UNKNOWN.value, _("Chưa xác định")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không cung cấp trực tuyến")
    UNKNOWN = "unknown", _("Chưa xác định")
