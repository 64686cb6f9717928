"""Permission-checked reads of accounts: a user's own API tokens, and the logins of an
administrator's agency."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from forcereview.accounts.models import ApiToken, User
from forcereview.accounts.roles import Role


def tokens_for(user) -> QuerySet[ApiToken]:
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def access_token(user, pk) -> ApiToken:
    """One of the user's own tokens; anyone else's answers "not found"."""
    try:
        return tokens_for(user).select_related("user").get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404("No such token.") from None


def users_for(user) -> QuerySet[User]:
    """The logins an administrator manages: those of their own agency. Nobody else manages any."""
    if not user.is_authenticated or not user.is_active or user.role != Role.ADMIN or user.agency_id is None:
        return User.objects.none()
    return User.objects.filter(agency_id=user.agency_id)


def access_user(user, pk) -> User:
    """A login of the administrator's agency; another agency's answers "not found"."""
    try:
        return users_for(user).select_related("officer", "officer__unit").get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such user.") from None
