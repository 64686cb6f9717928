"""Where cases meet the review workflow: a case opened from an internal-affairs referral.

The referral model belongs to ``reviews``; it is looked up by name so this app does not
depend on that app's modules at import time. Opening the case marks the referral opened
through ``CASE_OPENED_HOOKS`` (registered by ``reviews``).
"""

from __future__ import annotations

from django.apps import apps
from django.http import Http404


def referral_model():
    try:
        return apps.get_model("reviews", "Referral")
    except LookupError:
        return None


def pending_referrals_for(user):
    model = referral_model()
    if model is None or not user.is_authenticated or user.agency_id is None:
        return None
    return model.objects.filter(agency_id=user.agency_id, status="pending").select_related("incident")


def access_pending_referral(user, pk):
    qs = pending_referrals_for(user)
    if qs is None:
        raise Http404("No such referral.")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such referral.") from None
