"""Forms of the administrator's pages. They only parse input; the actions
(``accounts.actions``, ``records.actions``) decide what is allowed and write."""

from __future__ import annotations

from django import forms

from forcereview.accounts.roles import Role
from forcereview.records import vocab
from forcereview.records.models import Officer, Unit

DATE = forms.DateInput(attrs={"type": "date"})


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.last_name}, {obj.first_name} (#{obj.badge_number}, {obj.get_rank_display().lower()})"


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _officers(agency_id):
    return Officer.objects.filter(agency_id=agency_id).order_by("last_name", "first_name", "pk")


def _units(agency_id):
    return Unit.objects.filter(agency_id=agency_id).order_by("name")


class UserForm(forms.Form):
    """A login's role, officer record, name and email (the user name only when created)."""

    username = forms.CharField(label="User name", max_length=150,
                               help_text="Letters, digits and @ . + - _; it cannot be changed later.")
    role = forms.ChoiceField(choices=Role.choices,
                             help_text="Officers and supervisors see incidents through their officer record.")
    officer = OfficerChoice(queryset=Officer.objects.none(), required=False, label="Officer record",
                            empty_label="(none: a civilian login)",
                            help_text="Links the login to the chain of command.")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)

    def __init__(self, *args, agency_id, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _officers(agency_id)
        if not creating:
            del self.fields["username"]


class OfficerForm(forms.Form):
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    badge_number = forms.CharField(label="Badge number", max_length=20)
    rank = forms.ChoiceField(choices=vocab.RANKS.choices)
    assignment = forms.ChoiceField(choices=vocab.ASSIGNMENTS.choices)
    unit = UnitChoice(queryset=Unit.objects.none(), required=False, empty_label="(no unit)")
    supervisor = OfficerChoice(queryset=Officer.objects.none(), required=False, empty_label="(none: top of the chain)",
                               help_text="The officer's direct supervisor in the chain of command.")
    hire_date = forms.DateField(widget=DATE)
    status = forms.ChoiceField(choices=vocab.OFFICER_STATUS.choices)
    email = forms.EmailField(required=False)

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(agency_id)
        self.fields["supervisor"].queryset = _officers(agency_id)


class UnitForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=vocab.UNIT_KINDS.choices)
    parent = UnitChoice(queryset=Unit.objects.none(), required=False, label="Part of", empty_label="(none)")

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _units(agency_id)


__all__ = ["OfficerForm", "UnitForm", "UserForm"]
