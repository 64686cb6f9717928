"""The parts of the report form: the incident's facts, and one small form per officer,
subject, force application and witness (repeated as formsets).

Field names are the keys of the report dict (``docs/import.md``), so an error the validator
reports at ``subjects[1].age`` lands on the ``age`` field of the second subject row.
"""

from __future__ import annotations

from django import forms

from forcereview.records import vocab
from forcereview.records.forms.widgets import CodesField, area, code, flag, text
from forcereview.web.forms import mark_required

# Hidden bookkeeping fields: never a reason to keep a row that is otherwise empty.
BOOKKEEPING = frozenset({"ref", "claims_json", "orig", "DELETE"})


class RowForm(forms.Form):
    """One repeated row. A row left empty is no entry at all, so spare blank rows can be
    offered to people without JavaScript."""

    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        for name, field in self.fields.items():
            if name in BOOKKEEPING:
                continue
            value = data.get(name)
            if value in (None, "", [], False) or value == field.initial:
                continue
            return False
        return True

    def is_removed(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("DELETE"))


class IncidentFields(forms.Form):
    number = text("Agency incident number", autocomplete="off",
                  help_text="The number your records system gave the incident, for example 2024-001234.")
    occurred_at = forms.CharField(
        label="Date and time", required=False, help_text="When force was first used, in local time.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    location = text("Where it happened", help_text="An address or a description, for example "
                    "“Mesa View Middle School, cafeteria”.")
    location_type = code("Kind of place", vocab.LOCATION_TYPES, empty="Choose the kind of place")
    contact_reason = code("Reason for the first contact", vocab.CONTACT_REASONS, empty="Choose a reason")
    offense = text("Most serious offense observed", help_text="Leave empty if none.")
    nibrs_number = text("NIBRS incident number", autocomplete="off")
    latitude = text("Latitude", inputmode="decimal", autocomplete="off")
    longitude = text("Longitude", inputmode="decimal", autocomplete="off")
    supervisor_present = flag("A supervisor was present or was consulted")
    recording_expected = flag("Agency policy required a body-worn camera recording", initial=True)
    narrative = area(
        "Narrative", rows=12,
        help_text="In your own words: what led to the force, what each person did and said, the force "
                  "used and why, and what happened after (medical aid, arrest). Give times where you can.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(*(self.fields[n] for n in ("number", "occurred_at", "location", "location_type",
                                                 "contact_reason", "narrative")))


class OfficerRow(RowForm):
    badge = text("Badge number", autocomplete="off", list="roster",
                 help_text="Type a badge number or a name and pick from the agency roster.")
    role = code("Role in the incident", vocab.INVOLVEMENT_ROLES, empty="Choose a role")
    on_duty = flag("On duty", initial=True)
    in_uniform = flag("In uniform", initial=True)
    camera_activated = code("Body-worn camera", [("yes", "Activated"), ("no", "Not activated")],
                            empty="Not recorded")
    injuries = CodesField("Officer's injuries", vocab.INJURY_TYPES)
    claims = CodesField("Justification for the force used", vocab.CLAIMS,
                        help_text="What made force necessary, as this officer saw it. None for a witness officer.")
    claims_json = forms.CharField(required=False, widget=forms.HiddenInput)
    # The roster name shown beside the badge (ReportForm sets it for each row); empty for the
    # blank row the page copies when an officer is added.
    roster_label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self.fields["badge"], self.fields["role"])


class SubjectRow(RowForm):
    ref = forms.CharField(required=False, widget=forms.HiddenInput)
    name = text("Name", autocomplete="off",
                help_text="Optional. A juvenile's name is shown only to investigators and command staff.")
    age = text("Age", inputmode="numeric", autocomplete="off", size="4")
    age_min = text("Youngest possible age", inputmode="numeric", autocomplete="off")
    age_max = text("Oldest possible age", inputmode="numeric", autocomplete="off")
    sex = code("Sex", vocab.SEX, initial="unknown")
    race = code("Race", vocab.RACE, empty="Not recorded")
    ethnicity = code("Ethnicity", vocab.ETHNICITY, empty="Not recorded")
    armed = code("Armed", vocab.ARMED, initial="unarmed")
    medical_treatment = code("Medical treatment", vocab.MEDICAL_TREATMENT, initial="none")
    perceived_threat = flag("The officer perceived a threat from this person")
    impairments = CodesField("Apparent impairment", vocab.IMPAIRMENTS)
    resistance = CodesField("Resistance", vocab.RESISTANCE_TYPES)
    injuries = CodesField("Injuries", vocab.INJURY_TYPES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self.fields["age"])


class ForceRow(RowForm):
    officer = code("Officer who used force", [], empty="Choose an officer")
    subject = code("On which subject", [], empty="Choose a subject")
    type = code("Type of force", vocab.FORCE_TYPES, empty="Choose the type of force")
    at = text("Time", autocomplete="off",
              help_text="hh:mm:ss on the day of the incident, or a full date and time if it was later.")
    resistance = code("Subject's resistance at that moment", vocab.RESISTANCE_TYPES, empty="Not recorded")
    description = area("What happened", rows=2)

    def __init__(self, *args, officer_choices=(), subject_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self.fields["officer"], self.fields["subject"], self.fields["type"])
        self.set_choices(officer_choices, subject_choices)

    def set_choices(self, officer_choices, subject_choices) -> None:
        self.fields["officer"].widget.choices = [("", "Choose an officer"), *officer_choices]
        self.fields["subject"].widget.choices = [("", "Choose a subject"), *subject_choices]


class WitnessRow(RowForm):
    orig = forms.CharField(required=False, widget=forms.HiddenInput)
    name = text("Name", autocomplete="off")
    role = code("Who they are", vocab.WITNESS_ROLES, initial="bystander")
    contact = text("Contact", autocomplete="off", help_text="Phone, email or address.")
    statement = area("What they said or saw", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_required(self.fields["name"])
