"""Dashboard filters, shared by the web page and the API: kind, assignee, status.

The list is ordered overdue first (oldest due first), then by due time. A bad filter value
becomes an error naming the filter, and that filter is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.deadlines.models import ACTIVE, Deadline, Status
from forcereview.deadlines.registry import KINDS

STATUS_CHOICES = [("active", "Still to do"), ("overdue", "Overdue"), ("all", "All")] + [
    (s.value, s.label) for s in Status
]


@dataclass
class DeadlineFilter:
    kind: str = ""
    assignee: str = ""  # "user:<id>", "role:<role>" or "me"
    status: str = "active"
    errors: dict[str, str] = field(default_factory=dict)


def parse_filters(params) -> DeadlineFilter:
    f = DeadlineFilter()
    kind = str(params.get("kind") or "").strip()
    if kind:
        if kind in KINDS:
            f.kind = kind
        else:
            f.errors["kind"] = f"{kind!r} is not a known kind of deadline"
    status = str(params.get("status") or "active").strip()
    if status in dict(STATUS_CHOICES):
        f.status = status
    else:
        f.errors["status"] = f"{status!r} is not a deadline status"
    assignee = str(params.get("assignee") or "").strip()
    if assignee:
        prefix, _, value = assignee.partition(":")
        if assignee == "me" or (prefix == "user" and value.isdigit()) or (prefix == "role" and value in Role.values):
            f.assignee = assignee
        else:
            f.errors["assignee"] = f"{assignee!r} is not an assignee (use me, user:<id> or role:<role>)"
    return f


def apply(qs: QuerySet[Deadline], f: DeadlineFilter, user, now=None) -> QuerySet[Deadline]:
    now = now or timezone.now()
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status == "active":
        qs = qs.filter(status__in=ACTIVE)
    elif f.status == "overdue":
        qs = qs.filter(status__in=ACTIVE, due_at__lt=now)
    elif f.status != "all":
        qs = qs.filter(status=f.status)
    if f.assignee == "me":
        qs = qs.filter(Q(assignee_user=user) | Q(assignee_user__isnull=True, assignee_role=user.role))
    elif f.assignee.startswith("user:"):
        qs = qs.filter(assignee_user_id=int(f.assignee[5:]))
    elif f.assignee.startswith("role:"):
        qs = qs.filter(assignee_user__isnull=True, assignee_role=f.assignee[5:])
    overdue = Case(When(status__in=ACTIVE, due_at__lt=now, then=Value(True)), default=Value(False),
                   output_field=BooleanField())
    return qs.annotate(overdue=overdue).order_by("-overdue", "due_at", "id")
