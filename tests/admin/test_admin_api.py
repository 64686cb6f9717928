"""The administrator's API: logins and officers of the caller's agency."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from forcereview.accounts.actions import issue_token
from forcereview.accounts.models import ApiToken, User
from forcereview.audit.models import AuditEntry
from forcereview.records.models import Officer


@pytest.fixture
def api(world):
    _, token = issue_token(world.users["admin"], by=None, name="admin script")
    client = Client()

    def call(method, path, body=None):
        return client.generic(method, path, data=json.dumps(body or {}), content_type="application/json",
                              HTTP_AUTHORIZATION=f"Bearer {token}")

    return call


def test_list_users_of_own_agency(api):
    names = {u["username"] for u in api("GET", "/api/admin/users").json()}
    assert {"officer", "supervisor", "admin"} <= names and "outsider" not in names


def test_create_user_returns_a_set_password_link(api, world):
    response = api("POST", "/api/admin/users", {"username": "api.user", "role": "supervisor",
                                                "officer": world.other_sergeant.pk})
    assert response.status_code == 201
    body = response.json()
    assert body["officer_badge"] == "31" and "/account/set-password/" in body["set_password_url"]
    user = User.objects.get(username="api.user")
    assert user.agency_id == world.agency.pk and not user.has_usable_password()
    assert AuditEntry.objects.filter(action="user.created", object_id=str(user.pk)).exists()


def test_create_user_refuses_a_taken_name_and_writes_nothing(api):
    before = User.objects.count()
    response = api("POST", "/api/admin/users", {"username": "officer", "role": "officer"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "username", "message": "'officer' is already taken"}]
    assert User.objects.count() == before


def test_create_user_refuses_another_agencys_officer(api, world):
    response = api("POST", "/api/admin/users", {"username": "x", "role": "officer",
                                                "officer": world.outsider_officer.pk})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "officer"


def test_update_user_role_and_deactivate(api, world):
    target = world.users["auditor"]
    issue_token(target, by=None, name="reports")
    response = api("PATCH", f"/api/admin/users/{target.pk}", {"role": "command", "is_active": False})
    assert response.status_code == 200
    assert response.json()["role"] == "command" and response.json()["is_active"] is False
    assert not ApiToken.objects.filter(user=target, revoked_at__isnull=True).exists()
    assert AuditEntry.objects.filter(action="user.deactivated", object_id=str(target.pk)).exists()


def test_another_agencys_user_answers_404(api, world):
    response = api("PATCH", f"/api/admin/users/{world.users['outsider'].pk}", {"role": "officer"})
    assert response.status_code == 404
    world.users["outsider"].refresh_from_db()
    assert world.users["outsider"].role == "supervisor"


def test_unknown_fields_are_refused(api, world):
    response = api("PATCH", f"/api/admin/users/{world.users['auditor'].pk}", {"password": "x"})
    assert response.status_code == 422


def test_officers_list_create_update(api, world):
    assert "Sider" not in {o["last_name"] for o in api("GET", "/api/admin/officers").json()}
    created = api("POST", "/api/admin/officers", {"badge": "160", "first_name": "Ray", "last_name": "Tso",
                                                   "hire_date": "2024-05-01", "supervisor": world.sergeant.pk,
                                                   "unit": world.patrol.pk})
    assert created.status_code == 201
    officer_id = created.json()["id"]
    updated = api("PATCH", f"/api/admin/officers/{officer_id}", {"rank": "corporal", "supervisor": None})
    assert updated.status_code == 200 and updated.json()["supervisor"] is None
    assert Officer.objects.get(pk=officer_id).rank == "corporal"
    entry = AuditEntry.objects.get(action="officer.updated", object_id=str(officer_id))
    assert entry.before["supervisor_id"] == world.sergeant.pk and entry.after["supervisor_id"] is None


def test_officer_api_refuses_a_loop_and_a_duplicate_badge(api, world):
    loop = api("PATCH", f"/api/admin/officers/{world.captain.pk}", {"supervisor": world.sergeant.pk})
    assert loop.status_code == 422
    assert loop.json()["errors"][0]["field"] == "supervisor"
    assert "supervising themself" in loop.json()["errors"][0]["message"]
    dup = api("POST", "/api/admin/officers", {"badge": "101", "first_name": "A", "last_name": "B",
                                              "hire_date": "2024-01-01"})
    assert dup.status_code == 422 and dup.json()["errors"][0]["field"] == "badge_number"
    world.captain.refresh_from_db()
    assert world.captain.supervisor_id == world.chief.pk


def test_another_agencys_officer_answers_404(api, world):
    assert api("PATCH", f"/api/admin/officers/{world.outsider_officer.pk}", {"rank": "chief"}).status_code == 404


@pytest.mark.parametrize("role", ["officer", "supervisor", "investigator", "command", "auditor"])
def test_other_roles_are_refused(world, role):
    _, token = issue_token(world.users[role], by=None, name="t")
    response = Client().get("/api/admin/users", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403


def test_a_refused_part_of_a_change_undoes_the_rest(api, world):
    me = world.users["admin"]
    response = api("PATCH", f"/api/admin/users/{me.pk}", {"first_name": "Changed", "is_active": False})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "is_active"
    me.refresh_from_db()
    assert me.first_name != "Changed" and me.is_active
