"""Sign-ins are audited (never the password), and repeated failures lock the user name or
the address for a while."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from forcereview.accounts.models import SignInThrottle
from forcereview.audit.models import AuditEntry
from tests.records.pages import text


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.SIGNIN_MAX_FAILURES = 3
    settings.SIGNIN_MAX_FAILURES_PER_ADDRESS = 5
    settings.SIGNIN_LOCK_MINUTES = 15


def _try(username, password, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": password})


def test_a_successful_sign_in_is_audited(world):
    assert _try("supervisor", world.password).status_code == 302
    entry = AuditEntry.objects.get(action="user.signed_in")
    assert entry.actor_label == "supervisor" and entry.after == {"address": "10.0.0.1"}
    assert entry.agency_id == world.agency.pk


def test_a_failed_sign_in_is_audited_without_the_password(world):
    assert _try("supervisor", "guess-one").status_code == 200
    entry = AuditEntry.objects.get(action="user.sign_in_failed")
    assert entry.object_id == str(world.users["supervisor"].pk)
    assert entry.after["username"] == "supervisor" and entry.after["address"] == "10.0.0.1"
    assert "guess-one" not in str(entry.before) + str(entry.after) + entry.note


def test_an_unknown_user_name_is_audited_too(db):
    _try("nobody", "x")
    entry = AuditEntry.objects.get(action="user.sign_in_failed")
    assert (entry.object_id, entry.object_repr) == ("", "nobody")


def test_repeated_failures_lock_the_user_name_even_for_the_right_password(world):
    for _ in range(3):
        _try("supervisor", "wrong", address="10.0.0.7")
    locked = _try("supervisor", world.password, address="10.0.0.8")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in text(locked)
    assert AuditEntry.objects.filter(action="user.sign_in_failed", after__refused_while_locked=True).count() == 1
    # other user names from another address are not affected
    assert _try("officer", world.password, address="10.0.0.9").status_code == 302


def test_the_lock_ends_after_the_configured_minutes(world):
    for _ in range(3):
        _try("supervisor", "wrong")
    assert _try("supervisor", world.password).status_code == 429
    # the clock moves past the lock (the row is this test's stand-in for the clock)
    SignInThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _try("supervisor", world.password).status_code == 302
    assert not SignInThrottle.objects.filter(scope="username").exists()  # a success clears the count


def test_failures_far_apart_are_not_counted_together(world):
    for _ in range(2):
        _try("supervisor", "wrong")
    SignInThrottle.objects.update(last_failure_at=timezone.now() - timedelta(minutes=16))
    _try("supervisor", "wrong")
    assert _try("supervisor", world.password).status_code == 302


def test_repeated_failures_from_one_address_lock_the_address(world):
    for n in range(5):
        _try(f"someone{n}", "wrong", address="192.0.2.5")
    assert _try("officer", world.password, address="192.0.2.5").status_code == 429
    assert _try("officer", world.password, address="192.0.2.6").status_code == 302


def test_the_limits_are_settings_documented_in_the_registry():
    import forcereview.settings  # noqa: F401
    from forcereview.conf import SETTINGS

    for name in ("FORCEREVIEW_SIGNIN_MAX_FAILURES", "FORCEREVIEW_SIGNIN_MAX_FAILURES_PER_ADDRESS",
                 "FORCEREVIEW_SIGNIN_LOCK_MINUTES"):
        assert name in SETTINGS
