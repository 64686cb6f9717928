"""``forcereview setup``: a fresh installation gets its agency and first administrator."""

from __future__ import annotations

import pytest

from forcereview.accounts.models import User
from forcereview.audit.models import AuditEntry
from forcereview.cli import main as cli_main
from forcereview.records.models import Agency

PASSWORD = "a-long-setup-passphrase"


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "pw"
    path.write_text(PASSWORD + "\n")
    return str(path)


def _args(password_file, **overrides):
    options = {"--agency": "Mesa Police Department", "--code": "mesa-pd", "--time-zone": "America/Denver",
               "--admin-username": "chief.admin", "--admin-email": "admin@mesa.example",
               "--password-file": password_file}
    options.update(overrides)
    args = ["setup", "--no-input"]
    for key, value in options.items():
        if value is not None:
            args += [key, value]
    return args


def test_setup_creates_the_agency_and_its_administrator(db, password_file, capsys, client):
    assert cli_main(_args(password_file, **{"--state": "NM"})) == 0
    agency = Agency.objects.get(slug="mesa-pd")
    assert (agency.name, agency.timezone, agency.state) == ("Mesa Police Department", "America/Denver", "NM")
    admin = User.objects.get(username="chief.admin")
    assert (admin.role, admin.agency_id, admin.email, admin.is_active) == ("admin", agency.pk, "admin@mesa.example", True)
    assert admin.check_password(PASSWORD)
    assert "is set up" in capsys.readouterr().out
    entries = {e.action: e for e in AuditEntry.objects.filter(agency_id=agency.pk)}
    assert {"agency.created", "user.created"} <= set(entries)
    assert entries["user.created"].actor_label.startswith("forcereview setup")
    assert PASSWORD not in str(entries["user.created"].after)
    # and the administrator can sign in and reach the user pages
    assert client.post("/login/", {"username": "chief.admin", "password": PASSWORD}).status_code == 302
    assert client.get("/admin/users/").status_code == 200


def test_setup_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("FORCEREVIEW_SETUP_PASSWORD", PASSWORD)
    assert cli_main(_args(None, **{"--password-file": None})) == 0
    assert User.objects.get(username="chief.admin").check_password(PASSWORD)


def test_running_setup_again_is_a_clear_refusal(db, password_file, capsys):
    assert cli_main(_args(password_file)) == 0
    capsys.readouterr()
    entries = AuditEntry.objects.count()
    assert cli_main(_args(password_file, **{"--admin-username": "second"})) == 2
    err = capsys.readouterr().err
    assert "'mesa-pd' already exists" in err and "nothing was" in err
    assert not User.objects.filter(username="second").exists()
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("overrides,message", [
    ({"--time-zone": "Mars/Olympus"}, "'Mars/Olympus' is not a known time zone"),
    ({"--code": "Mesa PD"}, "--code 'mesa pd'"),
    ({"--agency": ""}, "--agency is required"),
    ({"--admin-email": "not-an-address"}, "--admin-email"),
    ({"--admin-username": "has space"}, "--admin-username"),
])
def test_setup_refuses_bad_answers_and_writes_nothing(db, password_file, capsys, overrides, message):
    assert cli_main(_args(password_file, **overrides)) == 2
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert not Agency.objects.exists() and not User.objects.exists()


def test_setup_refuses_a_username_already_taken(world, password_file, capsys):
    assert cli_main(_args(password_file, **{"--admin-username": "Supervisor"})) == 2
    assert "'Supervisor' is already taken" in capsys.readouterr().err
    assert not Agency.objects.filter(slug="mesa-pd").exists()


def test_setup_refuses_a_weak_password(db, tmp_path, capsys):
    weak = tmp_path / "weak"
    weak.write_text("password\n")
    assert cli_main(_args(str(weak))) == 2
    assert "password is refused" in capsys.readouterr().err
    assert not Agency.objects.exists()


def test_setup_without_a_password_source_refuses(db, monkeypatch, capsys):
    monkeypatch.delenv("FORCEREVIEW_SETUP_PASSWORD", raising=False)
    assert cli_main(_args(None, **{"--password-file": None})) == 2
    assert "--password-file" in capsys.readouterr().err
    assert not Agency.objects.exists()


def test_setup_is_listed_in_the_help(capsys):
    assert cli_main(["--help"]) == 0
    assert "setup" in capsys.readouterr().out


def test_setup_asks_what_is_missing_at_a_terminal(db, monkeypatch, capsys):
    import io

    answers = iter(["Riverside Police", "riverside", "", "nm", "", "ada", "ada@riverside.example"])
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    monkeypatch.delenv("FORCEREVIEW_SETUP_PASSWORD", raising=False)
    assert cli_main(["setup"]) == 0
    agency = Agency.objects.get(slug="riverside")
    assert (agency.timezone, agency.state) == ("America/Denver", "NM")  # the offered default time zone
    assert User.objects.get(username="ada").check_password(PASSWORD)
