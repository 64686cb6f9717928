"""Who may see which case, and which parts of it.

- Investigators and command staff see the cases of their agency, except a case that
  names them (any officer linked to the case, or interviewed in its log) or examines an
  officer of their own unit (a subject or a reviewer under review): to them the case does not
  exist (404, never 403), on every page, API answer, deadline, panel, list, audit entry and
  referral label. A supervisor in the subject's chain of command sees the case only with an
  investigator's or command role, when not named in it and not in the subject's unit.
- Members of a case's criminal team see the case without its compelled (Garrity) statements,
  anything drawn from them, and the reasons given for findings.
- Auditors see de-identified summaries (no names of officers, subjects or complainants).
- Everyone else, including the officer under investigation, sees nothing: their role does not
  reach case pages at all (the same 403 for every case number, real or not).
Missing and forbidden answer the same ``Http404``.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from forcereview.accounts.roles import Role
from forcereview.cases.models import (
    Case,
    CaseOfficer,
    CivilClaim,
    Complaint,
    CriminalTeamMember,
    InvestigationEntry,
)
from forcereview.cases.models.case import UNDER_INVESTIGATION

CASE_READERS = frozenset({Role.INVESTIGATOR, Role.COMMAND})
SUMMARY_READERS = frozenset({Role.AUDITOR})
INVESTIGATORS = frozenset({Role.INVESTIGATOR, Role.COMMAND})
DECIDERS = frozenset({Role.COMMAND})


def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active and user.agency_id is not None


def conflicted(user) -> Q:
    """Cases ``user`` must never learn of: naming them (as subject, witness, reviewer under
    review, or an officer interviewed in the log), or examining an officer of their unit
    (a subject or a reviewer under review). Their rank, role or place in the chain of command
    makes no difference."""
    if not getattr(user, "officer_id", None):
        return Q(pk__in=[])
    about_me = CaseOfficer.objects.filter(case=OuterRef("pk"), officer_id=user.officer_id)
    interviewed = InvestigationEntry.objects.filter(case=OuterRef("pk"), interviewee_officer_id=user.officer_id)
    q = Q(Exists(about_me)) | Q(Exists(interviewed))
    unit_id = user.officer.unit_id
    if unit_id is not None:
        unit_mate = CaseOfficer.objects.filter(case=OuterRef("pk"), role__in=UNDER_INVESTIGATION,
                                               officer__unit_id=unit_id)
        q |= Q(Exists(unit_mate))
    return q


def cases_for(user) -> QuerySet[Case]:
    if not _signed_in(user) or user.role not in CASE_READERS:
        return Case.objects.none()
    return Case.objects.filter(agency_id=user.agency_id).exclude(conflicted(user))


def case_ids_for(user) -> QuerySet:
    return cases_for(user).values("pk")


def access_case(user, pk) -> Case:
    try:
        return cases_for(user).select_related("agency", "lead_investigator", "complaint").get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case.") from None


def summaries_for(user) -> QuerySet[Case]:
    """Cases an auditor may see as de-identified summaries."""
    if not _signed_in(user) or user.role not in SUMMARY_READERS:
        return Case.objects.none()
    return Case.objects.filter(agency_id=user.agency_id).exclude(conflicted(user))


def access_summary(user, pk) -> Case:
    try:
        return summaries_for(user).get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case.") from None


def on_criminal_team(user, case: Case) -> bool:
    return CriminalTeamMember.objects.filter(case=case, user_id=user.pk).exists()


def can_see_compelled(user, case: Case) -> bool:
    """Garrity: compelled statements are for the administrative case only."""
    return user.role in CASE_READERS and not on_criminal_team(user, case)


def log_for(user, case: Case) -> QuerySet[InvestigationEntry]:
    qs = case.log.select_related("interviewee_officer", "interviewer", "created_by")
    if not can_see_compelled(user, case):
        qs = qs.filter(compelled=False)
    return qs


def can_investigate(user, case: Case) -> bool:
    return user.role in INVESTIGATORS and case.is_open


def can_decide(user, case: Case) -> bool:
    return user.role in DECIDERS


# -- civil claims and complaints ------------------------------------------------------------------


def can_record_claim(user) -> bool:
    """Command staff record notices of claim; the claim pages and the API allow no one else."""
    return _signed_in(user) and user.role in DECIDERS


def claims_for(user) -> QuerySet[CivilClaim]:
    if not _signed_in(user) or user.role not in CASE_READERS:
        return CivilClaim.objects.none()
    qs = CivilClaim.objects.filter(agency_id=user.agency_id)
    hidden = Case.objects.filter(conflicted(user)).values("pk") if user.officer_id else None
    if hidden is not None:
        qs = qs.exclude(case_id__in=hidden)
    return qs.select_related("incident", "case")


def access_claim(user, pk) -> CivilClaim:
    try:
        return claims_for(user).get(pk=pk)
    except (CivilClaim.DoesNotExist, ValueError, TypeError):
        raise Http404("No such claim.") from None


def complaints_for(user) -> QuerySet[Complaint]:
    """Complaints of the agency, except one that led to a case the reader may not know of."""
    if not _signed_in(user) or user.role not in CASE_READERS:
        return Complaint.objects.none()
    qs = Complaint.objects.filter(agency_id=user.agency_id)
    if user.officer_id:
        qs = qs.exclude(cases__in=Case.objects.filter(conflicted(user)).values("pk"))
    return qs


def access_complaint(user, pk) -> Complaint:
    try:
        return complaints_for(user).get(pk=pk)
    except (Complaint.DoesNotExist, ValueError, TypeError):
        raise Http404("No such complaint.") from None
