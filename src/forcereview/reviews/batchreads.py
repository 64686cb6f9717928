"""What acting on the outcomes of a batch of incidents reads, read for the whole batch in a
few queries instead of a few per incident: their status, review tasks, the officers involved
and everyone above them (each read once, with their logins), earlier reviewers, referrals,
recordings and holds, and role addresses.

Read inside the batch's transaction, just before acting. Acting on one incident's outcome
writes only that incident's tasks, referrals and holds, which are added to what was read here
as they are made, so each incident still sees what it would have read itself.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from forcereview.records.models import Incident, Officer, OfficerInvolvement
from forcereview.reviews.models import Determination, Referral, ReviewTask
from forcereview.reviews.notify import Recipients


class BatchReads:
    def __init__(self, incidents: list[Incident], *, hold_key: str):
        from forcereview.evidence.actions import HoldTargets

        ids = [i.pk for i in incidents]
        self.status = dict(Incident.objects.filter(pk__in=ids).values_list("pk", "status"))
        self.tasks: dict[int, list[ReviewTask]] = _grouped(ReviewTask.objects.filter(incident_id__in=ids))
        involvements = list(OfficerInvolvement.objects.filter(incident_id__in=ids))
        officers = _chains_of({i.officer_id for i in involvements})
        for involvement in involvements:
            involvement.officer = officers[involvement.officer_id]
        self.involvements: dict[int, list[OfficerInvolvement]] = _grouped(involvements)
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


def _chains_of(officer_ids: set[int]) -> dict[int, Officer]:
    """The officers and everyone above them, each read once, linked to their supervisors (so
    that ``chain_above`` walks without reading), with their logins (``notify.user_of``)."""
    officers: dict[int, Officer] = {}
    wanted = set(officer_ids)
    while wanted:
        read = list(Officer.objects.filter(pk__in=wanted))
        officers.update((o.pk, o) for o in read)
        wanted = {o.supervisor_id for o in read if o.supervisor_id is not None} - officers.keys()
    for officer in officers.values():
        if officer.supervisor_id is not None:
            officer.supervisor = officers[officer.supervisor_id]
    prefetch_related_objects(list(officers.values()), "user")
    return officers
