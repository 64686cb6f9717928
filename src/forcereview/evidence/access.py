"""Who may see and handle evidence. Every view and API endpoint reads evidence here.

Whoever may read an incident may see its evidence (``records.access``); administrators
manage users and policy and never see evidence. Uploading is for the incident's officers,
their supervisors, investigators and command; legal holds and retention classes are for
investigators and command; transcript corrections are for reviewers (supervisors in the
chain, investigators, command), never for an officer on their own incident.

Missing and forbidden answer the same ``Http404``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from forcereview.accounts.roles import Role
from forcereview.evidence.models import EvidenceItem
from forcereview.records.access import access_incident, incidents_for
from forcereview.records.models import Incident

EVIDENCE_READERS = (Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)
UPLOADERS = (Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND)
HOLD_KEEPERS = (Role.INVESTIGATOR, Role.COMMAND)
CORRECTORS = (Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND)


def _reads_evidence(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in EVIDENCE_READERS


def evidence_for(user) -> QuerySet[EvidenceItem]:
    if not _reads_evidence(user):
        return EvidenceItem.objects.none()
    return EvidenceItem.objects.filter(incident__in=incidents_for(user).values("pk"))


def access_evidence(user, pk) -> EvidenceItem:
    try:
        return evidence_for(user).select_related("incident", "incident__agency", "officer").get(pk=pk)
    except (EvidenceItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such evidence.") from None


def access_incident_evidence(user, incident_pk) -> Incident:
    """The incident, when ``user`` may see its evidence."""
    if not _reads_evidence(user):
        raise Http404("No such incident.")
    return access_incident(user, incident_pk)


def can_upload(user, incident: Incident) -> bool:
    return (
        user.is_authenticated and user.is_active and user.role in UPLOADERS
        and incidents_for(user).filter(pk=incident.pk).exists()
    )


def access_incident_for_upload(user, incident_pk) -> Incident:
    """The incident ``user`` may add evidence to. Not readable: 404; readable but not an
    uploader (an auditor): ``PermissionError``."""
    incident = access_incident_evidence(user, incident_pk)
    if not can_upload(user, incident):
        raise PermissionError("Your role does not allow adding evidence to this incident.")
    return incident


def can_manage_holds(user, item: EvidenceItem) -> bool:
    return user.is_authenticated and user.is_active and user.role in HOLD_KEEPERS


def _involved(user, incident: Incident) -> bool:
    if user.officer_id is None:
        return False
    if incident.reported_by_id == user.officer_id:
        return True
    return incident.involvements.filter(officer_id=user.officer_id).exists()


def can_correct_transcript(user, item: EvidenceItem) -> bool:
    """Reviewers may correct; nobody corrects the record of an incident they were part of."""
    if not (user.is_authenticated and user.is_active and user.role in CORRECTORS):
        return False
    return not _involved(user, item.incident)


def can_retry(user, item: EvidenceItem) -> bool:
    return user.is_authenticated and user.is_active and user.role in UPLOADERS
