"""Fixtures shared by every test: one agency with a small chain of command, a persona per
role, and an outsider from another agency."""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

REQUIRE_ALL = os.environ.get("FORCEREVIEW_REQUIRE_ALL") == "1"
TZ = ZoneInfo("America/Denver")


def require_tool(name: str) -> str:
    """The path of a system tool; skip the test where it is missing, fail in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install {name})"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not memory, so that a process the test starts
    (a Celery worker) can open the same database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    # A fast hash: personas are created for every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _flush_past_audit_triggers(request):
    """Transactional tests end with a flush of every table, which the audit log's
    append-only triggers refuse. Lift them just before the flush; the post-migrate signal
    that follows the flush puts them back. Use the ``transactional_db`` fixture (not the
    ``django_db(transaction=True)`` marker) so this ordering holds."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        pytest.fail("use the transactional_db fixture instead of django_db(transaction=True)")
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from forcereview.audit import triggers

    triggers.remove()


@pytest.fixture
def world(db):
    """The Mesa agency: a chief, a captain, a lieutenant, two sergeants each with officers,
    a school resource officer, and a login for each role; plus another agency."""
    from forcereview.accounts.actions import create_user
    from forcereview.records.actions import create_agency, create_officer, create_unit

    class World:
        pass

    w = World()
    w.agency = create_agency(by=None, name="Mesa Police Department", slug="mesa", ori="NM0000000")
    w.patrol = create_unit(w.agency, by=None, name="Patrol A", kind="patrol")
    w.sro_unit = create_unit(w.agency, by=None, name="School Resource Unit", kind="school_resource")
    w.ps_unit = create_unit(w.agency, by=None, name="Professional Standards", kind="professional_standards")
    hired = date(2015, 1, 5)

    def officer(first, last, badge, rank="officer", supervisor=None, unit=None, assignment="patrol"):
        return create_officer(w.agency, by=None, first_name=first, last_name=last, badge_number=badge,
                              hire_date=hired, rank=rank, supervisor=supervisor, unit=unit or w.patrol,
                              assignment=assignment)

    w.chief = officer("Ana", "Chavez", "1", "chief", assignment="command")
    w.captain = officer("Luis", "Ortega", "10", "captain", w.chief, assignment="command")
    w.lieutenant = officer("Kim", "Begay", "20", "lieutenant", w.captain)
    w.sergeant = officer("Sam", "Rivera", "30", "sergeant", w.lieutenant)
    w.other_sergeant = officer("Jo", "Yazzie", "31", "sergeant", w.lieutenant)
    w.officer = officer("Zach", "Miller", "101", supervisor=w.sergeant, unit=w.sro_unit, assignment="school_resource")
    w.partner = officer("Dana", "Lopez", "102", supervisor=w.sergeant)
    w.stranger = officer("Pat", "Young", "201", supervisor=w.other_sergeant)
    w.investigator_officer = officer("Rae", "Holt", "40", "sergeant", w.captain, unit=w.ps_unit,
                                     assignment="professional_standards")

    w.other_agency = create_agency(by=None, name="Riverside Police", slug="riverside")
    w.outsider_officer = create_officer(w.other_agency, by=None, first_name="Out", last_name="Sider",
                                        badge_number="101", hire_date=hired, rank="sergeant")

    pw = "correct-horse-battery"
    w.password = pw

    def user(name, role, officer=None, agency=None):
        return create_user(by=None, username=name, password=pw, role=role, agency=agency or w.agency, officer=officer)

    w.users = {
        "officer": user("officer", "officer", w.officer),
        "supervisor": user("supervisor", "supervisor", w.sergeant),
        "investigator": user("investigator", "investigator", w.investigator_officer),
        "command": user("command", "command", w.captain),
        "auditor": user("auditor", "auditor"),
        "admin": user("admin", "admin"),
        "outsider": user("outsider", "supervisor", w.outsider_officer, agency=w.other_agency),
    }
    return w


def report(**overrides) -> dict:
    """A valid report of force on an 11-year-old at a school (the case that started it all)."""
    data = {
        "number": "2019-0827-001",
        "occurred_at": datetime(2019, 8, 27, 12, 5, tzinfo=TZ).isoformat(),
        "location": "Mesa View Middle School cafeteria",
        "location_type": "school",
        "contact_reason": "school_call",
        "narrative": "Student refused to return to class; officer attempted to escort her.",
        "officers": [
            {"badge": "101", "role": "primary", "claims": ["subject_actively_resisted", "subject_assaulted_officer"]},
            {"badge": "102", "role": "witness"},
        ],
        "subjects": [
            {"ref": "S1", "name": "Jane Doe", "age": 11, "sex": "female", "resistance": ["pulled_away"],
             "injuries": ["abrasion"], "medical_treatment": "on_scene"},
        ],
        "force": [
            {"officer": "101", "subject": "S1", "type": "push_shove", "at": "12:06:10"},
            {"officer": "101", "subject": "S1", "type": "takedown", "at": "12:06:20", "resistance": "pulled_away"},
        ],
        "witnesses": [{"name": "Pat Admin", "role": "school_staff", "statement": "She is not a threat."}],
    }
    data.update(overrides)
    return data


@pytest.fixture
def school_report():
    return report()


@pytest.fixture
def client_as(client, world):
    """``client_as("supervisor")`` signs the test client in as that persona."""

    def sign_in(role: str):
        client.force_login(world.users[role])
        return client

    return sign_in


__all__ = ["report", "require_tool", "TZ", "timedelta"]
