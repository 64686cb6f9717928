"""Review pages. Thin: read through ``reviews.access``, write through ``reviews.actions``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.policy import PolicyInvalid
from forcereview.records.access import access_incident
from forcereview.reviews import actions
from forcereview.reviews.access import (
    POLICY_READERS,
    access_flag,
    access_referral,
    access_task,
    can_edit_policy,
    can_read_policy,
    disagreements_for,
    label_cases,
    queue_for,
    referrals_for,
    refusal_to_determine,
    tasks_for,
)
from forcereview.reviews.forms import DeclineReferralForm, DeterminationForm, PolicyForm, ResolveFlagForm
from forcereview.reviews.models import Disagreement, PolicyEvaluation, PolicyVersion, ReviewTask
from forcereview.reviews.preview import preview
from forcereview.reviews.versions import latest_version

READERS = (Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)
REVIEWERS = (Role.SUPERVISOR, Role.COMMAND)
INTAKE = (Role.INVESTIGATOR, Role.COMMAND)


def _incident_url(incident) -> str:
    return reverse("records:incident_detail", args=[incident.pk])


@allow(*READERS)
def queue(request):
    """The reviews waiting for me (overdue first), and for oversight every open review."""
    today = timezone.localdate()
    mine = list(queue_for(request.user))
    everyone = []
    if request.user.role in (Role.COMMAND, Role.INVESTIGATOR, Role.AUDITOR):
        everyone = list(
            tasks_for(request.user).filter(status=ReviewTask.Status.OPEN).select_related("incident", "assignee")
            .order_by("due_on", "id")[:200]
        )
    evaluations = {
        e.incident_id: e
        for e in PolicyEvaluation.objects.filter(incident_id__in={t.incident_id for t in mine + everyone}, current=True)
    }
    return render(request, "reviews/queue.html", {
        "mine": [(t, evaluations.get(t.incident_id)) for t in mine],
        "everyone": [(t, evaluations.get(t.incident_id)) for t in everyone],
        "today": today,
    })


@allow(*READERS)
def task(request, pk: int):
    review = access_task(request.user, pk)
    incident = review.incident
    refusal = refusal_to_determine(request.user, review) if review.is_open else None
    evaluation = PolicyEvaluation.objects.filter(incident=incident, current=True).first()
    return render(request, "reviews/task.html", {
        "task": review, "incident": incident, "evaluation": evaluation, "refusal": refusal,
        "form": DeterminationForm() if review.is_open and refusal is None else None,
        "today": timezone.localdate(), "can_read_policy": can_read_policy(request.user),
    })


@allow(*REVIEWERS)
@require_POST
def determine(request, pk: int):
    review = access_task(request.user, pk)
    form = DeterminationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a determination and write its rationale.")
        return redirect("reviews:task", pk=review.pk)
    try:
        determination = actions.submit_determination(
            review, by=request.user, decision=form.cleaned_data["decision"], rationale=form.cleaned_data["rationale"],
        )
    except actions.ReviewRefused as refused:
        messages.error(request, f"Not recorded: {refused.message}.")
        return redirect("reviews:task", pk=review.pk)
    disagreement = Disagreement.objects.filter(determination=determination).first()
    if disagreement is not None:
        messages.warning(request, "Your determination is recorded, but the system does not accept it, and the incident "
                         "was referred to internal affairs anyway: " + " ".join(disagreement.reasons))
    else:
        messages.success(request, f"Determination recorded: {determination.get_decision_display()}.")
    return redirect(_incident_url(review.incident))


@allow(Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND)
@require_POST
def resolve_flag(request, pk: int):
    flag = access_flag(request.user, pk)
    form = ResolveFlagForm(request.POST, prefix=f"flag{flag.pk}")
    note = form.data.get(f"flag{flag.pk}-note", "") or request.POST.get("note", "")
    try:
        actions.resolve_flag(flag, by=request.user, note=note)
    except actions.ReviewRefused as refused:
        messages.error(request, f"Not resolved: {refused.message}.")
    else:
        messages.success(request, "The flag is resolved; your note stays with it.")
    return redirect(_incident_url(flag.incident))


@allow(Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND)
@require_POST
def evaluate(request, pk: int):
    incident = access_incident(request.user, pk)
    evaluation = actions.evaluate_incident(incident, by=request.user, trigger=PolicyEvaluation.Trigger.MANUAL)
    messages.success(request, "Evaluated again: " + ("the outcome changed." if evaluation.changed else "no change."))
    return redirect(_incident_url(incident))


@allow(Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR)
def intake(request):
    status = request.GET.get("status", "pending")
    qs = referrals_for(request.user).order_by("created_at" if status == "pending" else "-created_at")
    if status in ("pending", "opened", "declined"):
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    page.object_list = label_cases(request.user, page.object_list)
    return render(request, "reviews/intake.html", {"page": page, "status": status, "decline_form": DeclineReferralForm()})


@allow(*INTAKE)
@require_POST
def decline(request, pk: int):
    referral = access_referral(request.user, pk)
    try:
        actions.decline_referral(referral, by=request.user, note=request.POST.get("note", ""))
    except actions.ReferralRefused as refused:
        messages.error(request, f"Not declined: {refused.message}.")
    else:
        messages.success(request, f"Referral of incident {referral.incident.number} declined.")
    return redirect("reviews:intake")


@allow(*READERS)
def disagreements(request):
    page = Paginator(disagreements_for(request.user).select_related("determination__task"), 50).get_page(
        request.GET.get("page"))
    return render(request, "reviews/disagreements.html", {"page": page})


# -- the policy -----------------------------------------------------------------------------------


@allow(*POLICY_READERS)
def policy(request):
    versions = list(PolicyVersion.objects.filter(agency_id=request.user.agency_id).select_related("created_by"))
    return render(request, "reviews/policy.html", {"versions": versions, "can_edit": can_edit_policy(request.user)})


@allow(*POLICY_READERS)
def policy_version(request, number: int):
    version = PolicyVersion.objects.filter(agency_id=request.user.agency_id, number=number).first()
    if version is None:
        raise Http404("No such policy version.")
    return render(request, "reviews/policy_version.html", {"version": version})


@allow(Role.ADMIN)
def policy_edit(request):
    agency = request.user.agency
    current = latest_version(agency) or actions.ensure_default_policy(agency)
    problems, changes, checked = [], None, False
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            text, effective = form.cleaned_data["text"], form.cleaned_data["effective_from"]
            try:
                if request.POST.get("action") == "save":
                    return _save_policy(request, agency, text, effective, form.cleaned_data["note"])
                changes = preview(agency, text, effective)
                checked = True
            except PolicyInvalid as invalid:
                problems = invalid.problems
    else:
        form = PolicyForm(initial={"text": current.text, "effective_from": timezone.localdate()})
    return render(request, "reviews/policy_edit.html", {
        "form": form, "current": current, "problems": problems, "changes": changes, "checked": checked,
    })


def _save_policy(request, agency, text: str, effective: date, note: str):
    version, result, affected = actions.adopt_policy_version(agency, by=request.user, text=text,
                                                             effective_from=effective, note=note)
    if result is not None:
        messages.success(request, f"Policy version {version.number} saved. {result['evaluated']} incidents evaluated "
                                  f"again; {result['changed']} changed outcome.")
    else:
        messages.warning(request, f"Policy version {version.number} saved. {affected} incidents fall under it: "
                                  "run `forcereview policy evaluate --all` to evaluate them again.")
    return redirect("reviews:policy")
