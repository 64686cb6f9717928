"""The use-of-force report form: the incident's facts and formsets of officers, subjects,
force applications and witnesses, turned into the report dict that ``records.actions``
validates, and the validator's errors put back next to the fields they name.

The form never judges the report itself; a report the validator refuses is shown again with
everything the person typed and each problem beside its field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from django.forms import formset_factory
from django.http import QueryDict

from forcereview.records import vocab
from forcereview.records.forms.rows import (
    ForceRow,
    IncidentFields,
    OfficerRow,
    RowForm,
    SubjectRow,
    WitnessRow,
)
from forcereview.records.models import Officer
from forcereview.records.validation import FieldError

MAX_ROWS = 200  # the validator's own limit per list


@dataclass(frozen=True)
class Section:
    key: str  # the report key and the formset prefix
    form: type[RowForm]
    noun: str
    add_label: str
    remove_label: str


SECTIONS = {
    s.key: s
    for s in (
        Section("officers", OfficerRow, "Officer", "Add another officer", "Remove this officer from the report"),
        Section("subjects", SubjectRow, "Subject", "Add another subject", "Remove this subject from the report"),
        Section("force", ForceRow, "Force", "Add another use of force", "Remove this use of force"),
        Section("witnesses", WitnessRow, "Witness", "Add another witness", "Remove this witness"),
    )
}
BLANK_ROWS_NEW = {"officers": 1, "subjects": 2, "force": 2, "witnesses": 1}
INCIDENT_KEYS = ("number", "occurred_at", "location", "location_type", "contact_reason", "offense",
                 "nibrs_number", "latitude", "longitude", "supervisor_present", "recording_expected", "narrative")
ROW_PATH = re.compile(r"^(officers|subjects|force|witnesses)\[(\d+)\](?:\.([a-z_]+))?")
# The select or the checkboxes already list the valid codes; the validator's list is noise here.
CODE_LIST_TAIL = re.compile(r"; use one of: .*$")
SUBJECT_LINKED = ("is ", "must ", "has ", "contains ", "at least ")
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:\d\d|Z)?")


def _formset(section: Section, extra: int):
    return formset_factory(section.form, extra=extra, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS)


def _defaults(form_class: type[RowForm]) -> dict[str, object]:
    return {name: f.initial for name, f in form_class.base_fields.items() if f.initial not in (None, "")}


@dataclass
class SummaryError:
    """One line of the error summary at the top: what, where, and a link to the field."""

    where: str
    message: str
    anchor: str


class ReportForm:
    """The whole report form. ``hidden`` holds identities the reader may not see: for an
    edit they are shown empty, and an empty name keeps the one on file."""

    def __init__(self, data: QueryDict | None = None, *, roster: list[Officer], initial: dict | None = None,
                 hidden: dict | None = None, blank_rows: dict[str, int] | None = None):
        initial = initial or {}
        self.roster = roster
        self.roster_by_badge = {o.badge_number: o for o in roster}
        self.hidden = hidden or {"subjects": {}, "witnesses": {}}
        self.is_bound = data is not None
        if data is not None:
            data = _with_subject_refs(data)
        self.incident = IncidentFields(data, initial=initial.get("incident"))
        self.sets = {}
        for key, section in SECTIONS.items():
            rows = initial.get(key, [])
            extra = (blank_rows or {}).get(key, 0)
            self.sets[key] = _formset(section, extra)(data, prefix=key, initial=rows or None)
        if not self.is_bound:
            _number_blank_subjects(self.sets["subjects"], initial.get("subjects", []))
        self.general_errors: list[str] = []
        self.section_errors: dict[str, list[str]] = {key: [] for key in SECTIONS}
        self.summary: list[SummaryError] = []
        self._refresh_force_choices()
        self._annotate_rows()

    # -- reading what was typed ---------------------------------------------------------------

    def _clean(self) -> None:
        self.incident.is_valid()
        for formset in self.sets.values():
            formset.is_valid()

    def kept_rows(self, key: str) -> list[RowForm]:
        """Rows that are part of the report: not removed and not left empty, in order."""
        out = []
        for form in self.sets[key].forms:
            if not hasattr(form, "cleaned_data"):
                form.is_valid()
            if form.is_removed() or form.is_blank():
                continue
            out.append(form)
        return out

    def report_data(self, *, reported_by: str | None = None) -> dict:
        """The report dict for ``records.actions``, built from what was typed."""
        self._clean()
        inc = self.incident.cleaned_data
        data = {key: inc.get(key) for key in INCIDENT_KEYS}
        data["officers"] = [self._officer(f.cleaned_data) for f in self.kept_rows("officers")]
        data["subjects"] = [self._subject(f.cleaned_data) for f in self.kept_rows("subjects")]
        data["force"] = [
            {k: f.cleaned_data.get(k, "") for k in ("officer", "subject", "type", "at", "resistance", "description")}
            for f in self.kept_rows("force")
        ]
        data["witnesses"] = [self._witness(f.cleaned_data) for f in self.kept_rows("witnesses")]
        badges = {o["badge"] for o in data["officers"]}
        if reported_by and reported_by in badges:
            data["reported_by"] = reported_by
        return data

    def _officer(self, row: dict) -> dict:
        try:
            on_file = json.loads(row.get("claims_json") or "[]")
        except ValueError:
            on_file = []
        # Claims on file keep their order and any subject or detail they came with (through the
        # API or an import); newly ticked ones follow.
        checked = list(row.get("claims", []))
        claims: list = [c for c in on_file if isinstance(c, dict) and c.get("kind") in checked]
        claims += [kind for kind in checked if kind not in {c["kind"] for c in claims}]
        return {
            "badge": row.get("badge", ""),
            "role": row.get("role", ""),
            "injuries": row.get("injuries", []),
            "on_duty": bool(row.get("on_duty")),
            "in_uniform": bool(row.get("in_uniform")),
            "camera_activated": row.get("camera_activated", ""),
            "claims": claims,
        }

    def _subject(self, row: dict) -> dict:
        out = {k: row.get(k) for k in ("ref", "name", "age", "age_min", "age_max", "sex", "race", "ethnicity",
                                        "armed", "perceived_threat", "impairments", "resistance", "injuries",
                                        "medical_treatment")}
        out["perceived_threat"] = bool(out["perceived_threat"])
        kept = self.hidden["subjects"].get(out["ref"])
        if kept is not None and not out["name"]:
            out["name"] = kept
        return out

    def _witness(self, row: dict) -> dict:
        out = {k: row.get(k, "") for k in ("name", "role", "contact", "statement")}
        kept = self.hidden["witnesses"].get(row.get("orig") or "")
        if kept is not None:
            out["name"] = out["name"] or kept["name"]
            out["contact"] = out["contact"] or kept["contact"]
        return out

    # -- showing the validator's errors -------------------------------------------------------

    def show_errors(self, errors: list[FieldError]) -> None:
        """Put each error next to the field it names and list them all at the top."""
        self._clean()
        kept = {key: self.kept_rows(key) for key in SECTIONS}
        for error in errors:
            self._place(error, kept)

    def _place(self, error: FieldError, kept: dict[str, list[RowForm]]) -> None:
        path, message = error.path, error.message
        match = ROW_PATH.match(path)
        if match:
            key, index, field = match.group(1), int(match.group(2)), match.group(3)
            rows = kept[key]
            if index < len(rows):
                self._on_row(key, index, rows[index], field, message)
                return
            path = key
        if path in self.incident.fields:
            self._on_field(self.incident, path, message, "Incident")
        elif path in SECTIONS:
            self.section_errors[path].append(_sentence("", message))
            self.summary.append(SummaryError(SECTIONS[path].noun + "s", _sentence("", message), f"section-{path}"))
        else:
            label = {"reported_by": "Reported by"}.get(path, path)
            text = _sentence(label, message) if path else _sentence("", message)
            self.general_errors.append(text)
            self.summary.append(SummaryError("Report", text, "report-errors"))

    def _on_row(self, key: str, index: int, form: RowForm, field: str | None, message: str) -> None:
        section = SECTIONS[key]
        where = f"{section.noun} {self._row_label(key, form, index)}"
        if field == "ref":
            field = "name"
        if field in form.fields and field not in ("claims_json", "orig"):
            self._on_field(form, field, message, where)
        else:
            text = _sentence("", message)
            form.add_error(None, text)
            self.summary.append(SummaryError(where, text, f"row-{form.prefix}"))

    def _on_field(self, form, field: str, message: str, where: str) -> None:
        bound = form[field]
        text = _sentence(str(bound.label), message)
        if field not in form.errors or text not in form.errors[field]:
            form.add_error(field, text)
        anchor = bound.auto_id if not bound.field.widget.use_fieldset else f"{bound.auto_id}_0"
        self.summary.append(SummaryError(where, text, anchor))

    def _row_label(self, key: str, form: RowForm, index: int) -> str:
        if key == "subjects":
            return form.cleaned_data.get("ref") or str(index + 1)
        return str(self.sets[key].forms.index(form) + 1)

    # -- choices of the force rows: the officers and subjects entered above -------------------

    def _values(self, key: str) -> list[dict]:
        out = []
        formset = self.sets[key]
        for form in formset.forms:
            if self.is_bound:
                values = {name: form[name].value() for name in ("badge", "ref", "name", "age", "sex", "DELETE")
                          if name in form.fields}
            else:
                values = {**_defaults(form.__class__), **(form.initial or {})}
            if values.get("DELETE") in (True, "on", "true", "True"):
                continue
            out.append(values)
        return out

    def officer_choices(self) -> list[tuple[str, str]]:
        choices = []
        for row in self._values("officers"):
            badge = (row.get("badge") or "").strip()
            if badge and badge not in {c for c, _ in choices}:
                officer = self.roster_by_badge.get(badge)
                choices.append((badge, f"#{badge} {officer.full_name}" if officer else f"#{badge}"))
        return choices

    def subject_choices(self) -> list[tuple[str, str]]:
        choices = []
        for row in self._values("subjects"):
            ref = (row.get("ref") or "").strip()
            if ref and ref not in {c for c, _ in choices}:
                choices.append((ref, subject_choice_label(ref, row, name_hidden=ref in self.hidden["subjects"])))
        return choices

    def _refresh_force_choices(self) -> None:
        officers, subjects = self.officer_choices(), self.subject_choices()
        for form in self.sets["force"].forms:
            form.set_choices(officers, subjects)
        self._force_choices = (officers, subjects)

    def _annotate_rows(self) -> None:
        """What each row shows beside its fields: the roster name of a badge, a note where a
        name on file is hidden from the reader."""
        for form in self.sets["officers"].forms:
            badge = str(form["badge"].value() or "").strip()
            officer = self.roster_by_badge.get(badge)
            if officer is not None:
                form.roster_label = roster_label(officer)
            elif badge:
                form.roster_label = f"No officer with badge #{badge} in the agency roster"
            else:
                form.roster_label = ""
        for form in self.sets["subjects"].forms:
            form.name_on_file_hidden = str(form["ref"].value() or "") in self.hidden["subjects"]
        for form in self.sets["witnesses"].forms:
            form.name_on_file_hidden = str(form["orig"].value() or "") in self.hidden["witnesses"]

    @property
    def roster_options(self) -> list[tuple[str, str]]:
        return [(o.badge_number, roster_label(o)) for o in self.roster]

    @property
    def force_empty_form(self):
        form = self.sets["force"].empty_form
        form.set_choices(*self._force_choices)
        return form

    # -- adding a row without JavaScript -------------------------------------------------------

    @staticmethod
    def data_with_row_added(data: QueryDict, key: str) -> QueryDict:
        """The submitted data with one more (empty) row in section ``key``."""
        data = data.copy()
        if key not in SECTIONS:
            return data
        count = _int(data.get(f"{key}-TOTAL_FORMS"))
        if count >= MAX_ROWS:
            return data
        for name, value in _defaults(SECTIONS[key].form).items():
            data[f"{key}-{count}-{name}"] = "on" if value is True else value
        data[f"{key}-TOTAL_FORMS"] = str(count + 1)
        return data

    @property
    def error_count(self) -> int:
        return len(self.summary)


def roster_label(officer: Officer) -> str:
    parts = [officer.full_name, officer.get_rank_display()]
    if officer.unit_id:
        parts.append(officer.unit.name)
    if officer.status != "active":
        parts.append(officer.get_status_display())
    return " · ".join(parts)


def subject_choice_label(ref: str, row: dict, *, name_hidden: bool = False) -> str:
    parts = [ref]
    name = (row.get("name") or "").strip()
    if name and not name_hidden:
        parts.append(name)
    age = str(row.get("age") or "").strip()
    if age:
        parts.append(f"age {age}")
    sex = row.get("sex") or ""
    if sex and sex != "unknown":
        parts.append(vocab.SEX.label(sex).lower())
    return " · ".join(parts)


def _readable_moment(match: re.Match) -> str:
    try:
        moment = datetime.fromisoformat(match.group(0))
    except ValueError:
        return match.group(0)
    return f"{moment.day} {moment:%B %Y, %H:%M}" + (f":{moment:%S}" if moment.second else "")


def _sentence(label: str, message: str) -> str:
    """A validator message as a sentence for the form: the field named, times readable, and no
    list of codes (the select or the checkboxes already offer them)."""
    message = CODE_LIST_TAIL.sub("", message).strip()
    message = ISO_MOMENT.sub(_readable_moment, message)
    if label and message.startswith(SUBJECT_LINKED):
        return f"{label} {message}"
    if label and message[:1].isdigit():
        return f"{label}: {message}"
    return message[:1].upper() + message[1:]


def _int(raw) -> int:
    try:
        return max(0, int(raw))
    except (TypeError, ValueError):
        return 0


def _with_subject_refs(data: QueryDict) -> QueryDict:
    """Every subject row carries a reference (S1, S2, ...) so force rows can point at it,
    including rows added by hand in the browser without one."""
    count = min(_int(data.get("subjects-TOTAL_FORMS")), MAX_ROWS)
    refs = [(data.get(f"subjects-{i}-ref") or "").strip() for i in range(count)]
    if all(refs):
        return data
    data = data.copy()
    used = set(refs)
    n = 1
    for i, ref in enumerate(refs):
        if ref:
            continue
        while f"S{n}" in used:
            n += 1
        data[f"subjects-{i}-ref"] = f"S{n}"
        used.add(f"S{n}")
    return data


def _number_blank_subjects(formset, initial_rows: list[dict]) -> None:
    """Unbound spare subject rows get the next free references."""
    used = {r.get("ref") for r in initial_rows}
    n = 1
    for form in formset.forms[len(initial_rows):]:
        while f"S{n}" in used:
            n += 1
        form.initial = {**(form.initial or {}), "ref": f"S{n}"}
        used.add(f"S{n}")


# -- initial values ------------------------------------------------------------------------------


def new_report_initial(filer: Officer | None) -> dict:
    officers = []
    if filer is not None:
        officers.append({"badge": filer.badge_number, "role": "primary", "on_duty": True, "in_uniform": True})
    return {"incident": {"recording_expected": True}, "officers": officers}


def _local(value: str | None, tz) -> datetime | None:
    return datetime.fromisoformat(value).astimezone(tz) if value else None


def _local_text(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S" if moment.second else "%Y-%m-%dT%H:%M")


def edit_initial(snapshot: dict, tz, *, hidden_subject_refs: set[str], hidden_witnesses: set[int]) -> dict:
    """Initial values for correcting a report, from its snapshot (``records.snapshot``)."""
    occurred = _local(snapshot["occurred_at"], tz)
    incident = {key: snapshot.get(key) for key in INCIDENT_KEYS}
    incident["occurred_at"] = _local_text(occurred)
    for key in ("latitude", "longitude"):
        incident[key] = "" if snapshot.get(key) is None else f"{snapshot[key]:.6f}"
    officers = []
    for o in snapshot["officers"]:
        officers.append({
            "badge": o["badge"], "role": o["role"], "injuries": o["injuries"], "on_duty": o["on_duty"],
            "in_uniform": o["in_uniform"],
            "camera_activated": {True: "yes", False: "no"}.get(o["camera_activated"], ""),
            "claims": list(dict.fromkeys(c["kind"] for c in o["claims"])),
            "claims_json": json.dumps(o["claims"]),
        })
    subjects = []
    for s in snapshot["subjects"]:
        row = {k: s.get(k) for k in ("ref", "name", "age", "age_min", "age_max", "sex", "race", "ethnicity", "armed",
                                     "perceived_threat", "impairments", "resistance", "injuries", "medical_treatment")}
        if s["ref"] in hidden_subject_refs:
            row["name"] = ""
        subjects.append({k: ("" if v is None else v) for k, v in row.items()})
    force = []
    for f in snapshot["force"]:
        at = _local(f["at"], tz)
        if at is not None and occurred is not None and at.date() == occurred.date():
            at_text = at.strftime("%H:%M:%S")
        else:
            at_text = _local_text(at)
        force.append({"officer": f["officer"], "subject": f["subject"], "type": f["type"], "at": at_text,
                      "resistance": f["resistance"], "description": f["description"]})
    witnesses = []
    for i, w in enumerate(snapshot["witnesses"]):
        hidden = i in hidden_witnesses
        witnesses.append({"orig": str(i), "name": "" if hidden else w["name"], "role": w["role"],
                          "contact": "" if hidden else w["contact"], "statement": w["statement"]})
    return {"incident": incident, "officers": officers, "subjects": subjects, "force": force, "witnesses": witnesses}
