"""Civil claims: the list, recording a notice of claim, a claim's page with its legal periods."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.cases import forms
from forcereview.cases.access import access_claim, cases_for, claims_for
from forcereview.cases.actions import CaseInvalid, claims
from forcereview.cases.views.common import run
from forcereview.deadlines.actions import deadlines_of
from forcereview.records.access import incidents_for

READERS = (Role.INVESTIGATOR, Role.COMMAND)


def _crumbs(last=None, claim=None):
    crumbs = [("Home", reverse("home")), ("Civil claims", reverse("cases:claim_list") if last else None)]
    if last:
        crumbs.append((last, None))
    return crumbs


@allow(*READERS)
def claim_list(request):
    return render(request, "cases/claim_list.html", {
        "claims": claims_for(request.user).order_by("-received_on", "-id")[:500], "breadcrumbs": _crumbs()})


@allow(Role.COMMAND)
def claim_new(request):
    user = request.user
    initial = {}
    if request.GET.get("incident", "").isdigit():
        incident = incidents_for(user).filter(pk=int(request.GET["incident"])).first()
        if incident is not None:
            initial["incident"] = incident.number
    form = forms.ClaimForm(request.POST or None, initial=initial)
    if request.method == "POST":
        created = {}

        def do(d):
            incident = incidents_for(user).filter(number=d["incident"].strip()).first()
            if incident is None:
                raise CaseInvalid("incident", f"no incident numbered {d['incident']!r} in this agency")
            case = None
            if d["case"].strip():
                case = cases_for(user).filter(number=d["case"].strip()).first()
                if case is None:
                    raise CaseInvalid("case", f"no case numbered {d['case']!r} that you may see")
            created["claim"] = claims.record_claim(
                user.agency, by=user, incident=incident, claimant_name=d["claimant_name"],
                received_on=d["received_on"], counsel=d["counsel"], claimant_is_minor=d["claimant_is_minor"],
                claimant_born_on=d["claimant_born_on"], wrongful_death=d["wrongful_death"], case=case)

        if run(request, form, do, "The claim is recorded, its periods computed and the evidence held."):
            return redirect("cases:claim_detail", pk=created["claim"].pk)
    return render(request, "cases/claim_new.html", {"form": form, "breadcrumbs": _crumbs("Record a notice of claim")},
                  status=422 if request.method == "POST" else 200)


def _page(request, claim, form=None, status=200):
    deadlines = []
    for period in claim.periods.all():
        deadlines += deadlines_of(period)
    return render(request, "cases/claim_detail.html", {
        "claim": claim, "periods": list(claim.periods.all()), "deadlines": deadlines,
        "form": form or forms.ClaimOutcomeForm(), "breadcrumbs": _crumbs(f"Claim {claim.pk}"),
    }, status=status)


@allow(*READERS)
def claim_detail(request, pk: int):
    return _page(request, access_claim(request.user, pk))


@allow(Role.COMMAND)
@require_POST
def claim_step(request, pk: int):
    claim = access_claim(request.user, pk)
    form = forms.ClaimOutcomeForm(request.POST)

    def do(d):
        if d["step"] == "suit":
            claims.record_suit(claim, by=request.user, filed_on=d["on"])
        else:
            claims.record_outcome(claim, by=request.user, outcome=d["outcome"], on=d["on"], amount=d["amount"],
                                  note=d["note"])

    if run(request, form, do, "Claim updated."):
        return redirect("cases:claim_detail", pk=claim.pk)
    return _page(request, claim, form, status=422)
