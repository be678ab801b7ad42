"""Two clicks on "Gửi hồ sơ" at the same moment (two requests, two database connections, real commits):
one dossier, its papers attached once. Runs on SQLite and PostgreSQL."""

import pytest

from motcua.documents.models import DossierDocument
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.org.services import ensure_roles
from motcua.portal.models import Draft
from motcua.portal.submission import services
from tests.dossiers.factories import World
from tests.dossiers.test_concurrency import together

from .steps import pdf_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_world(committed_world, transactional_db):
    if Agency.objects.filter(pk=committed_world.committee_soc_son.pk).exists():
        return committed_world
    ensure_roles()
    return World()


def test_two_simultaneous_submissions_of_one_draft_give_one_dossier(live_world):
    w = live_world
    draft = services.open_draft(user=w.citizen, procedure=w.birth, province=w.province)
    case = w.case(w.birth, 0)
    services.save_typed(
        draft,
        {
            "case": str(case.pk),
            "id_number": "001090012345",
            "birth_date": "1990-05-17",
            "sex": "male",
            "commune": "00376",
        },
    )
    for doc in w.version(w.birth).documents.filter(pk__in=w.documents(w.birth, 0)):
        services.add_upload(draft, required_document=doc, upload=pdf_file())
    first, second = together(
        lambda: services.submit(Draft.objects.get(pk=draft.pk)),
        lambda: services.submit(Draft.objects.get(pk=draft.pk)),
    )
    assert isinstance(first, Dossier) and isinstance(second, Dossier), (first, second)
    assert first.pk == second.pk and Dossier.objects.count() == 1
    assert DossierDocument.objects.filter(dossier=first).count() == 2
