"""Public complaints: the form anyone may use without signing in, its status page, and the
intake queue where investigators screen what came in."""

from __future__ import annotations

from django import forms as djforms
from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow, public
from forcereview.cases import forms
from forcereview.cases.access import access_complaint, complaints_for
from forcereview.cases.actions import CaseInvalid, complaints as actions
from forcereview.cases.models import Complaint
from forcereview.cases.views.common import run
from forcereview.records.models import Agency

FORM_SALT = "forcereview.complaint-form"
SESSION_KEY = "complaint_tracking_number"


class ComplaintForm(djforms.Form):
    what_happened = djforms.CharField(label="What happened?", widget=djforms.Textarea(attrs={"rows": 8}),
                                      help_text="In your own words. Include anything you think matters.")
    occurred_on = djforms.DateField(label="When did it happen?", required=False,
                                    widget=djforms.DateInput(attrs={"type": "date"}))
    occurred_time = djforms.CharField(label="At about what time?", required=False, max_length=40)
    where = djforms.CharField(label="Where did it happen?", max_length=300,
                              help_text="An address, a street corner, a school, a park.")
    who = djforms.CharField(label="Which officers were involved? (optional)", required=False,
                            widget=djforms.Textarea(attrs={"rows": 3}),
                            help_text="Names, badge numbers, car numbers or descriptions, if you know them.")
    anonymous = djforms.BooleanField(label="I want to stay anonymous", required=False,
                                     help_text="If you stay anonymous, the status page will only tell you whether "
                                               "your complaint is open or closed, and we cannot contact you.")
    contact_name = djforms.CharField(label="Your name (optional)", required=False, max_length=160)
    contact_email = djforms.CharField(label="Your email (optional)", required=False, max_length=200)
    contact_phone = djforms.CharField(label="Your phone (optional)", required=False, max_length=40)
    # Screening: a field people never see (bots fill it in) and when the form was opened.
    website = djforms.CharField(required=False, label="Leave this empty",
                                widget=djforms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    started = djforms.CharField(required=False, widget=djforms.HiddenInput)


def _agency(request) -> Agency | None:
    slug = request.GET.get("agency") or request.POST.get("agency")
    agencies = Agency.objects.all()
    if slug:
        return agencies.filter(slug=slug).first()
    return agencies.first() if agencies.count() == 1 else None


def _fill_seconds(token: str) -> int | None:
    try:
        started = signing.loads(token, salt=FORM_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return max(0, int(timezone.now().timestamp() - float(started)))


@public
def complaint_form(request):
    agency = _agency(request)
    if agency is None:
        return render(request, "cases/public/choose_agency.html", {"agencies": Agency.objects.order_by("name")})
    form = ComplaintForm(request.POST or None, initial={"started": signing.dumps(timezone.now().timestamp(),
                                                                                 salt=FORM_SALT)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            sub = actions.Submission(
                what_happened=d["what_happened"], where=d["where"], occurred_on=d["occurred_on"],
                occurred_time=d["occurred_time"], who=d["who"], anonymous=d["anonymous"],
                contact_name=d["contact_name"], contact_email=d["contact_email"], contact_phone=d["contact_phone"],
                honeypot=d["website"], fill_seconds=_fill_seconds(d["started"]))
            try:
                complaint = actions.submit_complaint(agency, sub, address=request.META.get("REMOTE_ADDR", ""))
            except CaseInvalid as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 422
            except actions.TooManyComplaints:
                return render(request, "cases/public/too_many.html",
                              {"agency": agency, "other_ways": settings.COMPLAINT_OTHER_WAYS}, status=429)
            else:
                request.session[SESSION_KEY] = complaint.tracking_number
                return redirect(reverse("complaints:received"))
        else:
            status = 422
    return render(request, "cases/public/complaint_form.html", {"form": form, "agency": agency}, status=status)


@public
def complaint_received(request):
    number = request.session.get(SESSION_KEY)
    if not number:
        return redirect(reverse("complaints:status"))
    complaint = Complaint.objects.filter(tracking_number=number).first()
    return render(request, "cases/public/received.html", {"complaint": complaint})


def public_status(complaint: Complaint) -> dict:
    """What the status page says: open or closed for everyone; more only for a complainant who
    gave contact details."""
    info = {"number": complaint.tracking_number, "open": complaint.is_open, "detailed": not complaint.anonymous}
    if not complaint.anonymous:
        info.update(label=complaint.get_status_display(), received=complaint.received_at,
                    closed=complaint.closed_at, note=complaint.public_note)
    return info


@public
def complaint_status(request):
    info = None
    not_found = False
    number = (request.POST.get("number") or "").strip().upper()
    if request.method == "POST" and number:
        complaint = Complaint.objects.filter(tracking_number=number).first()
        if complaint is None:
            not_found = True
        else:
            info = public_status(complaint)
    return render(request, "cases/public/status.html", {"info": info, "not_found": not_found, "number": number},
                  status=404 if not_found else 200)


# -- the intake queue ---------------------------------------------------------------------------------------


@allow(Role.INVESTIGATOR, Role.COMMAND)
def complaint_list(request):
    qs = complaints_for(request.user)
    view = request.GET.get("view", "intake")
    if view == "held":
        qs = qs.filter(screening=Complaint.Screening.HELD, status=Complaint.Status.RECEIVED)
    elif view == "open":
        qs = qs.exclude(status=Complaint.Status.CLOSED).exclude(screening=Complaint.Screening.HELD)
    elif view != "all":
        view = "intake"
        qs = qs.filter(status__in=[Complaint.Status.RECEIVED, Complaint.Status.REVIEWING],
                       screening=Complaint.Screening.ACCEPTED)
    return render(request, "cases/complaint_list.html", {
        "complaints": qs.order_by("received_at")[:500], "view": view,
        "breadcrumbs": [("Home", reverse("home")), ("Public complaints", None)]})


@allow(Role.INVESTIGATOR, Role.COMMAND)
def complaint_detail(request, pk: int):
    complaint = access_complaint(request.user, pk)
    form = forms.ComplaintActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        def do(d):
            by = request.user
            if d["step"] == "release":
                actions.release_complaint(complaint, by=by, note=d["reason"])
            elif d["step"] == "spam":
                actions.mark_spam(complaint, by=by, reason=d["reason"])
            elif d["step"] == "review":
                actions.start_review(complaint, by=by)
            else:
                actions.close_complaint(complaint, by=by, reason=d["reason"], public_note=d["public_note"])

        if run(request, form, do, "Complaint updated."):
            return redirect("cases:complaint_detail", pk=complaint.pk)
        status = 422
    complaint.refresh_from_db()
    return render(request, "cases/complaint_detail.html", {
        "complaint": complaint, "form": form, "cases": complaint.cases.all(),
        "breadcrumbs": [("Home", reverse("home")), ("Public complaints", reverse("cases:complaint_list")),
                        (complaint.tracking_number, None)]}, status=status)
