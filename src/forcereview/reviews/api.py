"""Reviews in the REST API (``/api/reviews``): the policy outcome of an incident and its
reasons, the report against the recordings, review tasks and determinations, disagreements,
internal-affairs referrals, and policy versions. Thin: ``reviews.access`` decides who may
read, ``reviews.actions`` writes. See ``docs/reviews.md``."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from ninja import Query, Router, Schema, Status

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import api_roles
from forcereview.policy import PolicyInvalid
from forcereview.records.access import access_incident
from forcereview.reviews import actions
from forcereview.reviews.access import (
    POLICY_READERS,
    access_referral,
    access_task,
    disagreements_for,
    flags_of,
    label_cases,
    queue_for,
    referrals_for,
    tasks_for,
)
from forcereview.reviews.models import Disagreement, PolicyEvaluation, PolicyVersion, ReviewTask

router = Router(tags=["Reviews"])

READERS = (Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)
EVALUATORS = (Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND)
REVIEWERS = (Role.SUPERVISOR, Role.COMMAND)
INTAKE = (Role.INVESTIGATOR, Role.COMMAND)
OVERSIGHT = (Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    problems: list[dict] | None = None


class RequiredAction(Schema):
    action: str
    text: str
    rules: list[str]
    within_days: int | None = None
    level: str | None = None
    role: str | None = None


class FiredRuleOut(Schema):
    rule: str
    reason: str
    citation: str
    because: list[str]
    actions: list[dict]


class EvaluationOut(Schema):
    incident_id: int
    incident_number: str
    policy_version: int
    policy_effective_from: date
    evaluated_at: datetime
    trigger: str
    requires_internal_affairs: bool
    risk_level: str
    risk_score: int
    required: list[RequiredAction]
    fired: list[FiredRuleOut]
    errors: list[dict]


class FlagOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    summary: str
    claim: dict | None
    evidence: str
    quotes: list[dict]
    resolution: str


class DeterminationOut(Schema):
    decision: str
    decision_label: str
    rationale: str
    reviewer: str
    created_at: datetime


class TaskOut(Schema):
    id: int
    incident_id: int
    incident_number: str
    level: str
    status: str
    origin: str
    assignee_badge: str | None
    assignee_name: str | None
    due_on: date
    overdue: bool
    basis: str
    rules: list[str]
    determination: DeterminationOut | None


class DisagreementOut(Schema):
    id: int
    incident_id: int
    incident_number: str
    task_id: int
    reviewer: str
    decision: str
    reasons: list[str]
    next_level_badge: str | None
    created_at: datetime


class SubmitOut(Schema):
    task: TaskOut
    disagreement: DisagreementOut | None


class ReferralOut(Schema):
    id: int
    incident_id: int
    incident_number: str
    status: str
    reasons: list[dict]
    created_at: datetime
    case_id: int | None
    case_label: str
    decision_note: str


class PolicyVersionOut(Schema):
    number: int
    name: str
    effective_from: date
    digest: str
    note: str
    created_at: datetime
    text: str | None = None
    incidents_judged: int | None = None
    reevaluated: int | None = None
    changed: int | None = None


class DeterminationIn(Schema):
    decision: str
    rationale: str


class NoteIn(Schema):
    note: str = ""


class PolicyIn(Schema):
    text: str
    effective_from: date
    note: str = ""


class PolicyCheckIn(Schema):
    text: str


class TaskQuery(Schema):
    mine: bool = False
    status: str = "open"


class ReferralQuery(Schema):
    status: str = "pending"


def _evaluation(e: PolicyEvaluation) -> dict:
    return {
        "incident_id": e.incident_id, "incident_number": e.incident.number, "policy_version": e.version.number,
        "policy_effective_from": e.version.effective_from, "evaluated_at": e.created_at, "trigger": e.trigger,
        "requires_internal_affairs": e.requires_internal_affairs, "risk_level": e.risk_level,
        "risk_score": e.risk_score, "required": e.outcome.get("required", []), "fired": e.outcome.get("fired", []),
        "errors": e.outcome.get("errors", []),
    }


def _task(t: ReviewTask) -> dict:
    d = getattr(t, "determination", None)
    return {
        "id": t.pk, "incident_id": t.incident_id, "incident_number": t.incident.number, "level": t.level,
        "status": t.status, "origin": t.origin, "assignee_badge": t.assignee.badge_number if t.assignee_id else None,
        "assignee_name": t.assignee.full_name if t.assignee_id else None, "due_on": t.due_on,
        "overdue": t.is_overdue(), "basis": t.basis, "rules": t.rules,
        "determination": None if d is None else {
            "decision": d.decision, "decision_label": d.get_decision_display(), "rationale": d.rationale,
            "reviewer": d.reviewer.username, "created_at": d.created_at,
        },
    }


def _disagreement(d: Disagreement) -> dict:
    return {
        "id": d.pk, "incident_id": d.incident_id, "incident_number": d.incident.number, "task_id": d.determination.task_id,
        "reviewer": d.reviewer.username, "decision": d.determination.decision, "reasons": d.reasons,
        "next_level_badge": d.next_level.badge_number if d.next_level_id else None, "created_at": d.created_at,
    }


def _referral(r) -> dict:
    return {
        "id": r.pk, "incident_id": r.incident_id, "incident_number": r.incident.number, "status": r.status,
        "reasons": r.reasons, "created_at": r.created_at, "case_id": r.case_id,
        "case_label": getattr(r, "shown_case_label", r.case_label),
        "decision_note": r.decision_note,
    }


def _version(v: PolicyVersion, text: bool = False) -> dict:
    return {"number": v.number, "name": v.name, "effective_from": v.effective_from, "digest": v.digest,
            "note": v.note, "created_at": v.created_at, "text": v.text if text else None}


def _problems(invalid: PolicyInvalid) -> dict:
    return {"detail": "The policy has problems; nothing was saved.", "problems": [p.to_dict() for p in invalid.problems]}


# -- the policy outcome of an incident ---------------------------------------------------------------


@router.get("/incidents/{int:incident_id}/policy", response={200: EvaluationOut, 404: ErrorOut},
            auth=api_roles(*READERS), summary="The policy outcome of an incident: required actions and reasons")
def incident_policy(request, incident_id: int):
    incident = access_incident(request.user, incident_id)
    evaluation = PolicyEvaluation.objects.filter(incident=incident, current=True).select_related("version").first()
    if evaluation is None:
        raise Http404("not evaluated")
    return _evaluation(evaluation)


@router.post("/incidents/{int:incident_id}/evaluate", response={200: EvaluationOut, 404: ErrorOut},
             auth=api_roles(*EVALUATORS), summary="Evaluate an incident against the policy now")
def evaluate_incident(request, incident_id: int):
    incident = access_incident(request.user, incident_id)
    evaluation = actions.evaluate_incident(incident, by=request.user, trigger=PolicyEvaluation.Trigger.MANUAL)
    evaluation = PolicyEvaluation.objects.select_related("version", "incident").get(pk=evaluation.pk)
    return _evaluation(evaluation)


@router.get("/incidents/{int:incident_id}/flags", response={200: list[FlagOut], 404: ErrorOut},
            auth=api_roles(*READERS), summary="The report against the recordings: claims and quotes side by side")
def incident_flags(request, incident_id: int):
    incident = access_incident(request.user, incident_id)
    return [
        {"id": f.pk, "kind": f.kind, "title": f.kind.replace("_", " "), "status": f.status, "summary": f.summary,
         "claim": f.claim, "evidence": f.evidence, "quotes": f.quotes, "resolution": f.resolution}
        for f in flags_of(request.user, incident)
    ]


# -- review tasks and determinations ----------------------------------------------------------------


@router.get("/tasks", response={200: list[TaskOut]}, auth=api_roles(*READERS),
            summary="Review tasks: mine=true for the caller's queue (overdue first)")
def list_tasks(request, params: Query[TaskQuery]):
    qs = queue_for(request.user) if params.mine else tasks_for(request.user)
    if params.status != "all":
        qs = qs.filter(status=params.status)
    qs = qs.select_related("incident", "assignee", "determination__reviewer").order_by("due_on", "id")
    return [_task(t) for t in qs[:500]]


@router.get("/tasks/{int:task_id}", response={200: TaskOut, 404: ErrorOut}, auth=api_roles(*READERS),
            summary="One review task")
def get_task(request, task_id: int):
    return _task(access_task(request.user, task_id))


@router.post("/tasks/{int:task_id}/determination", response={200: SubmitOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
             auth=api_roles(*REVIEWERS), summary="Submit a determination with its rationale")
def submit(request, task_id: int, body: DeterminationIn):
    task = access_task(request.user, task_id)
    try:
        determination = actions.submit_determination(task, by=request.user, decision=body.decision,
                                                     rationale=body.rationale)
    except actions.ReviewRefused as refused:
        return Status(refused.status, {"detail": refused.message, "field": refused.field})
    task = ReviewTask.objects.select_related("incident", "assignee", "determination__reviewer").get(pk=task.pk)
    disagreement = Disagreement.objects.filter(determination=determination).select_related(
        "incident", "reviewer", "determination", "next_level").first()
    return {"task": _task(task), "disagreement": _disagreement(disagreement) if disagreement else None}


@router.post("/flags/{int:flag_id}/resolve", response={200: FlagOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
             auth=api_roles(*EVALUATORS), summary="Resolve a report-against-evidence flag with a note")
def resolve(request, flag_id: int, body: NoteIn):
    from forcereview.reviews.access import access_flag

    flag = access_flag(request.user, flag_id)
    try:
        f = actions.resolve_flag(flag, by=request.user, note=body.note)
    except actions.ReviewRefused as refused:
        return Status(refused.status, {"detail": refused.message, "field": refused.field})
    return {"id": f.pk, "kind": f.kind, "title": f.kind.replace("_", " "), "status": f.status, "summary": f.summary,
            "claim": f.claim, "evidence": f.evidence, "quotes": f.quotes, "resolution": f.resolution}


@router.get("/disagreements", response={200: list[DisagreementOut]}, auth=api_roles(*READERS),
            summary="Review disagreements the caller may see")
def list_disagreements(request):
    qs = disagreements_for(request.user).select_related("determination", "next_level")
    return [_disagreement(d) for d in qs[:500]]


# -- internal-affairs referrals -------------------------------------------------------------------------


@router.get("/referrals", response={200: list[ReferralOut]}, auth=api_roles(*OVERSIGHT),
            summary="Internal-affairs referrals (status=pending|opened|declined|all)")
def list_referrals(request, params: Query[ReferralQuery]):
    qs = referrals_for(request.user)
    if params.status != "all":
        qs = qs.filter(status=params.status)
    return [_referral(r) for r in label_cases(request.user, qs.order_by("created_at")[:500])]


@router.post("/referrals/{int:referral_id}/decline", response={200: ReferralOut, 404: ErrorOut, 422: ErrorOut},
             auth=api_roles(*INTAKE), summary="Decline a referral at intake, with the reason")
def decline(request, referral_id: int, body: NoteIn):
    referral = access_referral(request.user, referral_id)
    try:
        referral = actions.decline_referral(referral, by=request.user, note=body.note)
    except actions.ReferralRefused as refused:
        return Status(422, {"detail": refused.message, "field": refused.field})
    return _referral(label_cases(request.user, [referral])[0])


# -- policy versions ----------------------------------------------------------------------------------


@router.get("/policy/versions", response={200: list[PolicyVersionOut]}, auth=api_roles(*POLICY_READERS),
            summary="The agency's policy versions, newest first")
def list_versions(request):
    return [_version(v) for v in PolicyVersion.objects.filter(agency_id=request.user.agency_id)]


@router.get("/policy/versions/{int:number}", response={200: PolicyVersionOut, 404: ErrorOut},
            auth=api_roles(*POLICY_READERS), summary="One policy version with its text")
def get_version(request, number: int):
    version = PolicyVersion.objects.filter(agency_id=request.user.agency_id, number=number).first()
    if version is None:
        raise Http404("no such version")
    return _version(version, text=True)


@router.post("/policy/check", response={200: dict, 422: ErrorOut}, auth=api_roles(Role.ADMIN),
             summary="Check a policy text: every problem with its rule and position")
def check_policy(request, body: PolicyCheckIn):
    from forcereview.policy import load_policy

    try:
        policy = load_policy(body.text)
    except PolicyInvalid as invalid:
        return Status(422, _problems(invalid))
    return {"name": policy.name, "rules": [r.id for r in policy.rules]}


@router.post("/policy/versions", response={201: PolicyVersionOut, 422: ErrorOut}, auth=api_roles(Role.ADMIN),
             summary="Store a new policy version (checked first; nothing is stored when it has problems)")
def save_version(request, body: PolicyIn):
    try:
        version, result, affected = actions.adopt_policy_version(
            request.user.agency, by=request.user, text=body.text, effective_from=body.effective_from, note=body.note)
    except PolicyInvalid as invalid:
        return Status(422, _problems(invalid))
    return Status(201, {**_version(version, text=True), "incidents_judged": affected,
                 "reevaluated": result["evaluated"] if result else 0,
                 "changed": result["changed"] if result else 0})
