"""Signing in and out."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from tests.records.pages import text


def test_sign_in_with_the_right_password_opens_the_home_page(world, client):
    response = client.post("/login/", {"username": "supervisor", "password": world.password})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "What needs your attention" in text(client.get("/"))


def test_a_wrong_password_is_explained_and_the_user_name_kept(world, client):
    response = client.post("/login/", {"username": "supervisor", "password": "nope"})
    assert response.status_code == 200
    page = text(response)
    assert "did not match" in page
    assert 'value="supervisor"' in response.content.decode()
    assert client.get("/").status_code == 302


def test_sign_in_returns_to_the_page_asked_for(world, client):
    first = client.get("/incidents/?juvenile=yes")
    assert first.status_code == 302 and first["Location"].startswith("/login/?next=")
    response = client.post("/login/?next=/incidents/%3Fjuvenile%3Dyes",
                           {"username": "supervisor", "password": world.password, "next": "/incidents/?juvenile=yes"})
    assert response["Location"] == "/incidents/?juvenile=yes"


def test_sign_out_ends_the_session_and_says_so(world, client_as):
    client = client_as("officer")
    entries = AuditEntry.objects.count()
    response = client.post("/logout/", follow=True)
    assert "You are signed out." in text(response)
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.count() == entries  # signing in and out changes no record


def test_sign_out_needs_a_post(world, client_as):
    assert client_as("officer").get("/logout/").status_code == 405
