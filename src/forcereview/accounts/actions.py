"""Writes to users, their passwords, sessions and API tokens, and the sign-in record, each
with its audit entry. Passwords and tokens never reach the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from forcereview.accounts.models import ApiToken, SignInThrottle, User
from forcereview.accounts.passwords import set_password_path
from forcereview.accounts.roles import Role
from forcereview.accounts.throttle import ADDRESS, USERNAME, throttle_keys
from forcereview.accounts.tokens import digest_of, new_token
from forcereview.audit.actions import diff, record
from forcereview.records.actions import RecordInvalid

USER_FIELDS = ("username", "email", "first_name", "last_name", "role", "agency_id", "officer_id", "is_active")


def _user_dict(user: User) -> dict:
    return {f: getattr(user, f) for f in USER_FIELDS}


def check_username(username: str) -> None:
    if not username:
        raise RecordInvalid("username", "give a user name")
    if len(username) > 150:
        raise RecordInvalid("username", f"is too long ({len(username)} characters, at most 150)")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise RecordInvalid("username", "use only letters, digits and @ . + - _ (no spaces)") from None
    if User.objects.filter(username__iexact=username).exists():
        raise RecordInvalid("username", f"{username!r} is already taken")


def check_email(email: str) -> None:
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise RecordInvalid("email", f"{email!r} is not an email address") from None


def _check_officer_link(officer, agency_id, user: User | None = None) -> None:
    if officer is None:
        return
    if agency_id is not None and officer.agency_id != agency_id:
        raise RecordInvalid("officer", "the officer belongs to another agency")
    linked = User.objects.filter(officer=officer)
    if user is not None:
        linked = linked.exclude(pk=user.pk)
    other = linked.first()
    if other is not None:
        raise RecordInvalid("officer", f"{officer} is already linked to the login {other.username!r}")


def check_password(password: str, user: User | None = None, *, field: str = "password") -> None:
    """Django's password validators (``AUTH_PASSWORD_VALIDATORS``), as one refusal naming the field."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise RecordInvalid(field, " ".join(exc.messages)) from None


def create_user(*, by, username: str, password: str | None, role: str, agency=None, officer=None,
                email: str = "", first_name: str = "", last_name: str = "", is_staff: bool = False) -> User:
    if role not in Role.values:
        raise RecordInvalid("role", f"{role!r} is not a known role")
    check_username(username)
    check_email(email)
    _check_officer_link(officer, agency.pk if agency is not None else None)
    with transaction.atomic():
        user = User(username=username, role=role, agency=agency, officer=officer, email=email,
                    first_name=first_name, last_name=last_name, is_staff=is_staff)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        record("user.created", user, by=by, agency_id=user.agency_id, after=_user_dict(user))
    return user


def change_role(user: User, role: str, *, by) -> User:
    if role not in Role.values:
        raise RecordInvalid("role", f"{role!r} is not a known role")
    with transaction.atomic():
        before = _user_dict(user)
        user.role = role
        user.save(update_fields=["role"])
        old, new = diff(before, _user_dict(user))
        record("user.role_changed", user, by=by, agency_id=user.agency_id, before=old, after=new)
    return user


def issue_token(user: User, *, by, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the token text, which is never stored."""
    token = new_token()
    with transaction.atomic():
        row = ApiToken.objects.create(user=user, name=name, prefix=token[:8], digest=digest_of(token))
        record("api_token.issued", row, by=by, agency_id=user.agency_id,
               after={"user": user.username, "name": name, "prefix": row.prefix})
    return row, token


def revoke_token(row: ApiToken, *, by) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=row.pk).update(revoked_at=timezone.now())
        record("api_token.revoked", row, by=by, agency_id=row.user.agency_id,
               after={"user": row.user.username, "prefix": row.prefix})


# -- managing a user (the administrator's pages and API) -----------------------------------------

EDITABLE_USER_FIELDS = {"role", "officer", "email", "first_name", "last_name"}


def _actor_pk(by) -> int | None:
    return getattr(by, "pk", None) if not isinstance(by, str) else None


def update_user(user: User, *, by, **changes) -> User:
    """Change a login's role, linked officer record, name or email."""
    unknown = set(changes) - EDITABLE_USER_FIELDS
    if unknown:
        raise RecordInvalid(sorted(unknown)[0], "is not a field of a user that can be changed")
    role = changes.get("role", user.role)
    if role not in Role.values:
        raise RecordInvalid("role", f"{role!r} is not a known role")
    if user.pk == _actor_pk(by) and user.role == Role.ADMIN and role != Role.ADMIN:
        raise RecordInvalid("role", "you cannot take the administrator role from your own login "
                                    "(another administrator can)")
    if "officer" in changes:
        _check_officer_link(changes["officer"], user.agency_id, user)
    if "email" in changes:
        check_email(changes["email"])
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = _user_dict(user)
        for key, value in changes.items():
            setattr(user, key, value)
        user.save()
        old, new = diff(before, _user_dict(user))
        if new:
            record("user.updated", user, by=by, agency_id=user.agency_id, before=old, after=new)
    return user


def _end_sessions(user: User) -> int:
    """Delete every stored session signed in as ``user``; returns how many."""
    ended = [
        s.pk for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def _revoke_all_tokens(user: User) -> list[str]:
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    prefixes = sorted(active.values_list("prefix", flat=True))
    active.update(revoked_at=timezone.now())
    return prefixes


def deactivate_user(user: User, *, by, note: str = "") -> User:
    """Stop a login: it can no longer sign in, its sessions end and its API tokens are revoked."""
    if user.pk == _actor_pk(by):
        raise RecordInvalid("is_active", "you cannot deactivate your own login")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            return user
        user.is_active = False
        user.save(update_fields=["is_active"])
        tokens = _revoke_all_tokens(user)
        sessions = _end_sessions(user)
        record("user.deactivated", user, by=by, agency_id=user.agency_id, note=note,
               before={"is_active": True},
               after={"is_active": False, "sessions_ended": sessions, "api_tokens_revoked": tokens})
    return user


def reactivate_user(user: User, *, by, note: str = "") -> User:
    """Let a deactivated login sign in again. Its revoked tokens stay revoked."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:
            return user
        user.is_active = True
        user.save(update_fields=["is_active"])
        record("user.reactivated", user, by=by, agency_id=user.agency_id, note=note,
               before={"is_active": False}, after={"is_active": True})
    return user


def reset_password(user: User, *, by) -> str:
    """Clear a login's password and end its sessions; returns the path of a one-time link
    with which its owner sets a new password (``accounts.passwords``)."""
    if not user.is_active:
        raise RecordInvalid("is_active", "reactivate the login before resetting its password")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        sessions = _end_sessions(user)
        expires = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        record("user.password_reset", user, by=by, agency_id=user.agency_id,
               after={"sessions_ended": sessions, "link_expires": expires.isoformat(timespec="minutes")})
    return set_password_path(user)


def set_password(user: User, password: str, *, by, via: str) -> User:
    """Give a login a new password after checking it with the password validators. ``via``
    says how ("changed" by its owner, "set" from a one-time link). Other sessions end."""
    check_password(password, user, field="new_password")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_password(password)
        user.save(update_fields=["password"])
        sessions = _end_sessions(user)
        record(f"user.password_{via}", user, by=by, agency_id=user.agency_id, after={"sessions_ended": sessions})
    return user


# -- signing in --------------------------------------------------------------------------------


def record_sign_in(user: User, *, address: str) -> None:
    with transaction.atomic():
        SignInThrottle.objects.filter(scope=USERNAME, key=throttle_keys(user.username, address)[USERNAME]).delete()
        record("user.signed_in", user, by=user, agency_id=user.agency_id, after={"address": address})


def record_failed_sign_in(username: str, *, address: str, locked: bool = False) -> datetime | None:
    """Count a failed sign-in against the user name and the address; when either reaches its
    limit it is locked for ``SIGNIN_LOCK_MINUTES``. Returns the end of a lock this failure
    started, if any. ``locked``: the attempt was refused by a lock already in place (it is
    audited but not counted, so a lock does not extend itself)."""
    now = timezone.now()
    window = timedelta(minutes=settings.SIGNIN_LOCK_MINUTES)
    limits = {USERNAME: settings.SIGNIN_MAX_FAILURES, ADDRESS: settings.SIGNIN_MAX_FAILURES_PER_ADDRESS}
    user = User.objects.filter(username__iexact=username).first()
    new_lock = None
    with transaction.atomic():
        if not locked:
            for scope, key in throttle_keys(username, address).items():
                if not key:
                    continue
                row, _ = SignInThrottle.objects.select_for_update().get_or_create(
                    scope=scope, key=key, defaults={"last_failure_at": now})
                if now - row.last_failure_at > window:
                    row.failures = 0
                row.failures += 1
                row.last_failure_at = now
                if row.failures >= limits[scope]:
                    row.locked_until, row.failures = now + window, 0
                    new_lock = max(new_lock or row.locked_until, row.locked_until)
                row.save()
        after = {"username": username[:150], "address": address, "refused_while_locked": locked}
        if new_lock is not None:
            after["locked_until"] = new_lock.isoformat(timespec="seconds")
        record("user.sign_in_failed", user, by=f"sign-in form ({address or 'unknown address'})",
               agency_id=user.agency_id if user else None, after=after,
               object_type="accounts.user", object_id=str(user.pk) if user else "",
               object_repr=user.username if user else username[:150])
    return new_lock
