"""Incidents as people read them: labels instead of codes, the flags a reviewer scans for,
identities hidden from readers who may not see them.

Pages build these from incidents already read through ``records.access``; nothing here
decides who may see an incident, only how much of it a permitted reader is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from forcereview.records import vocab
from forcereview.records.access import status_seen_by
from forcereview.records.models import ForceApplication, Incident, Officer, OfficerInvolvement, Subject, Witness

YOUNG_CHILD_AGE = 12  # many agencies bar handcuffing children of 12 and under
REDACTED = "Name withheld"
DEATH_CODES = frozenset({"death"})
SEVERE_FORCE = {"firearm_discharged": "firearm", "neck_restraint": "neck_restraint", "canine": "canine"}


@dataclass(frozen=True)
class Flag:
    """A fact a reviewer looks for first, shown as a badge (``code`` picks its colour)."""

    code: str
    label: str


def flags_for(location_type: str, subjects: Iterable[Subject], force_types: Iterable[str]) -> list[Flag]:
    subjects = list(subjects)
    force_types = set(force_types)
    injuries = {code for s in subjects for code in (s.injuries or [])}
    treatments = {s.medical_treatment for s in subjects}
    flags: list[Flag] = []
    if injuries & DEATH_CODES or "died" in treatments:
        flags.append(Flag("death", "Death"))
    elif injuries & vocab.SERIOUS_INJURIES or "hospital_admitted" in treatments:
        flags.append(Flag("serious_injury", "Serious injury"))
    if any(s.is_juvenile for s in subjects):
        youngest = min((s.youngest_age for s in subjects if s.youngest_age is not None), default=None)
        if youngest is not None and youngest <= YOUNG_CHILD_AGE:
            flags.append(Flag("young_child", f"Child aged {youngest}"))
        else:
            flags.append(Flag("juvenile", "Juvenile"))
    if location_type == "school":
        flags.append(Flag("school", "At a school"))
    for code, flag in SEVERE_FORCE.items():
        if code in force_types:
            flags.append(Flag(flag, vocab.FORCE_TYPES.label(code)))
    return flags


def injury_labels(injuries: Iterable[str]) -> list[str]:
    """Injury codes as labels, most serious first, without 'No injury'."""
    codes = [c for c in dict.fromkeys(injuries) if c != "none"]
    order = {t.code: i for i, t in enumerate(vocab.INJURY_TYPES)}
    return [vocab.INJURY_TYPES.label(c) for c in sorted(codes, key=lambda c: -order.get(c, -1))]


# -- the incident list: one row per incident, built from a handful of queries per page ----------


@dataclass(frozen=True)
class SubjectFacts:
    """What a list row needs of a subject (read with ``values()``, no model instances)."""

    age: int | None
    age_min: int | None
    is_juvenile: bool
    injuries: list
    medical_treatment: str

    @property
    def youngest_age(self) -> int | None:
        return self.age if self.age is not None else self.age_min


@dataclass
class IncidentRow:
    """One incident of a list, every value ready to print: a page of fifty renders fast."""

    pk: int
    url: str
    number: str
    date_text: str
    time_text: str
    location_label: str
    status: str
    status_label: str
    primary_name: str
    primary_badge: str
    force_text: str
    has_juvenile: bool
    injury_text: str
    flags: list[Flag]


def incident_rows(incidents: list[Incident], *, reader) -> list[IncidentRow]:
    """Rows for a page of incidents, each status as ``reader`` is shown it: three extra
    queries however long the page is."""
    ids = [i.pk for i in incidents]
    primaries: dict[int, tuple[str, str]] = {}
    for row in (OfficerInvolvement.objects.filter(incident_id__in=ids, role="primary").order_by("id")
                .values_list("incident_id", "officer__first_name", "officer__last_name", "officer__badge_number")):
        primaries.setdefault(row[0], (f"{row[1]} {row[2]}", row[3]))
    force: dict[int, list[str]] = {}
    for incident_id, code in (ForceApplication.objects.filter(incident_id__in=ids).order_by("at", "id")
                              .values_list("incident_id", "force_type")):
        force.setdefault(incident_id, []).append(code)
    subjects: dict[int, list[SubjectFacts]] = {}
    for incident_id, *facts in (Subject.objects.filter(incident_id__in=ids).order_by("id")
                                .values_list("incident_id", "age", "age_min", "is_juvenile", "injuries",
                                             "medical_treatment")):
        subjects.setdefault(incident_id, []).append(SubjectFacts(*facts))
    detail_url = reverse("records:incident_detail", args=[0]).replace("/0/", "/{}/")
    rows = []
    for incident in incidents:
        force_types = force.get(incident.pk, [])
        people = subjects.get(incident.pk, [])
        primary = primaries.get(incident.pk)
        if primary is None and incident.reported_by_id:
            primary = (incident.reported_by.full_name, incident.reported_by.badge_number)
        local = timezone.localtime(incident.occurred_at)
        status = status_seen_by(reader, incident.status)
        rows.append(
            IncidentRow(
                pk=incident.pk,
                url=detail_url.format(incident.pk),
                number=incident.number,
                date_text=f"{local.day} {local:%b %Y}",
                time_text=f"{local:%H:%M}",
                location_label=vocab.LOCATION_TYPES.label(incident.location_type),
                status=status,
                status_label=vocab.INCIDENT_STATUS.label(status),
                primary_name=primary[0] if primary else "",
                primary_badge=primary[1] if primary else "",
                force_text=", ".join(vocab.FORCE_TYPES.label(c) for c in dict.fromkeys(force_types)),
                has_juvenile=any(s.is_juvenile for s in people),
                injury_text=", ".join(injury_labels(c for s in people for c in (s.injuries or []))),
                flags=flags_for(incident.location_type, people, force_types),
            )
        )
    return rows


# -- the incident page -------------------------------------------------------------------------


@dataclass
class ClaimView:
    label: str
    subject: str
    detail: str


@dataclass
class OfficerView:
    officer: Officer
    role: str
    role_code: str
    injuries: list[str]
    on_duty: bool
    in_uniform: bool
    camera: str
    claims: list[ClaimView]


@dataclass
class SubjectView:
    ref: str
    name: str
    name_hidden: bool
    age: str
    is_juvenile: bool
    sex: str
    race: str
    ethnicity: str
    impairments: list[str]
    armed: str
    perceived_threat: bool
    resistance: list[str]
    injuries: list[str]
    treatment: str
    flags: list[Flag] = field(default_factory=list)


@dataclass
class ForceView:
    at: object  # datetime or None
    officer: Officer
    subject: str
    label: str
    code: str
    resistance: str
    description: str


@dataclass
class WitnessView:
    name: str
    name_hidden: bool
    role: str
    contact: str
    statement: str


@dataclass
class IncidentView:
    incident: Incident
    status: str  # as this reader is shown it (``records.access.status_seen_by``)
    status_label: str
    flags: list[Flag]
    officers: list[OfficerView]
    subjects: list[SubjectView]
    force: list[ForceView]
    witnesses: list[WitnessView]


def _labels(vocabulary: vocab.Vocabulary, codes: Iterable[str]) -> list[str]:
    return [vocabulary.label(c) for c in codes]


def _camera(value: bool | None) -> str:
    return "Activated" if value else "Not activated" if value is False else "Not recorded"


def subject_label(s: Subject) -> str:
    """How a subject is named where identities are not shown: reference, age, sex."""
    parts = [s.ref, f"age {s.age_text}"]
    if s.sex and s.sex != "unknown":
        parts.append(vocab.SEX.label(s.sex).lower())
    return ", ".join(parts)


def incident_view(
    incident: Incident,
    *,
    reader,
    hide_subject: Callable[[Subject], bool],
    hide_witness: Callable[[Witness], bool],
) -> IncidentView:
    """Everything recorded about ``incident`` (read with ``INCIDENT_PREFETCH``), for one reader."""
    prefetch_related_objects([incident], "involvements__officer__unit")
    subjects = list(incident.subjects.all())
    subject_by_id = {s.pk: s for s in subjects}
    claims = list(incident.claims.all())
    force_rows = sorted(
        incident.force_applications.all(),
        key=lambda f: (f.at is None, f.at or incident.occurred_at, f.pk),
    )
    officers = [
        OfficerView(
            officer=inv.officer,
            role=vocab.INVOLVEMENT_ROLES.label(inv.role).split(" (")[0],
            role_code=inv.role,
            injuries=injury_labels(inv.injuries or []),
            on_duty=inv.on_duty,
            in_uniform=inv.in_uniform,
            camera=_camera(inv.camera_activated),
            claims=[
                ClaimView(
                    vocab.CLAIMS.label(c.kind),
                    subject_label(subject_by_id[c.subject_id]) if c.subject_id in subject_by_id else "",
                    c.detail,
                )
                for c in claims
                if c.officer_id == inv.officer_id
            ],
        )
        for inv in incident.involvements.all()
    ]
    subject_views = []
    for s in subjects:
        hidden = bool(s.name) and hide_subject(s)
        subject_views.append(
            SubjectView(
                ref=s.ref,
                name=REDACTED if hidden else s.name,
                name_hidden=hidden,
                age=s.age_text,
                is_juvenile=s.is_juvenile,
                sex=vocab.SEX.label(s.sex),
                race=vocab.RACE.label(s.race) if s.race else "Not recorded",
                ethnicity=vocab.ETHNICITY.label(s.ethnicity) if s.ethnicity else "Not recorded",
                impairments=_labels(vocab.IMPAIRMENTS, s.impairments or []),
                armed=vocab.ARMED.label(s.armed),
                perceived_threat=s.perceived_threat,
                resistance=_labels(vocab.RESISTANCE_TYPES, s.resistance or []),
                injuries=injury_labels(s.injuries or []),
                treatment=vocab.MEDICAL_TREATMENT.label(s.medical_treatment),
                flags=flags_for("", [s], (f.force_type for f in force_rows if f.subject_id == s.pk)),
            )
        )
    force = [
        ForceView(
            at=f.at,
            officer=f.officer,
            subject=subject_label(subject_by_id[f.subject_id]) if f.subject_id in subject_by_id else "",
            label=vocab.FORCE_TYPES.label(f.force_type),
            code=f.force_type,
            resistance=vocab.RESISTANCE_TYPES.label(f.subject_resistance) if f.subject_resistance else "",
            description=f.description,
        )
        for f in force_rows
    ]
    witnesses = []
    for w in incident.witnesses.all():
        hidden = hide_witness(w)
        witnesses.append(
            WitnessView(
                name=REDACTED if hidden else w.name,
                name_hidden=hidden,
                role=vocab.WITNESS_ROLES.label(w.role),
                contact="" if hidden else w.contact,
                statement=w.statement,
            )
        )
    status = status_seen_by(reader, incident.status)
    return IncidentView(
        incident=incident,
        status=status,
        status_label=vocab.INCIDENT_STATUS.label(status),
        flags=flags_for(incident.location_type, subjects, (f.force_type for f in force_rows)),
        officers=officers,
        subjects=subject_views,
        force=force,
        witnesses=witnesses,
    )
