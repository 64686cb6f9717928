"""The administrator's user pages: list, create, edit, deactivate, reactivate, reset password."""

from __future__ import annotations

import re

from django.contrib.sessions.models import Session

from forcereview.accounts.actions import issue_token
from forcereview.accounts.models import ApiToken, User
from forcereview.audit.models import AuditEntry
from tests.records.pages import field_error, text


def _link(response) -> str:
    match = re.search(r'id="set-password-link">([^<]+)<', response.content.decode())
    assert match, "no set-password link on the page"
    return match.group(1).replace("http://testserver", "")


def test_admin_lists_the_logins_of_their_agency_only(client_as):
    page = text(client_as("admin").get("/admin/users/"))
    assert "supervisor" in page and "Sergeant Sam Rivera #30" in page
    assert "outsider" not in page


def test_admin_creates_a_login_and_gets_a_one_time_link(client_as, world, client):
    admin = client_as("admin")
    response = admin.post("/admin/users/new/", {
        "username": "new.officer", "role": "officer", "officer": world.stranger.pk,
        "first_name": "Pat", "last_name": "Young", "email": "pat@mesa.example"}, follow=True)
    user = User.objects.get(username="new.officer")
    assert (user.agency_id, user.officer_id, user.has_usable_password()) == (world.agency.pk, world.stranger.pk, False)
    link = _link(response)
    assert "shown only this once" in text(response)
    assert "set-password-link" not in admin.get(f"/admin/users/{user.pk}/").content.decode()
    entry = AuditEntry.objects.get(action="user.created", object_id=str(user.pk))
    assert entry.actor_label == "admin" and entry.after["role"] == "officer"

    admin.post("/logout/")
    assert client.get(link).status_code == 200
    done = client.post(link, {"new_password": "a-fresh-passphrase", "new_password_again": "a-fresh-passphrase"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-fresh-passphrase")
    assert AuditEntry.objects.filter(action="user.password_set", object_id=str(user.pk)).exists()
    assert client.get(link).status_code == 404  # used once, then dead


def test_a_taken_username_is_refused_next_to_the_field(client_as):
    before = User.objects.count()
    response = client_as("admin").post("/admin/users/new/", {"username": "Officer", "role": "officer"})
    assert response.status_code == 422
    assert "already taken" in field_error(response, "id_username")
    assert User.objects.count() == before


def test_an_officer_record_linked_elsewhere_is_refused(client_as, world):
    response = client_as("admin").post("/admin/users/new/", {"username": "dup", "role": "officer",
                                                             "officer": world.officer.pk})
    assert response.status_code == 422
    assert "already linked to the login 'officer'" in field_error(response, "id_officer")
    assert not User.objects.filter(username="dup").exists()


def test_another_agencys_officer_cannot_be_chosen(client_as, world):
    response = client_as("admin").post("/admin/users/new/", {"username": "x", "role": "officer",
                                                             "officer": world.outsider_officer.pk})
    assert response.status_code == 422
    assert field_error(response, "id_officer")
    assert not User.objects.filter(username="x").exists()


def test_admin_changes_role_and_officer_record_with_an_audit_entry(client_as, world):
    target = world.users["auditor"]
    response = client_as("admin").post(f"/admin/users/{target.pk}/", {
        "role": "supervisor", "officer": world.other_sergeant.pk, "first_name": "Jo", "last_name": "Yazzie",
        "email": ""})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.role, target.officer_id) == ("supervisor", world.other_sergeant.pk)
    entry = AuditEntry.objects.filter(action="user.updated", object_id=str(target.pk)).get()
    assert entry.before["role"] == "auditor" and entry.after["role"] == "supervisor"
    assert entry.after["officer_id"] == world.other_sergeant.pk


def test_admin_cannot_take_the_admin_role_from_themself(client_as, world):
    me = world.users["admin"]
    response = client_as("admin").post(f"/admin/users/{me.pk}/", {"role": "officer", "email": ""})
    assert response.status_code == 422
    assert "your own login" in field_error(response, "id_role")
    me.refresh_from_db()
    assert me.role == "admin"


def test_deactivating_ends_sessions_and_revokes_tokens(client_as, world):
    from django.test import Client

    client = Client()  # a program using the token, apart from the admin's browser
    target = world.users["officer"]
    theirs = Client()
    theirs.force_login(target)
    _, token = issue_token(target, by=target, name="script")
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    response = client_as("admin").post(f"/admin/users/{target.pk}/deactivate/", follow=True)
    assert "deactivated" in text(response)
    target.refresh_from_db()
    assert not target.is_active
    assert theirs.get("/").status_code == 302  # signed out
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(target.pk)]
    assert not ApiToken.objects.filter(user=target, revoked_at__isnull=True).exists()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code in (401, 403)
    entry = AuditEntry.objects.get(action="user.deactivated", object_id=str(target.pk))
    assert entry.after["sessions_ended"] == 1 and len(entry.after["api_tokens_revoked"]) == 1
    assert Client().post("/login/", {"username": "officer", "password": world.password}).status_code == 200


def test_reactivating_lets_the_login_sign_in_again(client_as, world, client):
    target = world.users["officer"]
    admin = client_as("admin")
    admin.post(f"/admin/users/{target.pk}/deactivate/")
    admin.post(f"/admin/users/{target.pk}/reactivate/")
    target.refresh_from_db()
    assert target.is_active
    assert AuditEntry.objects.filter(action="user.reactivated", object_id=str(target.pk)).exists()
    from django.test import Client

    assert Client().post("/login/", {"username": "officer", "password": world.password}).status_code == 302


def test_admin_cannot_deactivate_themself(client_as, world):
    me = world.users["admin"]
    response = client_as("admin").post(f"/admin/users/{me.pk}/deactivate/", follow=True)
    assert "cannot deactivate your own login" in text(response)
    me.refresh_from_db()
    assert me.is_active


def test_resetting_a_password_clears_it_and_gives_a_link(client_as, world):
    from django.test import Client

    target = world.users["investigator"]
    theirs = Client()
    theirs.force_login(target)
    response = client_as("admin").post(f"/admin/users/{target.pk}/reset-password/", follow=True)
    link = _link(response)
    target.refresh_from_db()
    assert not target.has_usable_password()
    assert theirs.get("/").status_code == 302
    entry = AuditEntry.objects.get(action="user.password_reset", object_id=str(target.pk))
    assert "password" not in str(entry.after).replace("sessions_ended", "")
    mismatch = Client().post(link, {"new_password": "one-long-passphrase", "new_password_again": "another-one"})
    assert mismatch.status_code == 422
    assert "differ" in field_error(mismatch, "id_new_password_again")
    weak = Client().post(link, {"new_password": "password", "new_password_again": "password"})
    assert weak.status_code == 422 and field_error(weak, "id_new_password")
    assert Client().post(link, {"new_password": "one-long-passphrase",
                                "new_password_again": "one-long-passphrase"}).status_code == 302


def test_a_wrong_link_sets_nothing(client, world):
    response = client.get("/account/set-password/MQ/wrong-token/")
    assert response.status_code == 404 and "does not work" in text(response)


def test_another_agencys_user_is_not_found(client_as, world):
    outsider = world.users["outsider"]
    admin = client_as("admin")
    assert admin.get(f"/admin/users/{outsider.pk}/").status_code == 404
    assert admin.post(f"/admin/users/{outsider.pk}/deactivate/").status_code == 404
    assert admin.post(f"/admin/users/{outsider.pk}/reset-password/").status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active and outsider.has_usable_password()


def test_admin_home_page_links_the_admin_pages(client_as):
    html = client_as("admin").get("/").content.decode()
    for url in ("/admin/users/", "/admin/officers/", "/admin/units/", "/admin/users/new/"):
        assert f'href="{url}"' in html


def test_other_roles_do_not_see_the_admin_links(client_as):
    html = client_as("command").get("/").content.decode()
    assert "/admin/users/" not in html
