"""Users issue and revoke their own API tokens (web page and command line)."""

from __future__ import annotations

from forcereview.accounts.models import ApiToken
from forcereview.audit.models import AuditEntry
from forcereview.cli import main as cli_main


def _me(client, token):
    return client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_user_issues_a_token_shown_once(client_as, client, world):
    page = client_as("auditor")
    response = page.post("/account/tokens/", {"name": "oversight board scripts"}, follow=True)
    assert response.status_code == 200
    token = response.context["new"]["token"]
    assert token.startswith("frv_") and token in response.content.decode()
    row = ApiToken.objects.get(user=world.users["auditor"])
    assert row.name == "oversight board scripts" and token.startswith(row.prefix)
    assert row.digest != token  # only the digest is kept
    entry = AuditEntry.objects.get(action="api_token.issued")
    assert entry.actor_id == world.users["auditor"].pk and token not in str(entry.after)
    # Shown once: the next visit lists the token without its text.
    again = page.get("/account/tokens/")
    assert token not in again.content.decode() and row.prefix in again.content.decode()
    page.logout()
    assert _me(client, token).json()["username"] == "auditor"


def test_token_needs_a_name(client_as):
    response = client_as("officer").post("/account/tokens/", {"name": "  "})
    assert response.status_code == 422
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_user_revokes_own_token(client_as, client, world):
    from forcereview.accounts.actions import issue_token

    row, token = issue_token(world.users["officer"], by=None, name="phone")
    page = client_as("officer")
    response = page.post(f"/account/tokens/{row.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert AuditEntry.objects.filter(action="api_token.revoked", object_id=str(row.pk)).count() == 1
    page.logout()
    assert _me(client, token).status_code in (401, 403)


def test_user_cannot_see_or_revoke_anyone_elses_token(client_as, world):
    from forcereview.accounts.actions import issue_token

    row, _ = issue_token(world.users["command"], by=None, name="command's")
    page = client_as("officer")
    assert "command&#x27;s" not in page.get("/account/tokens/").content.decode()
    assert page.post(f"/account/tokens/{row.pk}/revoke/").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_command_line_issues_lists_and_revokes(world, capsys):
    assert cli_main(["token", "issue", "investigator", "--name", "case system"]) == 0
    token = capsys.readouterr().out.strip()
    row = ApiToken.objects.get(user=world.users["investigator"])
    assert token.startswith(row.prefix) and row.name == "case system"
    assert AuditEntry.objects.get(action="api_token.issued").actor_label.startswith("command line (")
    assert cli_main(["token", "list", "investigator"]) == 0
    listed = capsys.readouterr().out
    assert row.prefix in listed and "active" in listed and token not in listed
    assert cli_main(["token", "revoke", "investigator", row.prefix]) == 0
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert cli_main(["token", "revoke", "investigator", row.prefix]) == 2
    assert "no active token" in capsys.readouterr().err


def test_command_line_names_an_unknown_user(db, capsys):
    assert cli_main(["token", "issue", "nobody"]) == 2
    assert "no user named 'nobody'" in capsys.readouterr().err


def test_api_docs_page_loads_no_external_scripts(client, db):
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    assert "/static/" in html
