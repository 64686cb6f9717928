"""Permission-checked reads of records. Every view and API endpoint reads incidents here.

Missing and forbidden answer the same ``Http404`` so nothing leaks by error message.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from forcereview.accounts.roles import (
    AGENCY_WIDE_INCIDENT_READERS,
    MINOR_IDENTITY_READERS,
    SUBJECT_IDENTITY_READERS,
    Role,
)
from forcereview.records import vocab
from forcereview.records.chain import subordinate_ids
from forcereview.records.models import Incident, Officer, OfficerInvolvement, Subject, Unit, Witness
from forcereview.records.snapshot import INCIDENT_PREFETCH


def visible_officer_ids(user) -> set[int] | None:
    """Officers whose incidents ``user`` may read; None means the whole agency."""
    if user.role in AGENCY_WIDE_INCIDENT_READERS:
        return None
    if user.officer_id is None:
        return set()
    if user.role == Role.SUPERVISOR:
        cache = getattr(user, "_chain_cache", None)
        if cache is None:
            cache = subordinate_ids(user.officer) | {user.officer_id}
            user._chain_cache = cache
        return cache
    if user.role == Role.OFFICER:
        return {user.officer_id}
    return set()


def incidents_for(user) -> QuerySet[Incident]:
    """The incidents ``user`` may read. A supervisor's chain is one set of incident ids
    (``pk IN (involvements UNION reports)``, read from the officers' indexes): the form to count
    whole, to join, or to test other records against (``incident__in=...``). For a page of a
    list in date order use ``incident_list_for``: PostgreSQL plans this set as a join over every
    incident of the agency before it can sort."""
    return _scoped(user, _chain_as_id_set)


def incident_list_for(user) -> QuerySet[Incident]:
    """The same incidents as ``incidents_for``, in the form a list reads a page of them, newest
    first. SQLite reads ``incidents_for``'s set that way already: it walks the incidents in
    date order and tests each id against the set. PostgreSQL plans the set as a join over every
    incident of the agency, then sorts; there a large chain (a sergeant's squad: 7% of 200,000
    incidents) is written as a test of each row, so a page stops after its rows (6 ms instead
    of 90). A small chain (an officer's own incidents, a new sergeant's) stays a set: PostgreSQL
    cannot tell how few rows that test passes, and would walk the whole agency to fill a page."""
    return _scoped(user, _chain_for_a_list)


# Databases that plan ``pk IN (subquery)`` as a join, where a list tests a large chain row by
# row instead; and the size, in involvements, from which a chain is large. At that size either
# form costs about the same with 200,000 incidents: the set is read whole and sorted, while the
# test walks incidents until it has a page, or the 1,000 rows the API counts up to.
ROW_TEST_VENDORS = frozenset({"postgresql"})
ROW_TEST_FROM = 3000


def _scoped(user, chain_condition) -> QuerySet[Incident]:
    if not user.is_authenticated or not user.is_active or user.agency_id is None:
        return Incident.objects.none()
    qs = Incident.objects.filter(agency_id=user.agency_id)
    officer_ids = visible_officer_ids(user)
    if officer_ids is None:
        return qs
    if not officer_ids:
        return Incident.objects.none()
    return qs.filter(chain_condition(sorted(officer_ids)))


def _chain_as_id_set(officer_ids: list[int]) -> Q:
    """Incidents one of ``officer_ids`` took part in or reported, as ``pk IN (... UNION ...)``."""
    involved = OfficerInvolvement.objects.filter(officer_id__in=officer_ids).order_by().values("incident_id")
    reported = Incident.objects.filter(reported_by_id__in=officer_ids).order_by().values("id")
    return Q(pk__in=involved.union(reported))


def _chain_as_row_test(officer_ids: list[int]) -> Q:
    """The same incidents, as a test of each row: reported by one of them, or among the
    incidents they took part in. Under the OR, PostgreSQL cannot make the subquery a join: it
    reads it once into a hash and tests each row it walks against it."""
    involved = OfficerInvolvement.objects.filter(officer_id__in=officer_ids).order_by().values("incident_id")
    return Q(reported_by_id__in=officer_ids) | Q(pk__in=involved)


def _chain_for_a_list(officer_ids: list[int]) -> Q:
    if connection.vendor in ROW_TEST_VENDORS:
        involvements = OfficerInvolvement.objects.filter(officer_id__in=officer_ids).order_by()
        if involvements[:ROW_TEST_FROM].count() >= ROW_TEST_FROM:
            return _chain_as_row_test(officer_ids)
    return _chain_as_id_set(officer_ids)


def own_incidents(user) -> QuerySet[Incident]:
    """Incidents the user's own officer record took part in or reported, which every rule above
    lets them see. Read by key through the involvement and reporter indexes rather than by
    walking the agency's incidents in date order: fast for an officer with a few among 200,000.
    The agency needs no condition of its own: a user's officer belongs to the user's agency, and
    an incident names only officers of its agency."""
    if not user.is_authenticated or not user.is_active or user.agency_id is None or user.officer_id is None:
        return Incident.objects.none()
    involved = OfficerInvolvement.objects.filter(officer_id=user.officer_id).order_by().values("incident_id")
    reported = Incident.objects.filter(reported_by_id=user.officer_id).order_by().values("id")
    return Incident.objects.filter(pk__in=involved.union(reported))


def access_incident(user, pk) -> Incident:
    try:
        return incidents_for(user).select_related("agency", "reported_by").prefetch_related(*INCIDENT_PREFETCH).get(pk=pk)
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise Http404("No such incident.") from None


def officers_for(user) -> QuerySet[Officer]:
    if not user.is_authenticated or user.agency_id is None:
        return Officer.objects.none()
    return Officer.objects.filter(agency_id=user.agency_id)


def can_see_subject_identity(user, subject: Subject) -> bool:
    if subject.is_juvenile or (subject.youngest_age is None):
        return user.role in MINOR_IDENTITY_READERS
    return user.role in SUBJECT_IDENTITY_READERS


def redactor_for(user):
    """A function telling whether a subject's name must be hidden from ``user``."""
    return lambda subject: not can_see_subject_identity(user, subject)


def can_see_witness_identity(user, witness: Witness) -> bool:
    """Civilian witnesses are named like subjects: students (often minors) only to the roles
    that see minors' names, everyone else to the roles that see subjects' names."""
    if witness.role == "student":
        return user.role in MINOR_IDENTITY_READERS
    return user.role in SUBJECT_IDENTITY_READERS


def witness_redactor_for(user):
    """A function telling whether a witness's name and contact must be hidden from ``user``."""
    return lambda witness: not can_see_witness_identity(user, witness)


# -- the status an incident shows its reader ----------------------------------------------------
#
# Officers never learn of an investigation about themself: to them an incident referred to
# internal affairs reads as an ordinary review in progress, on every page, list, filter, history
# line and API answer. Supervisors take part in reviews and see the referrals they cause;
# investigators, command and auditors oversee them; administrators and the public read no
# incidents.
STATUS_BLIND_ROLES = frozenset({Role.OFFICER})
STATUS_SEEN_AS = {"referred": "under_review"}


def _blind(user) -> bool:
    return getattr(user, "role", None) in STATUS_BLIND_ROLES


def status_seen_by(user, status: str) -> str:
    """The status ``user`` is shown for an incident whose real status is ``status``."""
    if _blind(user):
        return STATUS_SEEN_AS.get(status, status)
    return status


def status_choices_for(user) -> list[tuple[str, str]]:
    """The statuses ``user`` may filter by, as (code, label): those they can ever be shown."""
    return [(code, label) for code, label in vocab.INCIDENT_STATUS.choices if status_seen_by(user, code) == code]


def statuses_matching(user, status: str) -> tuple[str, ...]:
    """The stored statuses a filter on ``status`` selects for ``user``: every status that reads
    as ``status`` to them. For an officer, "under_review" and "referred" select the same rows,
    so asking for either tells nothing."""
    shown = status_seen_by(user, status)
    return tuple(code for code in vocab.INCIDENT_STATUS.codes if status_seen_by(user, code) == shown)


def status_change_seen_by(user, before: str, after: str) -> tuple[str, str] | None:
    """A status change as ``user`` is shown it, or None when to them nothing changed (for an
    officer, a referral closed back into the review it came from)."""
    seen = (status_seen_by(user, before), status_seen_by(user, after))
    return None if seen[0] == seen[1] else seen


def can_file_report(user) -> bool:
    return user.is_authenticated and user.officer_id is not None and user.role in {Role.OFFICER, Role.SUPERVISOR}


def can_edit_incident(user, incident: Incident) -> bool:
    """The reporting officer may correct a report until review starts; command may always
    correct (every correction is audited)."""
    if user.role == Role.COMMAND:
        return True
    return incident.status == "reported" and user.officer_id is not None and incident.reported_by_id == user.officer_id


def filing_problem(user, data):
    """Officers and supervisors file their own reports: the filer must be listed among the
    report's officers. Returns a ``FieldError`` naming ``officers``, or None."""
    from forcereview.records.validation import FieldError

    if user.role == Role.COMMAND:
        return None
    badge = user.officer.badge_number if user.officer_id else None
    listed = data.get("officers") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return None  # the validator names the missing or malformed list
    badges = {str(o.get("badge", "")).strip() for o in listed if isinstance(o, dict)}
    if badge is None:
        return FieldError("officers", "your login is not linked to an officer record, so you cannot file reports")
    if badge not in badges:
        return FieldError("officers", f"you may only file a report in which you are listed (your badge is #{badge})")
    return None


def units_for(user) -> QuerySet[Unit]:
    if not user.is_authenticated or user.agency_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(agency_id=user.agency_id)


# Administrators keep the agency's roster: officers and units, never incidents.
ROSTER_KEEPERS = frozenset({Role.ADMIN})


def roster_officers_for(user) -> QuerySet[Officer]:
    if not user.is_authenticated or not user.is_active or user.role not in ROSTER_KEEPERS:
        return Officer.objects.none()
    return officers_for(user)


def roster_units_for(user) -> QuerySet[Unit]:
    if not user.is_authenticated or not user.is_active or user.role not in ROSTER_KEEPERS:
        return Unit.objects.none()
    return units_for(user)


def access_roster_officer(user, pk) -> Officer:
    """An officer of the administrator's agency, to edit; any other answers "not found"."""
    try:
        return roster_officers_for(user).select_related("unit", "supervisor", "agency").get(pk=pk)
    except (Officer.DoesNotExist, ValueError, TypeError):
        raise Http404("No such officer.") from None


def access_roster_unit(user, pk) -> Unit:
    try:
        return roster_units_for(user).select_related("parent", "agency").get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("No such unit.") from None


# Bulk import loads many reports at once, on behalf of the officers named in them: a job for
# professional standards, command, or an administrator migrating records from an older system.
IMPORTERS = frozenset({Role.INVESTIGATOR, Role.COMMAND, Role.ADMIN})


def can_import(user, agency) -> bool:
    return user.is_active and user.role in IMPORTERS and user.agency_id is not None and user.agency_id == agency.pk
