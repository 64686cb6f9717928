"""Writes to users and API tokens, each with its audit entry."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from forcereview.accounts.models import ApiToken, User
from forcereview.accounts.roles import Role
from forcereview.accounts.tokens import digest_of, new_token
from forcereview.audit.actions import diff, record
from forcereview.records.actions import RecordInvalid

USER_FIELDS = ("username", "email", "first_name", "last_name", "role", "agency_id", "officer_id", "is_active")


def _user_dict(user: User) -> dict:
    return {f: getattr(user, f) for f in USER_FIELDS}


def create_user(*, by, username: str, password: str | None, role: str, agency=None, officer=None,
                email: str = "", first_name: str = "", last_name: str = "", is_staff: bool = False) -> User:
    if role not in Role.values:
        raise RecordInvalid("role", f"{role!r} is not a known role")
    if officer is not None and agency is not None and officer.agency_id != agency.pk:
        raise RecordInvalid("officer", "the officer belongs to another agency")
    if User.objects.filter(username=username).exists():
        raise RecordInvalid("username", f"{username!r} is already taken")
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
