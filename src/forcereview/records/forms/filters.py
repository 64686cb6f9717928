"""The filter bar above the incident list.

The values are parsed by ``records.filters.parse_filters`` (shared with the API); the bar only
shows them back, each parse error next to its filter. It is rendered from plain values rather
than Django form widgets: an agency's roster can run to a thousand officers, and the list page
must stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcereview.records import vocab
from forcereview.records.filters import IncidentFilter

SORTS = [("", "Newest first"), ("oldest", "Oldest first")]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class FilterField:
    name: str
    label: str
    kind: str  # "text", "search", "date" or "select"
    value: str
    options: tuple[Option, ...] = ()
    error: str = ""

    @property
    def id(self) -> str:
        return f"id_{self.name}"


class FilterBar:
    def __init__(self, params, *, officers, units, statuses, parsed: IncidentFilter):
        """``statuses``: the (code, label) statuses this reader may filter by
        (``records.access.status_choices_for``)."""
        self.params = params
        self.errors = parsed.errors
        self.fields = [
            self._input("number", "Incident number", "search"),
            self._input("date_from", "From date", "date"),
            self._input("date_to", "To date", "date"),
            self._select("officer", "Officer", [(str(o.pk), f"{o.last_name}, {o.first_name} #{o.badge_number}")
                                                 for o in officers]),
            self._select("unit", "Unit", [(str(u.pk), u.name) for u in units]),
            self._select("force_type", "Force type", vocab.FORCE_TYPES.choices),
            self._select("location_type", "Location type", vocab.LOCATION_TYPES.choices),
            self._select("juvenile", "Juvenile subject", [("yes", "Yes"), ("no", "No")]),
            self._select("status", "Status", statuses, current=parsed.status),
            self._select("sort", "Order", SORTS[1:], empty=SORTS[0][1]),
        ]

    def _value(self, name: str) -> str:
        return str(self.params.get(name, "") or "").strip()

    def _input(self, name: str, label: str, kind: str) -> FilterField:
        return FilterField(name, label, kind, self._value(name)[:100], error=self.errors.get(name, ""))

    def _select(self, name: str, label: str, choices, *, empty: str = "Any", current: str | None = None) -> FilterField:
        current = current or self._value(name)
        options = [Option("", empty, current == ""), *(Option(v, lbl, v == current) for v, lbl in choices)]
        return FilterField(name, label, "select", current, tuple(options), self.errors.get(name, ""))

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)
