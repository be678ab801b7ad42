"""Postal addresses from what the applicant declared: street address + the commune's full unit name from
the administrative map ("Phường Ba Đình, Thành phố Hà Nội")."""

from __future__ import annotations

from motcua.units.models import AdministrativeUnit


def unit_line(commune: AdministrativeUnit) -> str:
    """The commune and its province, as in force when the commune row was (a current commune: today)."""
    provinces = AdministrativeUnit.objects.provinces().filter(code=commune.province_code)
    if commune.valid_to is None:
        province = provinces.current().first()
    else:
        province = provinces.at(commune.valid_from).first()
    return ", ".join(part for part in (commune.full_name, getattr(province, "full_name", "")) if part)


def full_address(street: str, commune: AdministrativeUnit) -> str:
    street = " ".join((street or "").split())
    return ", ".join(part for part in (street, unit_line(commune)) if part)
