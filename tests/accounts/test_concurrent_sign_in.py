"""Two first sign-ins of the same person at the same moment make one account, not two."""

import threading

import pytest
from django.db import connection

from motcua.accounts.claims import CitizenClaims
from motcua.accounts.models import CitizenProfile, User
from motcua.accounts.services import sign_in_citizen

CLAIMS = CitizenClaims("vneid-same", "Phạm Thị Thu Hà", "038178009012", None, "0868123404", "")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_sign_ins_share_one_account():
    start = threading.Barrier(2)
    users, failures = [], []

    def sign_in():
        try:
            start.wait(timeout=10)
            users.append(sign_in_citizen(issuer="http://idp.test", claims=CLAIMS).pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_in) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert failures == [] and len(users) == 2 and users[0] == users[1]
    assert CitizenProfile.objects.count() == 1 and User.objects.count() == 1
    assert list(CitizenProfile.objects.get().events.values_list("kind", flat=True)) == ["created"]
