"""Vietnamese error pages in the site's look, JSON errors under /api/, offline API docs."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from django.urls import path

from motcua import urls as project_urls


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *project_urls.urlpatterns]
handler500 = project_urls.handler500


@pytest.mark.django_db
def test_unmatched_api_paths_answer_problem_json():
    client = Client()
    for address in ("/api/v1/khong-co/", "/api/v2/dossiers", "/api/"):
        answer = client.get(address)
        assert answer.status_code == 404, address
        assert answer["Content-Type"] == "application/problem+json"
        assert answer.json() == {"code": "not_found", "title": "Không tìm thấy.", "status": 404}
    posted = Client(enforce_csrf_checks=True).post("/api/v1/catalog/procedures/0/versions", {"a": "1"})
    assert posted.status_code == 404 and posted["Content-Type"] == "application/problem+json"
    wrong_method = client.delete("/api/v1/tracking/000.00.12.H26-260302-0001")
    assert wrong_method.status_code == 405 and wrong_method["Content-Type"].startswith(
        "application/problem+json"
    )


@pytest.mark.django_db
def test_the_404_page_is_vietnamese_in_the_site_look():
    answer = Client().get("/khong-co-trang-nay/")
    page = answer.content.decode()
    assert answer.status_code == 404 and "Không tìm thấy trang" in page and 'class="site-header"' in page


@pytest.mark.django_db
def test_a_csrf_failure_is_explained_in_vietnamese():
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/can-bo/dang-nhap/", {"username": "a", "password": "b"})
    page = answer.content.decode()
    assert answer.status_code == 403 and "Không gửi được biểu mẫu" in page and "Hãy tải lại trang" in page
    assert "CSRF" not in page and 'class="site-header"' in page


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_shows_the_vietnamese_page():
    client = Client(raise_request_exception=False)
    answer = client.get("/boom/")
    page = answer.content.decode()
    assert answer.status_code == 500 and "Hệ thống đang gặp sự cố" in page and "a bug" not in page
    assert "portal/site.css" in page


@pytest.mark.django_db
def test_the_api_docs_load_nothing_from_elsewhere():
    client = Client()
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page and "cdn" not in page.lower() and "https://" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")  # shipped, collected


@pytest.mark.django_db
def test_every_error_in_the_schema_is_problem_json_and_basic_auth_declares_401():
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    errors = 0
    for address, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status[0] in "45" and "content" in response:
                    errors += 1
                    assert list(response["content"]) == ["application/problem+json"], (
                        address,
                        method,
                        status,
                    )
            if any("basicAuth" in r for r in operation.get("security", [])):
                assert "WWW-Authenticate" in operation["responses"]["401"]["headers"], (address, method)
    assert errors > 100


@pytest.mark.django_db
def test_a_number_too_large_for_the_database_is_a_400_not_a_500():
    """Found by schemathesis: ?field=1e30 overflowed SQLite's INTEGER inside the driver."""
    answer = Client().get("/api/v1/catalog/procedures", {"field": str(2**70)})
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_input"


def test_a_json_body_nested_too_deeply_is_malformed_not_a_crash():
    """Found by schemathesis: json.loads raises RecursionError, which DRF's parser does not catch."""
    import io

    from rest_framework.exceptions import ParseError

    from motcua.core.parsers import JSONParser

    body = ("[" * 100_000 + "]" * 100_000).encode()
    with pytest.raises(ParseError):
        JSONParser().parse(io.BytesIO(body), parser_context={"encoding": "utf-8"})
