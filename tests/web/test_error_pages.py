"""Error pages speak plainly and keep the reader oriented."""

from __future__ import annotations

from django.test import Client

from tests.records.pages import text


def test_an_unknown_address_gets_a_friendly_not_found_page(world, client_as):
    response = client_as("officer").get("/no/such/page/")
    assert response.status_code == 404
    page = text(response)
    assert "Page not found" in page and "Go to the home page" in page


def test_a_page_the_role_may_not_use_says_so(world, client_as):
    response = client_as("admin").get("/incidents/")
    assert response.status_code == 403
    assert "Your role does not give access to this page." in text(response)


def test_a_refused_page_is_logged_in_one_line_and_a_crash_with_its_traceback(world, client_as, monkeypatch, caplog):
    client = client_as("admin")
    client.get("/incidents/")
    (refused,) = [r for r in caplog.records if r.name == "django.request"]
    assert refused.getMessage() == "Forbidden (Permission denied): /incidents/"
    assert refused.exc_info is None

    caplog.clear()
    monkeypatch.setattr("forcereview.records.views.incident_rows", lambda *a, **k: 1 / 0)
    client = client_as("command")
    client.raise_request_exception = False
    assert client.get("/incidents/").status_code == 500
    (crash,) = [r for r in caplog.records if r.name == "django.request"]
    assert crash.exc_info is not None and crash.exc_info[0] is ZeroDivisionError


def test_a_crash_shows_a_plain_server_error_page(world, client_as, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("forcereview.records.views.incident_rows", broken)
    client = client_as("command")
    client.raise_request_exception = False
    response = client.get("/incidents/")
    assert response.status_code == 500
    page = text(response)
    assert "Something went wrong on our side" in page
    assert "boom" not in page


def test_a_stale_form_gets_an_explanation_not_a_bare_csrf_error(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "supervisor", "password": world.password})
    assert response.status_code == 403
    page = text(response)
    assert "Your form could not be sent" in page
    assert "Nothing was saved" in page
    assert "CSRF" not in page
