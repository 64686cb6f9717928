"""The kinds of deadline, and what happens when one needs attention.

Every app that opens deadlines registers its kinds in its ``AppConfig.ready()``::

    from forcereview.deadlines.registry import DeadlineKind, register
    register(DeadlineKind("review.supervisor", "Supervisor review", escalate=escalate_review))

``open_deadline`` refuses a kind nobody registered, so a typo cannot create a deadline the
processor would not know how to handle. A kind without its own ``remind``/``escalate``
handler gets the default: an email to the assignee (and, on escalation, to command staff).
Handlers run inside the processor's transaction; send email with ``transaction.on_commit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from django.db.models import Q

    from forcereview.deadlines.models import Deadline


@dataclass(frozen=True)
class DeadlineKind:
    code: str  # "claim.tca_notice": app, dot, what
    label: str  # "Tort Claims Act notice period"
    # (deadline, reminder number 1..n) -> None
    remind: Callable[[Deadline, int], None] | None = None
    # (deadline, escalation level 1..n) -> None
    escalate: Callable[[Deadline, int], None] | None = None
    # (deadline, user) -> where the dashboard links that user to (the case, the review task),
    # or None where the user may not open the record the deadline concerns.
    target_url: Callable[[Deadline, Any], str | None] | None = None
    # Extra restriction on who may see deadlines of this kind: (user) -> Q over Deadline,
    # or None for no restriction beyond the dashboard's own rule. A case deadline uses it
    # so that an officer under investigation never learns of the case through a deadline.
    scope: Callable[[Any], Q] | None = None


KINDS: dict[str, DeadlineKind] = {}


def register(kind: DeadlineKind) -> DeadlineKind:
    if "." not in kind.code:
        raise ValueError(f"deadline kind {kind.code!r} must be named app.what, e.g. 'review.supervisor'")
    KINDS[kind.code] = kind
    return kind


def kind_of(code: str) -> DeadlineKind | None:
    return KINDS.get(code)


def label_of(code: str) -> str:
    kind = KINDS.get(code)
    return kind.label if kind else code
