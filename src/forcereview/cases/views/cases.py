"""Case pages: the list, opening a case, the case page with its timeline, and each step of the
investigation. Thin: reads through ``cases.access``, writes through ``cases.actions``.

A step that is refused re-renders the case page with the form as it was filled in and the
problem next to the field; a step that succeeds redirects back to the case page.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.cases import casefile, forms
from forcereview.cases.access import access_case, cases_for, complaints_for
from forcereview.cases.actions import board, cases as case_actions, discipline, findings, referrals
from forcereview.cases.models import Allegation, Case, Discipline, StandardsReport, TrainingAssignment
from forcereview.cases.referral_link import access_pending_referral
from forcereview.cases.views.common import one_or_404, run
from forcereview.records.access import incidents_for
from forcereview.records.models import Officer

READERS = (Role.INVESTIGATOR, Role.COMMAND)


def _crumbs(case: Case | None = None, last: str | None = None) -> list:
    crumbs = [("Home", reverse("home")), ("Cases", reverse("cases:list"))]
    if case is not None:
        crumbs.append((case.number, reverse("cases:detail", args=[case.pk]) if last else None))
    if last:
        crumbs.append((last, None))
    return crumbs


@allow(*READERS)
def case_list(request):
    qs = cases_for(request.user).select_related("lead_investigator")
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.exclude(status=Case.Status.CLOSED)
    elif status in Case.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-opened_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {
        "page": page, "status": status, "statuses": [("open", "Open"), ("all", "All")] + Case.Status.choices,
        "breadcrumbs": [("Home", reverse("home")), ("Cases", None)],
    })


@allow(*READERS)
def case_new(request):
    user = request.user
    incident_id = request.GET.get("incident") or request.POST.get("incident")
    complaint_id = request.GET.get("complaint") or request.POST.get("complaint")
    referral_id = request.GET.get("referral") or request.POST.get("referral")
    referral = access_pending_referral(user, referral_id) if referral_id else None
    if referral is not None:
        incident_id = referral.incident_id
    incident = one_or_404(incidents_for(user), incident_id) if incident_id else None
    complaint = one_or_404(complaints_for(user), complaint_id) if complaint_id else None
    initial = {"source": "complaint" if complaint else "referral" if referral else "command"}
    form = forms.OpenCaseForm(request.POST or None, agency_id=user.agency_id, initial=initial)
    if request.method == "POST":
        created = {}

        def do(data):
            officers = [(data["subject"], "subject")] if data["subject"] else []
            created["case"] = case_actions.open_case(
                user.agency, by=user, title=data["title"], summary=data["summary"],
                source="referral" if referral else data["source"],
                incidents=[incident] if incident else [], officers=officers,
                lead_investigator=data["lead_investigator"], first_reported_on=data["first_reported_on"],
                complaint=complaint, source_object=referral)

        if run(request, form, do, "The case is open."):
            return redirect("cases:detail", pk=created["case"].pk)
    return render(request, "cases/case_new.html", {
        "form": form, "incident": incident, "complaint": complaint, "referral": referral,
        "breadcrumbs": _crumbs(last="Open a case"),
    }, status=422 if request.method == "POST" else 200)


def _forms(case: Case, user) -> dict:
    aid = case.agency_id
    return {
        "officer_form": forms.AddOfficerForm(agency_id=aid),
        "incident_form": forms.LinkIncidentForm(),
        "team_form": forms.TeamForm(agency_id=aid),
        "evidence_form": forms.LinkEvidenceForm(),
        "log_form": forms.LogEntryForm(agency_id=aid),
        "allegation_form": forms.AllegationForm(case=case),
        "finding_form": forms.FindingForm(),
        "close_form": forms.CloseForm(),
        "personnel_form": forms.PersonnelForm(case=case),
        "training_form": forms.TrainingForm(case=case),
        "complete_form": forms.CompleteTrainingForm(),
        "referral_form": forms.ReferralForm(case=case),
        "referral_update_form": forms.ReferralUpdateForm(),
        "board_form": forms.BoardReportForm(),
        "discipline_form": forms.DisciplineForm(),
        "blank_finding_form": forms.FindingForm(),
        "blank_discipline_form": forms.DisciplineForm(),
        "blank_referral_update_form": forms.ReferralUpdateForm(),
        "blank_board_form": forms.BoardReportForm(),
    }


def _page(request, case: Case, *, status: int = 200, failed: str = "", failed_id=None, **bound):
    cf = casefile.build(case, request.user)
    context = {"cf": cf, "case": case, "breadcrumbs": _crumbs(case), "failed": failed, "failed_id": failed_id}
    context.update(_forms(case, request.user))
    context.update(bound)
    return render(request, "cases/case_detail.html", context, status=status)


@allow(*READERS)
def case_detail(request, pk: int):
    return _page(request, access_case(request.user, pk))


def _step(request, case, form, do, success: str, *, name: str, failed_id=None):
    if run(request, form, do, success):
        return redirect(reverse("cases:detail", args=[case.pk]) + f"#{name.split('_')[0]}")
    return _page(request, case, status=422, failed=name, failed_id=failed_id, **{f"{name}_form": form})


@allow(*READERS)
@require_POST
def add_officer(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.AddOfficerForm(request.POST, agency_id=case.agency_id)
    return _step(request, case, form, lambda d: case_actions.add_officer(case, d["officer"], d["role"], by=request.user),
                 "Officer added.", name="officer")


@allow(*READERS)
@require_POST
def link_incident(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.LinkIncidentForm(request.POST)

    def do(d):
        incident = incidents_for(request.user).filter(number=d["number"].strip()).first()
        if incident is None:
            from forcereview.cases.actions import CaseInvalid

            raise CaseInvalid("number", f"no incident numbered {d['number']!r} in this agency")
        case_actions.link_incident(case, incident, by=request.user)

    return _step(request, case, form, do, "Incident linked.", name="incident")


@allow(*READERS)
@require_POST
def link_evidence(request, pk: int):
    from forcereview.evidence.access import evidence_for

    case = access_case(request.user, pk)
    form = forms.LinkEvidenceForm(request.POST)

    def do(d):
        item = evidence_for(request.user).select_related("incident").filter(pk=d["item"]).first()
        if item is None:
            from forcereview.cases.actions import CaseInvalid

            raise CaseInvalid("item", f"no evidence #{d['item']} that you may see")
        case_actions.link_evidence(case, item, by=request.user, note=d["note"])

    return _step(request, case, form, do, "Evidence named in the case.", name="evidence")


@allow(*READERS)
@require_POST
def add_team_member(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.TeamForm(request.POST, agency_id=case.agency_id)
    return _step(request, case, form, lambda d: case_actions.add_to_criminal_team(case, d["user"], by=request.user),
                 "Added to the criminal team. Compelled statements are now hidden from them.", name="team")


@allow(*READERS)
@require_POST
def add_log_entry(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.LogEntryForm(request.POST, agency_id=case.agency_id)
    return _step(request, case, form, lambda d: case_actions.add_log_entry(
        case, by=request.user, kind=d["kind"], occurred_at=d["occurred_at"], summary=d["summary"],
        interviewee_officer=d["interviewee_officer"], interviewee_name=d["interviewee_name"],
        interviewer=d["interviewer"], compelled=d["compelled"], advisement=d["advisement"] or "",
        evidence_ref=d["evidence_ref"]), "Added to the investigation log.", name="log")


@allow(*READERS)
@require_POST
def add_allegation(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.AllegationForm(request.POST, case=case)
    return _step(request, case, form, lambda d: findings.add_allegation(
        case, by=request.user, officer=d["officer"], category=d["category"], policy_section=d["policy_section"],
        description=d["description"], review=d["review"]), "Allegation added.", name="allegation")


def _allegation(case, aid) -> Allegation:
    return one_or_404(Allegation.objects.filter(case=case), aid)


@allow(*READERS)
@require_POST
def recommend(request, pk: int, aid: int):
    case = access_case(request.user, pk)
    allegation = _allegation(case, aid)
    form = forms.FindingForm(request.POST)
    return _step(request, case, form, lambda d: findings.recommend_finding(
        allegation, by=request.user, finding=d["finding"], reason=d["reason"]),
        "Recommended finding recorded.", name="finding", failed_id=allegation.pk)


@allow(Role.COMMAND)
@require_POST
def decide(request, pk: int, aid: int):
    case = access_case(request.user, pk)
    allegation = _allegation(case, aid)
    form = forms.FindingForm(request.POST)
    return _step(request, case, form, lambda d: findings.decide_finding(
        allegation, by=request.user, finding=d["finding"], reason=d["reason"]),
        "Final finding recorded.", name="finding", failed_id=allegation.pk)


@allow(Role.COMMAND)
@require_POST
def decide_discipline(request, pk: int, did: int):
    case = access_case(request.user, pk)
    d_row = one_or_404(Discipline.objects.filter(case=case), did)
    form = forms.DisciplineForm(request.POST)

    def do(d):
        aggravating = list(d["aggravating"]) + ([d["other_aggravating"]] if d["other_aggravating"] else [])
        mitigating = list(d["mitigating"]) + ([d["other_mitigating"]] if d["other_mitigating"] else [])
        discipline.decide_discipline(d_row, by=request.user, penalty=d["penalty"], reason=d["reason"],
                                     aggravating=aggravating, mitigating=mitigating,
                                     suspension_days=d["suspension_days"])

    return _step(request, case, form, do, "Discipline decided.", name="discipline", failed_id=d_row.pk)


@allow(*READERS)
@require_POST
def stage(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.StageForm(request.POST)

    def do(d):
        if d["step"] == "submit":
            case_actions.submit_for_findings(case, by=request.user)
        elif d["step"] == "hold":
            case_actions.hold_in_abeyance(case, by=request.user, reason=d["reason"])
        else:
            case_actions.resume(case, by=request.user, note=d["reason"])

    return _step(request, case, form, do, "Case status updated.", name="stage")


@allow(Role.COMMAND)
@require_POST
def close(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.CloseForm(request.POST)
    return _step(request, case, form, lambda d: case_actions.close_case(
        case, by=request.user, note=d["note"], message_to_complainant=d["message_to_complainant"]),
        "The case is closed.", name="close")


@allow(Role.COMMAND)
@require_POST
def personnel(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.PersonnelForm(request.POST, case=case)

    def do(d):
        officer: Officer = d["officer"]
        by, on, reason = request.user, d["effective_on"], d["reason"]
        if d["action"] == "leave":
            discipline.start_leave(officer, by=by, kind=d["leave_kind"] or "administrative_paid", starts_on=on,
                                   reason=reason, case=case)
        elif d["action"] == "end_leave":
            period = officer.leave_periods.filter(ends_on__isnull=True).first()
            if period is None:
                from forcereview.cases.actions import CaseInvalid

                raise CaseInvalid("officer", "the officer is not on leave")
            discipline.end_leave(period, by=by, ends_on=on, note=reason)
        elif d["action"] == "reassign":
            discipline.reassign(officer, by=by, effective_on=on, reason=reason, unit=d["unit"],
                                assignment=d["assignment"] or None, case=case)
        elif d["action"] == "demote":
            discipline.demote(officer, by=by, rank=d["rank"], effective_on=on, reason=reason, case=case)
        else:
            discipline.separate(officer, by=by, separation=d["separation"], effective_on=on, reason=reason, case=case)

    return _step(request, case, form, do, "Recorded.", name="personnel")


@allow(Role.COMMAND)
@require_POST
def assign_training(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.TrainingForm(request.POST, case=case)
    return _step(request, case, form, lambda d: discipline.assign_training(
        d["officer"], by=request.user, course=d["course"], due_on=d["due_on"], case=case),
        "Training assigned.", name="training")


@allow(*READERS)
@require_POST
def complete_training(request, pk: int, tid: int):
    case = access_case(request.user, pk)
    training = one_or_404(TrainingAssignment.objects.filter(case=case), tid)
    form = forms.CompleteTrainingForm(request.POST)
    return _step(request, case, form, lambda d: discipline.complete_training(
        training, by=request.user, completed_on=d["completed_on"], note=d["note"]),
        "Training completed.", name="complete", failed_id=training.pk)


@allow(*READERS)
@require_POST
def refer(request, pk: int):
    case = access_case(request.user, pk)
    form = forms.ReferralForm(request.POST, case=case)
    return _step(request, case, form, lambda d: referrals.refer_criminal(
        case, by=request.user, referred_to=d["referred_to"], referred_on=d["referred_on"], office=d["office"],
        officer=d["officer"]), "Criminal referral recorded.", name="referral")


@allow(*READERS)
@require_POST
def update_referral(request, pk: int, rid: int):
    case = access_case(request.user, pk)
    referral = one_or_404(case.criminal_referrals.all(), rid)
    form = forms.ReferralUpdateForm(request.POST)
    return _step(request, case, form, lambda d: referrals.update_referral(
        referral, by=request.user, status=d["status"], on=d["on"], note=d["note"], charges=d["charges"]),
        "Referral updated.", name="referral_update", failed_id=referral.pk)


@allow(Role.COMMAND)
@require_POST
def board_report_step(request, pk: int, rid: int):
    case = access_case(request.user, pk)
    report = one_or_404(StandardsReport.objects.filter(case=case), rid)
    form = forms.BoardReportForm(request.POST)

    def do(d):
        if d["step"] == "file":
            if not d["filed_on"]:
                from forcereview.cases.actions import CaseInvalid

                raise CaseInvalid("filed_on", "give the date the report was filed")
            board.file_report(report, by=request.user, filed_on=d["filed_on"], board_reference=d["board_reference"],
                              note=d["note"])
        else:
            board.mark_not_required(report, by=request.user, reason=d["note"])

    return _step(request, case, form, do, "Board report updated.", name="board", failed_id=report.pk)
