"""The daily reconciliation compares per-status counts of a day with the portal's report."""

from io import StringIO

from django.core.management import call_command

from motcua.dossiers.outbox import publish_pending
from motcua.nationalportal import delivery
from motcua.nationalportal.client import Client
from motcua.nationalportal.models import Reconciliation

from .conftest import changed_dossiers, receive


def test_counts_match_after_delivery_and_a_missing_event_shows_as_a_difference(world, start_portal, settings):
    changed_dossiers(world, 3)  # on 2 March: 3 received (status 2), 2 assigned (4), 2 stopped (8)
    portal = start_portal()
    settings.MOTCUA_PORTAL_URL = portal.url
    delivery.sync(until_empty=True, client=Client(portal.url))
    receive(world, when="2026-03-02 10:00")
    publish_pending()  # captured, not sent: the portal does not know it

    out = StringIO()
    call_command("portal", "reconcile", "--day", "2026-03-02", stdout=out)
    assert out.getvalue().splitlines() == ["Đối soát ngày 2026-03-02: 1 trạng thái chênh lệch.", "  2: 4 ≠ 3"]
    saved = Reconciliation.objects.get()
    assert saved.ours == {"2": 4, "4": 2, "8": 2} and saved.theirs == {"2": 3, "4": 2, "8": 2}

    delivery.sync(until_empty=True, client=Client(portal.url))
    call_command("portal", "reconcile", "--day", "2026-03-02", stdout=StringIO())
    saved.refresh_from_db()
    assert saved.differences == {}
