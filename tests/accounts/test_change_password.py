"""Every user changes their own password: the current one first, Django's validators, audited."""

from __future__ import annotations

import pytest
from django.test import Client

from forcereview.audit.models import AuditEntry
from tests.records.pages import field_error


@pytest.mark.parametrize("role", ["officer", "auditor", "admin"])
def test_user_changes_own_password_and_stays_signed_in(client_as, world, role):
    other = Client()
    other.force_login(world.users[role])
    page = client_as(role)
    response = page.post("/account/password/", {"old_password": world.password, "new_password": "a-new-passphrase-9",
                                                 "new_password_again": "a-new-passphrase-9"})
    assert response.status_code == 302
    user = world.users[role]
    user.refresh_from_db()
    assert user.check_password("a-new-passphrase-9")
    assert page.get("/").status_code == 200  # this session stays
    assert other.get("/").status_code == 302  # the others end
    entry = AuditEntry.objects.get(action="user.password_changed", object_id=str(user.pk))
    assert entry.actor_label == role and "passphrase" not in str(entry.after)


def test_the_current_password_is_required(client_as, world):
    response = client_as("officer").post("/account/password/", {
        "old_password": "not-it", "new_password": "a-new-passphrase-9", "new_password_again": "a-new-passphrase-9"})
    assert response.status_code == 422
    assert "not your current password" in field_error(response, "id_old_password")
    world.users["officer"].refresh_from_db()
    assert world.users["officer"].check_password(world.password)
    assert not AuditEntry.objects.filter(action="user.password_changed").exists()


def test_a_weak_new_password_is_refused_by_the_validators(client_as, world):
    response = client_as("officer").post("/account/password/", {
        "old_password": world.password, "new_password": "short", "new_password_again": "short"})
    assert response.status_code == 422
    assert "too short" in field_error(response, "id_new_password")
    assert world.users["officer"].check_password(world.password)


def test_every_page_links_the_password_page(client_as):
    assert 'href="/account/password/"' in client_as("auditor").get("/").content.decode()
