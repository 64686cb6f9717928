"""Forms of the evidence pages: they parse input; actions decide and write."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from forcereview.engine.model import ROLES
from forcereview.evidence.actions import Metadata
from forcereview.evidence.models import RetentionClass
from forcereview.records.models import Officer


class UploadForm(forms.Form):
    camera_serial = forms.CharField(label="Camera serial number", max_length=80, required=False)
    officer = forms.ModelChoiceField(label="Officer wearing the camera", queryset=Officer.objects.none(),
                                     required=False, to_field_name="badge_number", empty_label="(not given)")
    recorded_start = forms.DateTimeField(label="Recording started at", required=False,
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                         help_text="Local time. Left empty: taken from the file when it says.")
    retention_class = forms.ChoiceField(choices=RetentionClass.choices, initial=RetentionClass.EVIDENTIARY, required=False)
    description = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["officer"].queryset = Officer.objects.filter(agency_id=incident.agency_id)
        self.fields["recorded_start"].help_text = (
            f"Local time ({incident.agency.timezone}). Left empty: taken from the file when it says.")

    def metadata(self) -> Metadata:
        data = self.cleaned_data
        start = data.get("recorded_start")
        if start is not None and timezone.is_naive(start):
            start = start.replace(tzinfo=ZoneInfo(self.incident.agency.timezone))
        return Metadata(
            camera_serial=data.get("camera_serial") or "",
            officer=data.get("officer"),
            recorded_start=start,
            retention_class=data.get("retention_class") or RetentionClass.EVIDENTIARY,
            description=data.get("description") or "",
        )


class CorrectionForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    speaker = forms.CharField(max_length=120, required=False)
    role = forms.ChoiceField(choices=[(r, r) for r in ROLES])
    reason = forms.CharField(max_length=300, required=False)


class HoldForm(forms.Form):
    reason = forms.CharField(max_length=300)


class RetentionForm(forms.Form):
    retention_class = forms.ChoiceField(choices=RetentionClass.choices)
    reason = forms.CharField(max_length=300)
