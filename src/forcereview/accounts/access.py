"""Permission-checked reads of accounts: a user's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from forcereview.accounts.models import ApiToken


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
