"""What acting on the outcomes of a batch of incidents reads, read for the whole batch in a
few queries instead of a few per incident: their status, review tasks, officers up the chain
(with their logins), earlier reviewers, referrals, recordings and holds, and role addresses.

Read inside the batch's transaction, just before acting. Acting on one incident's outcome
writes only that incident's tasks, referrals and holds, which are added to what was read here
as they are made, so each incident still sees what it would have read itself.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from forcereview.records.models import Incident, OfficerInvolvement
from forcereview.reviews.models import Determination, Referral, ReviewTask
from forcereview.reviews.notify import Recipients
from forcereview.reviews.routing import CHAIN

# Officers read with each involvement: the officer and four levels above (``routing.CHAIN``).
_CHAIN_DEPTH = CHAIN.count("__supervisor")


class BatchReads:
    def __init__(self, incidents: list[Incident], *, hold_key: str):
        from forcereview.evidence.actions import HoldTargets

        ids = [i.pk for i in incidents]
        self.status = dict(Incident.objects.filter(pk__in=ids).values_list("pk", "status"))
        self.tasks: dict[int, list[ReviewTask]] = _grouped(ReviewTask.objects.filter(incident_id__in=ids))
        self.involvements: dict[int, list[OfficerInvolvement]] = _grouped(
            OfficerInvolvement.objects.filter(incident_id__in=ids).select_related(CHAIN))
        _read_logins(self.involvements.values())
        self.prior_reviewers: dict[int, set[int]] = {}
        for incident_id, officer_id in Determination.objects.filter(
                task__incident_id__in=ids, reviewer_officer__isnull=False).values_list(
                "task__incident_id", "reviewer_officer_id"):
            self.prior_reviewers.setdefault(incident_id, set()).add(officer_id)
        self.referrals: dict[int, list[Referral]] = _grouped(
            Referral.objects.select_for_update().filter(incident_id__in=ids).order_by("-created_at"))
        self.holds = HoldTargets(ids, hold_key)
        self.recipients = Recipients()

    def tasks_of(self, incident: Incident) -> list[ReviewTask]:
        return self.tasks.setdefault(incident.pk, [])

    def referrals_of(self, incident: Incident) -> list[Referral]:
        return self.referrals.setdefault(incident.pk, [])


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.incident_id, []).append(row)
    return grouped


def _read_logins(involvement_lists) -> None:
    """The login of every officer read up the chains (``notify.user_of``), in one query."""
    officers = []
    for involvements in involvement_lists:
        for involvement in involvements:
            officer = involvement.officer
            for depth in range(_CHAIN_DEPTH + 1):
                officers.append(officer)
                if officer.supervisor_id is None or depth == _CHAIN_DEPTH:
                    break
                officer = officer.supervisor
    prefetch_related_objects(officers, "user")
