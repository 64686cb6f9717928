"""Forms for case pages. They only parse input; the actions decide what is allowed."""

from __future__ import annotations

from django import forms

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.cases.config import rules
from forcereview.cases.models import (
    CaseOfficer,
    CivilClaim,
    CriminalReferral,
    Finding,
    InvestigationEntry,
    LeavePeriod,
)
from forcereview.records import vocab
from forcereview.records.models import Incident, Officer, Unit

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 4})


def _officers(agency_id):
    return Officer.objects.filter(agency_id=agency_id).order_by("last_name", "first_name")


def _investigators(agency_id):
    return User.objects.filter(agency_id=agency_id, is_active=True, role__in=[Role.INVESTIGATOR, Role.COMMAND])


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} (#{obj.badge_number}, {obj.get_rank_display().lower()})"


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class OpenCaseForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="What the case is about, without names, e.g. "
                                                        "'Force on a juvenile at a school'.")
    summary = forms.CharField(required=False, widget=TEXT)
    source = forms.ChoiceField(choices=[("command", "Opened by command staff"), ("referral", "Referral from a review"),
                                        ("complaint", "Public complaint")])
    first_reported_on = forms.DateField(required=False, widget=DATE,
                                        help_text="When misconduct was first reported. Empty: the incident date.")
    lead_investigator = UserChoice(queryset=User.objects.none(), required=False)
    subject = OfficerChoice(queryset=Officer.objects.none(), required=False, label="Subject officer")

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_investigator"].queryset = _investigators(agency_id)
        self.fields["subject"].queryset = _officers(agency_id)


class AddOfficerForm(forms.Form):
    officer = OfficerChoice(queryset=Officer.objects.none())
    role = forms.ChoiceField(choices=CaseOfficer.Role.choices)

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _officers(agency_id)


class LinkIncidentForm(forms.Form):
    number = forms.CharField(label="Incident number", max_length=40)


class LinkEvidenceForm(forms.Form):
    item = forms.IntegerField(label="Evidence number", min_value=1, help_text="The # of the item, e.g. 12")
    note = forms.CharField(required=False, max_length=300, help_text="Why it matters to the case.")


class TeamForm(forms.Form):
    user = UserChoice(queryset=User.objects.none(), label="Person working the criminal side")

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _investigators(agency_id)


class LogEntryForm(forms.Form):
    kind = forms.ChoiceField(choices=InvestigationEntry.Kind.choices)
    occurred_at = forms.DateTimeField(label="When", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    interviewee_officer = OfficerChoice(queryset=Officer.objects.none(), required=False,
                                        label="Officer interviewed")
    interviewee_name = forms.CharField(required=False, label="Civilian interviewed")
    interviewer = UserChoice(queryset=User.objects.none(), required=False)
    advisement = forms.ChoiceField(choices=InvestigationEntry.Advisement.choices, required=False)
    compelled = forms.BooleanField(required=False, label="Compelled statement (Garrity), or drawn from one",
                                   help_text="Walled off from anyone working the criminal side of the case.")
    evidence_ref = forms.CharField(required=False, label="Evidence reviewed",
                                   help_text="e.g. 'Evidence #12, body camera of #101, 12:05-12:09'")
    summary = forms.CharField(widget=TEXT)

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewee_officer"].queryset = _officers(agency_id)
        self.fields["interviewer"].queryset = _investigators(agency_id)


def category_choices():
    return [(c.code, c.label) for c in rules().discipline.categories.values()]


class ReviewChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (f"#{obj.pk}: {obj.reviewer_officer.full_name if obj.reviewer_officer_id else obj.reviewer}, "
                f"{obj.get_decision_display().lower()} on incident {obj.task.incident.number}")


class AllegationForm(forms.Form):
    officer = OfficerChoice(queryset=Officer.objects.none())
    category = forms.ChoiceField(choices=())
    policy_section = forms.CharField(max_length=200, help_text="e.g. 'Policy 300.3.1, use of force'")
    description = forms.CharField(widget=TEXT)
    review = ReviewChoice(queryset=None, required=False, label="Review answered for",
                          help_text="For a reviewer under review: the determination that missed the violation.")

    def __init__(self, *args, case, **kwargs):
        from forcereview.cases.review_link import reviews_answerable

        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(
            case_links__case=case, case_links__role__in=["subject", "reviewer"])
        self.fields["category"].choices = category_choices()
        self.fields["review"].queryset = reviews_answerable(case)


class FindingForm(forms.Form):
    finding = forms.ChoiceField(choices=Finding.choices)
    reason = forms.CharField(widget=TEXT, label="Reasons")


class DisciplineForm(forms.Form):
    penalty = forms.ChoiceField(choices=())
    suspension_days = forms.IntegerField(required=False, min_value=1, max_value=365)
    aggravating = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, choices=())
    other_aggravating = forms.CharField(required=False, label="Other aggravating factor")
    mitigating = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, choices=())
    other_mitigating = forms.CharField(required=False, label="Other mitigating factor")
    reason = forms.CharField(widget=TEXT, label="Reasons for the decision")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matrix = rules().discipline
        self.fields["penalty"].choices = list(matrix.penalties.items()) + [("none", "No discipline")]
        self.fields["aggravating"].choices = [(a, a) for a in matrix.aggravating]
        self.fields["mitigating"].choices = [(m, m) for m in matrix.mitigating]


class StageForm(forms.Form):
    step = forms.ChoiceField(choices=[("submit", "submit"), ("hold", "hold"), ("resume", "resume")])
    reason = forms.CharField(required=False)


class CloseForm(forms.Form):
    note = forms.CharField(widget=TEXT, label="How the case ends")
    message_to_complainant = forms.CharField(required=False, widget=TEXT,
                                             help_text="Shown on the status page to a complainant who gave contact "
                                                       "details.")


class PersonnelForm(forms.Form):
    action = forms.ChoiceField(choices=[("leave", "Place on administrative leave"), ("end_leave", "End leave"),
                                        ("reassign", "Reassign"), ("demote", "Demote"), ("separate", "Separation")])
    officer = OfficerChoice(queryset=Officer.objects.none())
    effective_on = forms.DateField(widget=DATE)
    leave_kind = forms.ChoiceField(choices=LeavePeriod.Kind.choices, required=False)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    assignment = forms.ChoiceField(choices=[("", "-")] + vocab.ASSIGNMENTS.choices, required=False)
    rank = forms.ChoiceField(choices=[("", "-")] + vocab.RANKS.choices, required=False)
    separation = forms.ChoiceField(choices=[("", "-"), ("resigned", "Resigned"), ("retired", "Retired"),
                                            ("terminated", "Terminated")], required=False)
    reason = forms.CharField(widget=TEXT)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(case_links__case=case)
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=case.agency_id)


class TrainingForm(forms.Form):
    officer = OfficerChoice(queryset=Officer.objects.none())
    course = forms.CharField(max_length=200)
    due_on = forms.DateField(widget=DATE)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(case_links__case=case)


class CompleteTrainingForm(forms.Form):
    completed_on = forms.DateField(widget=DATE)
    note = forms.CharField(required=False)


class ReferralForm(forms.Form):
    referred_to = forms.ChoiceField(choices=CriminalReferral.To.choices)
    office = forms.CharField(required=False, help_text="e.g. '11th Judicial District Attorney'")
    referred_on = forms.DateField(widget=DATE)
    officer = OfficerChoice(queryset=Officer.objects.none(), required=False,
                            help_text="Empty: every subject officer of the case.")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(case_links__case=case,
                                                                 case_links__role__in=["subject", "reviewer"])


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=CriminalReferral.Status.choices)
    on = forms.DateField(widget=DATE, label="Date of the decision")
    note = forms.CharField(required=False, widget=TEXT, label="Decision")
    charges = forms.CharField(required=False)


class BoardReportForm(forms.Form):
    step = forms.ChoiceField(choices=[("file", "Filed"), ("not_required", "Not required")])
    filed_on = forms.DateField(widget=DATE, required=False)
    board_reference = forms.CharField(required=False, max_length=100)
    note = forms.CharField(required=False, widget=TEXT)


class ClaimForm(forms.Form):
    incident = forms.CharField(label="Incident number", max_length=40)
    claimant_name = forms.CharField(max_length=200)
    claimant_born_on = forms.DateField(required=False, widget=DATE, label="Claimant's date of birth",
                                       help_text="Needed for a child: a child under 7 may have until the 9th birthday.")
    claimant_is_minor = forms.BooleanField(required=False, label="The claimant is a minor")
    counsel = forms.CharField(required=False, max_length=200)
    received_on = forms.DateField(widget=DATE, label="Notice received on")
    wrongful_death = forms.BooleanField(required=False)
    case = forms.CharField(required=False, label="Case number (if any)", max_length=20)


class ClaimOutcomeForm(forms.Form):
    step = forms.ChoiceField(choices=[("suit", "Suit filed"), ("outcome", "Outcome")])
    on = forms.DateField(widget=DATE)
    outcome = forms.ChoiceField(choices=CivilClaim.Outcome.choices, required=False)
    amount = forms.DecimalField(required=False, max_digits=14, decimal_places=2, min_value=0)
    note = forms.CharField(required=False, widget=TEXT)


class ComplaintActionForm(forms.Form):
    step = forms.ChoiceField(choices=[("release", "release"), ("spam", "spam"), ("review", "review"),
                                      ("close", "close")])
    reason = forms.CharField(required=False, widget=TEXT)
    public_note = forms.CharField(required=False, widget=TEXT)


def incident_by_number(agency_id, number: str) -> Incident | None:
    return Incident.objects.filter(agency_id=agency_id, number=number.strip()).first()
