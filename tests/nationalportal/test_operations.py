"""The operators' screen: figures, dead events retried or skipped (with a reason), audited; others refused."""

from django.urls import reverse

from motcua.nationalportal.models import EventState, OperatorAction, PortalEvent
from tests.twofactor import verified_login

from .conftest import changed_dossiers

URL = "/can-bo/cong-quoc-gia/"


def _kill(event: PortalEvent) -> PortalEvent:
    event.state, event.rejections, event.attempts = EventState.DEAD, 8, 8
    event.last_error = "102 MaCoQuan MaCoQuan refused"
    event.save()
    return event


def test_supervisor_sees_figures_and_retries_then_skips_with_a_reason(world, client):
    changed_dossiers(world, 2)
    first, second = (_kill(e) for e in PortalEvent.objects.order_by("id")[:2])
    assert reverse("nationalportal:operations") == URL
    verified_login(client, world.supervisor)
    page = client.get(URL).content.decode()
    assert "Sự kiện gửi không được (2)" in page and first.dossier_code in page and "102 MaCoQuan" in page

    answer = client.post(URL, {"event": first.pk, "action": "retry"}, follow=True)
    assert "vào hàng gửi lại" in answer.content.decode()
    first.refresh_from_db()
    assert first.state == EventState.PENDING and first.rejections == 0

    # No reason: refused, nothing changes.
    answer = client.post(URL, {"event": second.pk, "action": "skip", "reason": " "}, follow=True)
    assert "Cần ghi lý do bỏ qua" in answer.content.decode()
    second.refresh_from_db()
    assert second.state == EventState.DEAD
    client.post(URL, {"event": second.pk, "action": "skip", "reason": "Hồ sơ nhập nhầm, đã huỷ trên Cổng"})
    second.refresh_from_db()
    assert second.state == EventState.SKIPPED

    # A second decision on the same event (another operator's stale page) is refused, not recorded.
    answer = client.post(URL, {"event": second.pk, "action": "retry"}, follow=True)
    assert "không còn chờ xử lý" in answer.content.decode()
    audit = list(OperatorAction.objects.order_by("id").values_list("event_id", "kind", "actor_id", "reason"))
    assert audit == [
        (first.pk, "retry", world.supervisor.pk, ""),
        (second.pk, "skip", world.supervisor.pk, "Hồ sơ nhập nhầm, đã huỷ trên Cổng"),
    ]
    assert OperatorAction.objects.get(kind="skip").previous_error.startswith("102")


def test_a_reception_officer_may_not_open_the_screen(world, client):
    verified_login(client, world.officer)
    assert client.get(URL).status_code == 404  # the workspace's refusal page, as for a hidden dossier
    client.logout()
    assert client.get(URL).status_code == 302  # to the sign-in page
