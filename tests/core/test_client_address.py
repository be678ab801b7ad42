"""core.clientip: X-Forwarded-For is believed only from a configured proxy."""

from django.test import RequestFactory

from motcua.core.clientip import client_ip

rf = RequestFactory()


def ask(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(rf.get("/", **extra))


def test_without_proxies_the_header_is_ignored(settings):
    settings.MOTCUA_TRUSTED_PROXIES = []
    assert ask("198.51.100.1", "1.2.3.4") == "198.51.100.1"


def test_a_direct_request_cannot_name_its_address(settings):
    settings.MOTCUA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ask("198.51.100.1", "10.0.0.5, 1.2.3.4") == "198.51.100.1"


def test_through_proxies_the_nearest_untrusted_hop_is_the_client(settings):
    settings.MOTCUA_TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]
    # The client wrote "6.6.6.6" itself; our two proxies appended what they saw.
    assert ask("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1") == "203.0.113.7"
    assert ask("fd00::1", "2001:db8::5") == "2001:db8::5"
    assert ask("10.0.0.2", "") == "10.0.0.2"
    assert ask("10.0.0.2", "not-an-address, 203.0.113.7") == "203.0.113.7"
    assert ask("10.0.0.2", "203.0.113.7, garbage") == "10.0.0.2"  # a garbled hop: nothing left of it
