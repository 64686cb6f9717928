"""Who reviews an incident: up the chain of command of the officer who used force, skipping
anyone with a conflict of interest.

Nobody reviews an incident in which they used force, witnessed it, were present or wrote
the report, and nobody reviews their own review (an officer who made a determination on an
incident is not routed another review of it).
"""

from __future__ import annotations

from forcereview.records import vocab
from forcereview.records.chain import chain_above
from forcereview.records.models import Incident, Officer
from forcereview.reviews.models import Level

# The lowest rank that may review at each level.
MIN_RANK = {
    Level.SUPERVISOR: vocab.RANKS.get("sergeant").level,
    Level.LIEUTENANT: vocab.RANKS.get("lieutenant").level,
    Level.COMMANDER: vocab.RANKS.get("captain").level,
}
NEXT_LEVEL = {Level.SUPERVISOR: Level.LIEUTENANT, Level.LIEUTENANT: Level.COMMANDER}


def rank_level(officer: Officer) -> int:
    term = vocab.RANKS.get(officer.rank)
    return term.level if term else 0


# Officers are read with their chain of command this many levels up in one query (officer,
# sergeant, lieutenant, captain, chief); a longer chain is read on as it is walked.
_CHAIN = "officer" + "__supervisor" * 4


def involved_ids(incident: Incident, involvements=None) -> set[int]:
    """Officers who used force, witnessed or were present, and the reporting officer."""
    if involvements is None:
        ids = set(incident.involvements.values_list("officer_id", flat=True))
    else:
        ids = {inv.officer_id for inv in involvements}
    if incident.reported_by_id:
        ids.add(incident.reported_by_id)
    return ids


def prior_reviewer_ids(incident: Incident) -> set[int]:
    from forcereview.reviews.models import Determination

    return set(
        Determination.objects.filter(task__incident=incident, reviewer_officer__isnull=False)
        .values_list("reviewer_officer_id", flat=True)
    )


def conflict_of(officer: Officer | None, incident: Incident, *, exclude_task=None) -> str | None:
    """Why ``officer`` may not review ``incident``, in plain words, or None."""
    if officer is None:
        return None
    involvement = incident.involvements.filter(officer=officer).first()
    if involvement is not None:
        if involvement.role == "witness":
            return "you witnessed this incident, so you may not review it"
        return "you used force in this incident, so you may not review it"
    if incident.reported_by_id == officer.pk:
        return "you wrote the report of this incident, so you may not review it"
    from forcereview.reviews.models import Determination

    earlier = Determination.objects.filter(task__incident=incident, reviewer_officer=officer)
    if exclude_task is not None:
        earlier = earlier.exclude(task=exclude_task)
    if earlier.exists():
        return "you already reviewed this incident, and nobody reviews their own review"
    return None


def subject_officer(incident: Incident, involvements=None) -> Officer | None:
    """Whose chain of command reviews the incident: the primary officer, else the first who
    used force, else the reporting officer."""
    if involvements is None:
        involvements = list(incident.involvements.select_related(_CHAIN))
    for role in ("primary", "assisting"):
        for inv in involvements:
            if inv.role == role:
                return inv.officer
    return incident.reported_by


def route(incident: Incident, level: str, *, above: Officer | None = None, involvements=None,
          prior_reviewers: set[int] | None = None) -> Officer | None:
    """The first active officer up the chain (from the subject officer, or from ``above``)
    who holds the rank the level needs and has no conflict; None when the chain runs out
    (command staff then take the review). ``involvements`` (their officers linked up the chain) and
    ``prior_reviewers`` are read here unless given (``reviews.batchreads``)."""
    if involvements is None:
        involvements = list(incident.involvements.select_related(_CHAIN))
    start = above or subject_officer(incident, involvements)
    if start is None:
        return None
    if prior_reviewers is None:
        prior_reviewers = prior_reviewer_ids(incident)
    excluded = involved_ids(incident, involvements) | prior_reviewers
    minimum = MIN_RANK.get(level, 0)
    for officer in chain_above(start):
        if officer.pk in excluded or officer.status != "active":
            continue
        if rank_level(officer) < minimum:
            continue
        return officer
    return None
