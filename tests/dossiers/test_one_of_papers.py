"""Papers of a one-of group (catalog ADR 0022): the counter receives a dossier with any one of them, and
a conditional paper (not required) is never asked for."""

from datetime import date

import pytest

from motcua.catalog import services as catalog
from motcua.core.errors import DomainError
from motcua.dossiers import services

from .factories import at, person


@pytest.fixture
def passport_or_id_card(world):
    draft = catalog.create_draft(
        procedure=world.licence,
        from_version=world.version(world.licence),
        data={
            "cases": [],
            "documents": [
                {"name": "Tờ khai", "originals": 1, "copies": 0, "case": None},
                {"name": "Hộ chiếu", "originals": 1, "copies": 0, "one_of": "1", "case": None},
                {"name": "Thẻ căn cước", "originals": 1, "copies": 0, "one_of": "1", "case": None},
                {
                    "name": "Văn bản ủy quyền trong trường hợp ủy quyền",
                    "originals": 1,
                    "copies": 0,
                    "required": False,
                    "condition": "trong trường hợp ủy quyền",
                    "case": None,
                },
            ],
        },
    )
    catalog.publish(version=draft, valid_from=date(2026, 12, 1))
    return {d.name: d.pk for d in draft.documents.all()}


def receive(world, provided):
    return services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.licence,
        case=None,
        provided=provided,
        applicant=person(),
        at=at("2026-12-07 09:00"),
    )


def test_the_id_card_alone_satisfies_the_group(world, passport_or_id_card):
    papers = passport_or_id_card
    dossier = receive(world, [papers["Tờ khai"], papers["Thẻ căn cước"]])
    assert dossier.status == "received"


def test_neither_member_of_the_group_is_refused_naming_both(world, passport_or_id_card):
    with pytest.raises(DomainError) as error:
        receive(world, [passport_or_id_card["Tờ khai"]])
    assert "Hộ chiếu" in str(error.value.details) and "Thẻ căn cước" in str(error.value.details)
