"""Forms of the review pages. They parse input only; the actions validate and write."""

from __future__ import annotations

from django import forms

from forcereview.reviews.models import Decision


class DeterminationForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect, label="Determination")
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), label="Rationale",
        help_text="Why, in your own words: what the report, the recordings and the policy show. "
                  "This is your determination, not the final finding.",
    )


class ResolveFlagForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why the flag does not stand")


class DeclineReferralForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why no case is opened")


class PolicyForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "code"}),
                           label="Policy (YAML)")
    effective_from = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="In force from")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="What changed and why")
