"""Acting on what the policy requires of an incident: the first review, the review board,
the internal-affairs referral, the legal hold and the notices. The incident's status is left
alone: it stays "reported" (correctable by its officer) until a reviewer acts on it.

Every step is idempotent (an incident re-evaluated with the same outcome gets no second
review or referral), and nothing is done for a closed incident.
"""

from __future__ import annotations

import logging

from forcereview.policy import Outcome
from forcereview.records.models import Incident
from forcereview.reviews import notify
from forcereview.reviews.actions.referrals import refer
from forcereview.reviews.actions.tasks import open_next_level, open_task
from forcereview.reviews.batchreads import BatchReads
from forcereview.reviews.models import Level, ReviewTask

log = logging.getLogger(__name__)
HOLD_KEY = "review-policy"


def _fired(outcome: Outcome, rule_ids) -> list:
    return [f for f in outcome.fired if f.rule_id in rule_ids]


def _because(outcome: Outcome, rule_ids) -> str:
    return "; ".join(f"{f.reason} ({'; '.join(f.because)})" for f in _fired(outcome, rule_ids))


def required_top_level(outcome: Outcome) -> str | None:
    """The highest level of the chain the policy wants to review, or None for no review."""
    higher = outcome.requirement("higher_review")
    if higher is not None:
        return higher.params["level"]
    return Level.SUPERVISOR if outcome.requires("supervisor_review") else None


def apply_outcome(incident: Incident, outcome: Outcome, previous: dict | None, *, by,
                  reads: BatchReads | None = None) -> None:
    """Act on ``outcome``. ``reads``: what this reads, read for the whole batch of incidents
    being acted on (``reviews.batchreads``); read here for this incident otherwise."""
    if reads is None:
        reads = BatchReads([incident], hold_key=HOLD_KEY)
    incident.status = reads.status[incident.pk]
    if incident.status == "closed":
        return
    _reviews(incident, outcome, by=by, reads=reads)
    for fired in outcome.fired:
        if any(a.name == "internal_affairs" for a in fired.actions):
            refer(incident, by=by, source="policy", rules=[fired.rule_id], once=True,
                  text=f"{fired.reason} ({'; '.join(fired.because)})", referrals=reads.referrals_of(incident),
                  recipients=reads.recipients)
    if outcome.requires("legal_hold"):
        place_hold(incident, outcome, by=by, reads=reads)
    _notices(incident, outcome, previous, reads.recipients)


def _reviews(incident: Incident, outcome: Outcome, *, by, reads: BatchReads) -> None:
    first = outcome.requirement("supervisor_review")
    higher = outcome.requirement("higher_review")
    tasks = reads.tasks_of(incident)
    chain = [t for t in tasks if t.level != Level.BOARD]
    if (first or higher) and not chain:
        requirement = first or higher
        days = first.params["within_days"] if first else higher.params["within_days"]
        tasks.append(open_task(incident, by=by, level=Level.SUPERVISOR, days=days, rules=requirement.rules,
                               basis=f"Required by the review policy: {_because(outcome, requirement.rules)}",
                               reads=reads))
    elif higher is not None:
        # The policy came to require a higher review after the chain had already reviewed
        # (a recording analysed later): the next level takes it up.
        done = _latest_completed(chain)
        if done is not None and not any(t.status == ReviewTask.Status.OPEN for t in tasks):
            opened = open_next_level(incident, done, by=by, required_top=higher.params["level"],
                                     days=higher.params["within_days"])
            if opened is not None:
                tasks.append(opened)
    board = outcome.requirement("review_board")
    if board is not None and not any(
            t.level == Level.BOARD and t.status in (ReviewTask.Status.OPEN, ReviewTask.Status.COMPLETED) for t in tasks):
        tasks.append(open_task(incident, by=by, level=Level.BOARD, days=board.params["within_days"],
                               rules=board.rules, reads=reads,
                               basis=f"The use-of-force review board is required: {_because(outcome, board.rules)}"))


def _latest_completed(tasks: list[ReviewTask]) -> ReviewTask | None:
    completed = [t for t in tasks if t.status == ReviewTask.Status.COMPLETED]
    closed = [t for t in completed if t.closed_at is not None]
    return max(closed, key=lambda t: t.closed_at) if closed else next(iter(completed), None)


def place_hold(incident: Incident, outcome: Outcome, *, by, reads: BatchReads | None = None) -> bool:
    """A legal hold on every recording of the incident, through the evidence store."""
    try:
        from forcereview.evidence.actions import place_incident_hold
    except ImportError:
        log.info("incident %s: legal hold required, but the evidence store is not installed", incident.pk)
        return False
    rules = outcome.requirement("legal_hold").rules
    place_incident_hold(incident, by=by, reason=f"Required by the review policy (rules {', '.join(rules)})",
                        key=HOLD_KEY, targets=reads.holds if reads is not None else None)
    return True


def _notices(incident: Incident, outcome: Outcome, previous: dict | None, recipients) -> None:
    before = {r.get("role") for r in (previous or {}).get("required", []) if r.get("action") == "notify"}
    for requirement in outcome.required:
        if requirement.name == "notify" and requirement.params["role"] not in before:
            reasons = [f"{f.reason} ({'; '.join(f.because)})" for f in _fired(outcome, requirement.rules)]
            notify.role_notified(incident, requirement.params["role"], reasons, recipients)
