"""Every role × every door of the site × its own unit's dossier and another unit's: the status the
expectation table says, a refusal in Vietnamese (or with an API error code), and no personal data
the role may not see anywhere in the body (tests/privilege/doors.py; ADR 0051)."""

import pytest
from django.urls import reverse

from .conftest import ROLES
from .doors import OTHER, OWN, doors, knock
from .expectations import DOORS


def test_every_door_has_an_entry_and_every_entry_a_door():
    found = doors()
    missing = sorted(set(found) - set(DOORS))
    assert not missing, f"doors without an expectation (decide who may open them): {missing}"
    stale = sorted(set(DOORS) - set(found))
    assert not stale, f"expectations of doors that no longer exist: {stale}"


@pytest.mark.parametrize("key", sorted(DOORS))
def test_each_role_finds_what_the_table_says(matrix, key):
    door = DOORS[key]
    expected = door.outcomes()
    assert sorted(expected) == sorted(ROLES), f"{key}: the table names every role once"
    found, wrong = {}, []
    for role in ROLES:
        units = (OWN[role], OTHER[role]) if door.per_unit else (None,)
        found[role] = tuple(knock(matrix, role, key, door, unit) for unit in units)
        if found[role] != expected[role]:
            wrong.append(f"{role}: expected {'/'.join(expected[role])}, got {'/'.join(found[role])}")
    assert not wrong, f"{key}: " + "; ".join(wrong)


def test_the_officers_bar_offers_no_door_that_refuses_the_role(matrix):
    search, feedback = reverse("workspace:search"), reverse("feedback:officer-list")
    catalog = matrix.client("cat").get(reverse("workspace:catalog-queue")).content.decode()
    assert reverse("workspace:catalog-queue") in catalog
    assert f'href="{search}"' not in catalog and f'href="{feedback}"' not in catalog
    counter = matrix.client("rec").get(reverse("workspace:home")).content.decode()
    assert f'href="{search}"' in counter and f'href="{feedback}"' in counter
