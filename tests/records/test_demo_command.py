"""``forcereview demo`` and ``forcereview serve`` from the command line."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from forcereview.accounts.roles import Role
from forcereview.audit.models import AuditEntry
from forcereview.records import cli_demo
from forcereview.records.models import Agency, Incident

LOGIN_LINE = re.compile(r"^\s{2}(\w+)\s+(\S+)\s+(\S+)\s+(.+)$")


@pytest.fixture(autouse=True)
def _static_in_tmp(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"


def banner_logins(text: str) -> dict[str, tuple[str, str]]:
    """role -> (user name, password), read from the banner's table."""
    logins = {}
    for line in text.splitlines():
        m = LOGIN_LINE.match(line)
        if m and m.group(1) in Role.values:
            logins[m.group(1)] = (m.group(2), m.group(3))
    return logins


def test_demo_no_serve_loads_once_and_then_finds_it_loaded(db, capsys):
    assert cli_demo.main(["--no-serve", "--incidents", "20"]) == 0
    first = capsys.readouterr().out
    assert "20 incidents, loaded in" in first
    agency = Agency.objects.get(slug="mesa-verde")
    assert Incident.objects.filter(agency=agency).count() == 20
    entries = AuditEntry.objects.count()

    assert cli_demo.main(["--no-serve", "--incidents", "20"]) == 0
    second = capsys.readouterr().out
    assert "already loaded" in second
    assert Agency.objects.count() == 1
    assert Incident.objects.filter(agency=agency).count() == 20
    assert AuditEntry.objects.count() == entries


def test_banner_lists_one_login_per_role_and_each_one_signs_in(db, capsys, client):
    assert cli_demo.main(["--no-serve", "--incidents", "15"]) == 0
    out = capsys.readouterr().out
    logins = banner_logins(out)
    assert set(logins) == set(Role.values)
    assert "passwords are public" in out
    for role, (username, password) in logins.items():
        client.get("/login/")
        response = client.post("/login/", {"username": username, "password": password})
        assert response.status_code == 302, f"{role} could not sign in"
        assert client.get("/").wsgi_request.user.role == role
        client.post("/logout/")


def test_demo_refuses_a_database_that_holds_another_agency(world, capsys):
    entries = AuditEntry.objects.count()
    assert cli_demo.main(["--no-serve", "--incidents", "5"]) == 2
    err = capsys.readouterr().err
    assert "already holds other agencies" in err and "Mesa Police Department" in err
    assert not Agency.objects.filter(slug="mesa-verde").exists()
    assert AuditEntry.objects.count() == entries


def test_demo_rejects_a_negative_number_of_incidents(db, capsys):
    assert cli_demo.main(["--no-serve", "--incidents", "-1"]) == 2
    assert "--incidents" in capsys.readouterr().err
    assert not Agency.objects.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # never the CI database
    env["FORCEREVIEW_DATA_DIR"] = str(tmp_path / "var")
    return env


def _command() -> list[str]:
    return [sys.executable, "-c", "import sys; from forcereview.cli import main; sys.exit(main())"]


def test_demo_serves_pages_and_static_files_and_reset_starts_over(tmp_path):
    env = _run_env(tmp_path)
    first = subprocess.run([*_command(), "demo", "--no-serve", "--incidents", "9"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "9 incidents, loaded" in first.stdout
    assert (tmp_path / "var" / "forcereview.sqlite3").is_file()

    port = _free_port()
    server = subprocess.Popen([*_command(), "demo", "--reset", "--incidents", "7", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/login/", timeout=5) as response:
                    login_page = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.3)
        assert 'name="password"' in login_page
        css = re.search(r'href="(/static/[^"]+\.css)"', login_page).group(1)
        with urllib.request.urlopen(base + css, timeout=5) as response:
            assert response.status == 200
            assert "text/css" in response.headers["Content-Type"]
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "7 incidents, loaded" in output, output  # --reset started over
    assert f"Open http://127.0.0.1:{port}/" in output
    assert set(banner_logins(output)) == set(Role.values)
    assert "Stopped." in output
    # The reset also emptied the evidence store in the data folder: only the 7 new transcripts
    # are there, not the 9 of the first load.
    stored = [p for p in (tmp_path / "var" / "evidence" / "objects").rglob("*") if p.is_file()]
    assert len(stored) == 7


def test_serve_refuses_a_port_in_use_with_a_clear_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([*_command(), "serve", "--port", str(port)], env=_run_env(tmp_path),
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "--port" in result.stderr


def test_demo_refuses_when_a_user_name_it_needs_is_taken(db, capsys):
    from forcereview.accounts.actions import create_user

    create_user(by=None, username="christopher.lawson", password=None, role="supervisor")
    entries = AuditEntry.objects.count()
    assert cli_demo.main(["--no-serve", "--incidents", "5"]) == 2
    assert "christopher.lawson" in capsys.readouterr().err
    assert not Agency.objects.exists()
    assert AuditEntry.objects.count() == entries
