"""The catalog's controlled values as plain strings (no Django): shared by the pure parser and the models.

`models/choices.py` gives each value its Vietnamese label; a test checks the two stay in step.
"""

from enum import StrEnum


class Channel(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    POSTAL = "postal"


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    MONTHS = "months"
    SAME_DAY = "same_day"
    NOT_REGULATED = "not_regulated"
    UNKNOWN = "unknown"


class FeeKind(StrEnum):
    FREE = "free"
    AMOUNT = "amount"
    PROVINCE = "province"
    UNKNOWN = "unknown"


class AgencyKind(StrEnum):
    MINISTRY = "ministry"
    PROVINCE_PC = "province_pc"
    PROVINCE_DEPARTMENT = "province_department"
    COMMUNE_PC = "commune_pc"
    POLICE = "police"
    OTHER = "other"
    UNKNOWN = "unknown"


# Units a deadline can be computed from ("not regulated" is usable too: there is no deadline).
USABLE_TIME_UNITS = frozenset(TimeUnit) - {TimeUnit.UNKNOWN}
USABLE_FEE_KINDS = frozenset(FeeKind) - {FeeKind.UNKNOWN}
