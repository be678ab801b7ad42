from .agencies import Agency, AgencyKind
from .places import Branch, CenterModel, Counter, PlaceKind, ReceptionPlace, ServiceCenter, ServicePoint
from .staff import Role, StaffAssignment

__all__ = [
    "Agency",
    "AgencyKind",
    "Branch",
    "CenterModel",
    "Counter",
    "PlaceKind",
    "ReceptionPlace",
    "Role",
    "ServiceCenter",
    "ServicePoint",
    "StaffAssignment",
]
