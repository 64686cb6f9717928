"""The filter bar above the incident list.

The values are parsed by ``records.filters.parse_filters`` (shared with the API); this form
only renders them and shows each parse error next to its filter.
"""

from __future__ import annotations

from django import forms

from forcereview.records import vocab
from forcereview.records.filters import IncidentFilter

ANY = ("", "Any")
SORTS = [("", "Newest first"), ("oldest", "Oldest first")]


def _select(label: str, choices) -> forms.CharField:
    # A CharField, not a ChoiceField: an unknown value is reported by parse_filters, once.
    return forms.CharField(label=label, required=False, widget=forms.Select(choices=[ANY, *choices]))


class IncidentFilterForm(forms.Form):
    number = forms.CharField(label="Incident number", required=False, max_length=40,
                             widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    date_from = forms.CharField(label="From date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.CharField(label="To date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    officer = _select("Officer", [])
    unit = _select("Unit", [])
    force_type = _select("Force type", vocab.FORCE_TYPES.choices)
    location_type = _select("Location type", vocab.LOCATION_TYPES.choices)
    juvenile = _select("Juvenile subject", [("yes", "Yes"), ("no", "No")])
    status = _select("Status", vocab.INCIDENT_STATUS.choices)
    sort = forms.CharField(label="Order", required=False, widget=forms.Select(choices=SORTS))

    def __init__(self, data, *, officers, units, parsed: IncidentFilter):
        super().__init__(data)
        self.fields["officer"].widget.choices = [ANY] + [
            (str(o.pk), f"{o.last_name}, {o.first_name} #{o.badge_number}") for o in officers
        ]
        self.fields["unit"].widget.choices = [ANY] + [(str(u.pk), u.name) for u in units]
        self.is_valid()
        for name, message in parsed.errors.items():
            self.add_error(name, message)

    @property
    def active_count(self) -> int:
        return sum(1 for name in self.fields if name != "sort" and self.data.get(name))
