"""Who may see which deadlines.

Investigators, command staff and auditors see the deadlines of their agency (auditors
oversee timeliness); anyone else sees the deadlines assigned to them by name. A kind may
narrow that further with its ``scope`` (see ``registry.DeadlineKind``): a case deadline is
hidden from the officers the case is about, whatever their role.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from forcereview.accounts.roles import Role
from forcereview.deadlines.models import Deadline
from forcereview.deadlines.registry import KINDS

AGENCY_WIDE_READERS = frozenset({Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR})
# Who may meet, extend or cancel any deadline of the agency by hand.
MANAGERS = frozenset({Role.INVESTIGATOR, Role.COMMAND})


def deadlines_for(user) -> QuerySet[Deadline]:
    if not user.is_authenticated or not user.is_active or user.agency_id is None:
        return Deadline.objects.none()
    qs = Deadline.objects.filter(agency_id=user.agency_id)
    if user.role not in AGENCY_WIDE_READERS:
        qs = qs.filter(assignee_user=user)
    scoped = {code: kind.scope for code, kind in KINDS.items() if kind.scope is not None}
    if scoped:
        allowed = ~Q(kind__in=list(scoped))
        for code, scope in scoped.items():
            allowed |= Q(kind=code) & scope(user)
        qs = qs.filter(allowed)
    return qs.select_related("agency", "assignee_user", "target_type")


def access_deadline(user, pk) -> Deadline:
    try:
        return deadlines_for(user).get(pk=pk)
    except (Deadline.DoesNotExist, ValueError, TypeError):
        raise Http404("No such deadline.") from None


def can_manage(user, deadline: Deadline) -> bool:
    """Meeting a deadline by hand is for the people who oversee them; an assignee meets
    theirs by doing the work (a review determination meets the review deadline)."""
    return user.is_authenticated and user.role in MANAGERS and deadline.agency_id == user.agency_id
