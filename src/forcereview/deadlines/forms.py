from __future__ import annotations

from django import forms


class ExtendForm(forms.Form):
    due_date = forms.DateField(label="New due date", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Why is it extended?", widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class MeetForm(forms.Form):
    note = forms.CharField(label="What was done (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
