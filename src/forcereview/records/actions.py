"""Every write to records: validate, write in one transaction, append the audit entry.

Views, the API, the importer and the demo loader call these functions; nothing else writes
records models.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.db import transaction

from forcereview.audit.actions import Change, diff, record, record_imported
from forcereview.records import vocab
from forcereview.records.models import (
    Agency,
    Claim,
    ForceApplication,
    Incident,
    Officer,
    OfficerInvolvement,
    Subject,
    Unit,
    Witness,
)
from forcereview.records.snapshot import INCIDENT_PREFETCH, incident_snapshot
from forcereview.records.validation import (
    CleanReport,
    Context,
    FieldError,
    ReportInvalid,
    validate,
)


class RecordInvalid(ValueError):
    """A write refused for a reason that is not a report field (e.g. a duplicate badge)."""

    def __init__(self, field: str, message: str):
        self.errors = [FieldError(field, message)]
        super().__init__(f"{field}: {message}")


# -- agencies, units and officers --------------------------------------------------------------


def _reaches(start, target, up: str) -> bool:
    """Whether following ``up`` (parent, supervisor) from ``start`` arrives at ``target``: the
    change would make a loop. Stops on a loop already stored rather than walking forever."""
    walker, seen = start, set()
    while walker is not None and walker.pk not in seen:
        if walker.pk == target.pk:
            return True
        seen.add(walker.pk)
        walker = getattr(walker, up)
    return False


def _save_changes(obj, fields, changes: dict, action: str, *, by, **audit):
    """Apply checked ``changes`` to a locked fresh copy of ``obj``; audit what really changed."""
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        before = _model_dict(obj, fields)
        for key, value in changes.items():
            setattr(obj, key, value)
        obj.save()
        old, new = diff(before, _model_dict(obj, fields))
        if new:
            record(action, obj, by=by, before=old, after=new, **audit)
    return obj


def _model_dict(obj, fields: Iterable[str]) -> dict:
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


AGENCY_FIELDS = ("name", "slug", "ori", "state", "timezone")
UNIT_FIELDS = ("name", "kind", "parent_id")
OFFICER_FIELDS = (
    "first_name", "last_name", "badge_number", "rank", "assignment", "unit_id", "supervisor_id",
    "hire_date", "status", "email",
)


def create_agency(*, by, name: str, slug: str, ori: str = "", state: str = "", timezone: str = "America/Denver") -> Agency:
    try:
        ZoneInfo(timezone)
    except Exception:
        raise RecordInvalid("timezone", f"{timezone!r} is not a known time zone") from None
    if not name or not name.strip():
        raise RecordInvalid("name", "give the agency's name")
    if Agency.objects.filter(slug=slug).exists():
        raise RecordInvalid("slug", f"an agency with the code {slug!r} already exists")
    with transaction.atomic():
        agency = Agency.objects.create(name=name, slug=slug, ori=ori, state=state, timezone=timezone)
        record("agency.created", agency, by=by, agency_id=agency.pk, after=_model_dict(agency, AGENCY_FIELDS))
    return agency


def _check_unit_fields(agency: Agency, fields: dict, unit: Unit | None = None) -> None:
    if "name" in fields:
        name = fields["name"]
        if not name or not name.strip():
            raise RecordInvalid("name", "give the unit a name")
        if len(name) > 120:
            raise RecordInvalid("name", f"is too long ({len(name)} characters, at most 120)")
        clash = Unit.objects.filter(agency=agency, name__iexact=name.strip())
        if unit is not None:
            clash = clash.exclude(pk=unit.pk)
        if clash.exists():
            raise RecordInvalid("name", f"the agency already has a unit named {name.strip()!r}")
    if "kind" in fields and fields["kind"] not in vocab.UNIT_KINDS:
        raise RecordInvalid("kind", f"{fields['kind']!r} is not a known unit kind")
    parent = fields.get("parent")
    if parent is not None:
        if parent.agency_id != agency.pk:
            raise RecordInvalid("parent", "the parent unit belongs to another agency")
        if unit is not None and _reaches(parent, unit, "parent"):
            what = "itself" if parent.pk == unit.pk else f"{parent.name}, which is part of {unit.name}"
            raise RecordInvalid("parent", f"{unit.name} cannot be part of {what}: units would form a loop")


def create_unit(agency: Agency, *, by, name: str, kind: str, parent: Unit | None = None) -> Unit:
    _check_unit_fields(agency, {"name": name, "kind": kind, "parent": parent})
    with transaction.atomic():
        unit = Unit.objects.create(agency=agency, name=name.strip(), kind=kind, parent=parent)
        record("unit.created", unit, by=by, agency_id=agency.pk, after=_model_dict(unit, UNIT_FIELDS))
    return unit


def update_unit(unit: Unit, *, by, **changes) -> Unit:
    """Rename a unit, change its kind, or place it under another unit."""
    unknown = set(changes) - {"name", "kind", "parent"}
    if unknown:
        raise RecordInvalid(sorted(unknown)[0], "is not a unit field")
    _check_unit_fields(unit.agency, changes, unit)
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    return _save_changes(unit, UNIT_FIELDS, changes, "unit.updated", by=by, agency_id=unit.agency_id)


def _check_officer_fields(agency: Agency, fields: dict, officer: Officer | None = None) -> None:
    for key, limit in (("first_name", 80), ("last_name", 80), ("badge_number", 20)):
        if key in fields:
            value = fields[key]
            if not isinstance(value, str) or not value.strip():
                raise RecordInvalid(key, "is required")
            if len(value) > limit:
                raise RecordInvalid(key, f"is too long ({len(value)} characters, at most {limit})")
    if "email" in fields and fields["email"]:
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        try:
            validate_email(fields["email"])
        except ValidationError:
            raise RecordInvalid("email", f"{fields['email']!r} is not an email address") from None
    for key, vocabulary in (("rank", vocab.RANKS), ("assignment", vocab.ASSIGNMENTS), ("status", vocab.OFFICER_STATUS)):
        if key in fields and fields[key] not in vocabulary:
            raise RecordInvalid(key, f"{fields[key]!r} is not a known {vocabulary.name}")
    supervisor = fields.get("supervisor")
    if supervisor is not None:
        if supervisor.agency_id != agency.pk:
            raise RecordInvalid("supervisor", "the supervisor belongs to another agency")
        if officer is not None and _reaches(supervisor, officer, "supervisor"):
            if supervisor.pk == officer.pk:
                raise RecordInvalid("supervisor", f"{officer.full_name} cannot supervise themself")
            raise RecordInvalid(
                "supervisor",
                f"{supervisor.full_name} is below {officer.full_name} in the chain of command, so "
                f"{officer.full_name} would end up supervising themself (a loop)",
            )
    unit = fields.get("unit")
    if unit is not None and unit.agency_id != agency.pk:
        raise RecordInvalid("unit", "the unit belongs to another agency")
    badge = fields.get("badge_number")
    if badge is not None:
        clash = Officer.objects.filter(agency=agency, badge_number=badge)
        if officer is not None:
            clash = clash.exclude(pk=officer.pk)
        if clash.exists():
            raise RecordInvalid("badge_number", f"badge #{badge} is already used in this agency")


def create_officer(agency: Agency, *, by, first_name: str, last_name: str, badge_number: str, hire_date: date,
                   rank: str = "officer", assignment: str = "patrol", unit: Unit | None = None,
                   supervisor: Officer | None = None, status: str = "active", email: str = "") -> Officer:
    fields = dict(first_name=first_name, last_name=last_name, badge_number=badge_number, hire_date=hire_date,
                  rank=rank, assignment=assignment, unit=unit, supervisor=supervisor, status=status, email=email)
    _check_officer_fields(agency, fields)
    with transaction.atomic():
        officer = Officer.objects.create(agency=agency, **fields)
        record("officer.created", officer, by=by, agency_id=agency.pk, after=_model_dict(officer, OFFICER_FIELDS))
    return officer


def update_officer(officer: Officer, *, by, **changes) -> Officer:
    """Change an officer's record (rank, unit, supervisor, status, ...)."""
    allowed = {"first_name", "last_name", "badge_number", "rank", "assignment", "unit", "supervisor",
               "hire_date", "status", "email"}
    unknown = set(changes) - allowed
    if unknown:
        raise RecordInvalid(sorted(unknown)[0], "is not an officer field")
    _check_officer_fields(officer.agency, changes, officer)
    return _save_changes(officer, OFFICER_FIELDS, changes, "officer.updated", by=by)


# -- incidents -----------------------------------------------------------------------------------


def validation_context(agency: Agency, *, current: Incident | None = None, numbers: bool = True) -> Context:
    officers = {o.badge_number: o for o in Officer.objects.filter(agency=agency)}
    taken: set[str] = set()
    if numbers:
        taken = set(Incident.objects.filter(agency=agency).values_list("number", flat=True))
    return Context(
        timezone=ZoneInfo(agency.timezone),
        officers_by_badge=officers,
        taken_numbers=taken,
        current_number=current.number if current else None,
    )


def check_report(agency: Agency, data: dict, *, current: Incident | None = None) -> CleanReport:
    """Validate without writing (the form's and API's first step, and the import's dry run)."""
    ctx = validation_context(agency, current=current, numbers=False)
    numbers = Incident.objects.filter(agency=agency, number=str(data.get("number", "")).strip()) if isinstance(data, dict) else None
    if numbers is not None:
        ctx.taken_numbers = set(numbers.values_list("number", flat=True))
    return validate(data, ctx)


def _incident_fields(clean: CleanReport) -> dict:
    return dict(
        number=clean.number,
        occurred_at=clean.occurred_at,
        location=clean.location,
        latitude=clean.latitude,
        longitude=clean.longitude,
        location_type=clean.location_type,
        contact_reason=clean.contact_reason,
        offense=clean.offense,
        narrative=clean.narrative,
        nibrs_number=clean.nibrs_number,
        supervisor_present=clean.supervisor_present,
        recording_expected=clean.recording_expected,
        reported_by=clean.reported_by,
    )


@dataclass
class _Children:
    subjects: list[Subject]
    involvements: list[OfficerInvolvement]
    force: list[ForceApplication]
    claims: list[Claim]
    witnesses: list[Witness]


def _subjects(incident: Incident, clean: CleanReport) -> list[Subject]:
    return [
        Subject(
            incident=incident, ref=s.ref, name=s.name, age=s.age, age_min=s.age_min, age_max=s.age_max,
            is_juvenile=s.is_juvenile, sex=s.sex, race=s.race, ethnicity=s.ethnicity,
            impairments=s.impairments, armed=s.armed, perceived_threat=s.perceived_threat,
            resistance=s.resistance, injuries=s.injuries, medical_treatment=s.medical_treatment,
        )
        for s in clean.subjects
    ]


def _dependents(incident: Incident, clean: CleanReport, subjects_by_ref: dict[str, Subject]) -> _Children:
    officers = {o.officer.badge_number: o.officer for o in clean.officers}
    return _Children(
        subjects=list(subjects_by_ref.values()),
        involvements=[
            OfficerInvolvement(
                incident=incident, officer=o.officer, role=o.role, injuries=o.injuries, on_duty=o.on_duty,
                in_uniform=o.in_uniform, camera_activated=o.camera_activated,
            )
            for o in clean.officers
        ],
        force=[
            ForceApplication(
                incident=incident, officer=officers[f.officer_badge], subject=subjects_by_ref[f.subject_ref],
                force_type=f.force_type, at=f.at, subject_resistance=f.resistance, description=f.description,
            )
            for f in clean.force
        ],
        claims=[
            Claim(incident=incident, officer=o.officer, subject=subjects_by_ref.get(ref) if ref else None,
                  kind=kind, detail=detail)
            for o in clean.officers
            for kind, ref, detail in o.claims
        ],
        witnesses=[
            Witness(incident=incident, name=w.name, role=w.role, contact=w.contact, statement=w.statement)
            for w in clean.witnesses
        ],
    )


def _write_children(incident: Incident, clean: CleanReport) -> None:
    subjects = Subject.objects.bulk_create(_subjects(incident, clean))
    children = _dependents(incident, clean, {s.ref: s for s in subjects})
    OfficerInvolvement.objects.bulk_create(children.involvements)
    ForceApplication.objects.bulk_create(children.force)
    Claim.objects.bulk_create(children.claims)
    Witness.objects.bulk_create(children.witnesses)


def _snapshot(incident: Incident) -> dict:
    fresh = Incident.objects.prefetch_related(*INCIDENT_PREFETCH).select_related("reported_by").get(pk=incident.pk)
    return incident_snapshot(fresh)


# Hooks other apps register to react to a new or changed incident inside the same
# transaction (policy evaluation, review routing). Listed here, called in order.
INCIDENT_CHANGED_HOOKS: list[Callable[[Incident, str, object], None]] = []


def _run_hooks(incident: Incident, event: str, by) -> None:
    for hook in INCIDENT_CHANGED_HOOKS:
        hook(incident, event, by)


def create_incident(agency: Agency, data: dict, *, by) -> Incident:
    """File a use-of-force report. Raises ``ReportInvalid`` and writes nothing on any error."""
    clean = check_report(agency, data)
    with transaction.atomic():
        incident = Incident.objects.create(agency=agency, **_incident_fields(clean))
        _write_children(incident, clean)
        record("incident.created", incident, by=by, agency_id=agency.pk, after=_snapshot(incident))
        _run_hooks(incident, "created", by)
    return incident


def update_incident(incident: Incident, data: dict, *, by, note: str = "") -> Incident:
    """Replace an incident's facts with ``data`` (a whole report). Nested subjects, officers,
    force applications and witnesses are replaced; the audit entry keeps what changed."""
    clean = check_report(incident.agency, data, current=incident)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        before = _snapshot(incident)
        for key, value in _incident_fields(clean).items():
            setattr(incident, key, value)
        incident.save()
        for model in (Claim, ForceApplication, OfficerInvolvement, Witness, Subject):
            model.objects.filter(incident=incident).delete()
        _write_children(incident, clean)
        old, new = diff(before, _snapshot(incident))
        if new:
            record("incident.updated", incident, by=by, before=old, after=new, note=note)
            _run_hooks(incident, "updated", by)
    return incident


def set_incident_status(incident: Incident, status: str, *, by, note: str = "") -> Incident:
    if status not in vocab.INCIDENT_STATUS:
        raise RecordInvalid("status", f"{status!r} is not a known incident status")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if incident.status != status:
            before = incident.status
            incident.status = status
            incident.save(update_fields=["status", "updated_at"])
            record("incident.status_changed", incident, by=by, before={"status": before},
                   after={"status": status}, note=note)
    return incident


# -- bulk import -------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    count: int
    errors: list[tuple[str, FieldError]]  # (where in the file, error)
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.errors


def import_reports(
    agency: Agency,
    reports: Iterable[tuple[str, dict]],
    *,
    by,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
    batch_size: int = 2000,
) -> ImportResult:
    """Validate every report, then write all of them in one transaction, or none.

    ``reports`` yields (location, report) pairs; location names where each report came from
    in the file ("row 12", "item 3") so every error can point at it. A reader that already
    found problems in a report yields (location, ``ReportInvalid``) instead; they count as
    errors like the validator's. ``progress(stage, n)`` is told how many reports are
    "checked", then how many "written".
    """
    with _no_cycle_collection():
        return _import_reports(agency, reports, by=by, dry_run=dry_run, progress=progress, batch_size=batch_size)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """An import keeps every cleaned report in memory until it writes (millions of objects
    at 100,000 incidents, none of them in reference cycles). Python's cycle collector would
    walk all of them again and again as they pile up, which cost a fifth of the import's time;
    it resumes when the import is over, reference counting frees everything meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# SQLite's page cache while an import writes, in KiB. The default (2 MiB) is far smaller than
# the indexes a large import updates at random places, and pages pushed out of the cache are
# written to the log and read back; a larger cache saved a tenth of the write at 100,000 incidents.
IMPORT_PAGE_CACHE_KIB = 256 * 1024


@contextmanager
def _import_page_cache() -> Iterator[None]:
    """A larger SQLite page cache for the import's transaction, and the previous size again
    afterwards (it is a setting of the connection, not of the database)."""
    connection = transaction.get_connection()
    if connection.vendor != "sqlite":
        yield
        return
    # On the driver's connection: restoring must work even when the transaction failed.
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size = {-IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(previous)}")


def _import_reports(agency, reports, *, by, dry_run, progress, batch_size) -> ImportResult:
    ctx = validation_context(agency)
    seen: dict[str, str] = {}
    cleaned: list[CleanReport] = []
    errors: list[tuple[str, FieldError]] = []
    for n, (where, data) in enumerate(reports, 1):
        if isinstance(data, ReportInvalid):
            errors.extend((where, e) for e in data.errors)
            continue
        try:
            clean = validate(data, ctx)
        except ReportInvalid as exc:
            errors.extend((where, e) for e in exc.errors)
        else:
            if clean.number in seen:
                errors.append((where, FieldError("number", f"incident number {clean.number!r} appears twice in the file (first at {seen[clean.number]})")))
            else:
                seen[clean.number] = where
                cleaned.append(clean)
        if progress and n % 1000 == 0:
            progress("checked", n)
    if errors or dry_run:
        return ImportResult(len(cleaned) if not errors else 0, errors, dry_run)

    written = 0
    with transaction.atomic(), _import_page_cache():
        for start in range(0, len(cleaned), batch_size):
            batch = cleaned[start : start + batch_size]
            _write_batch(agency, batch, by=by)
            written += len(batch)
            if progress:
                progress("written", written)
    return ImportResult(written, [], False)


def _write_batch(agency: Agency, batch: list[CleanReport], *, by) -> None:
    from forcereview.records.bulk import write_reports

    ids = write_reports(agency.pk, batch)
    record_imported(
        [
            Change(
                action="incident.imported",
                object_type="records.incident",
                object_id=str(pk),
                object_repr=f"Incident {clean.number}",
                after=_clean_summary(clean),
                agency_id=agency.pk,
            )
            for pk, clean in zip(ids, batch)
        ],
        by=by,
    )
    if INCIDENT_CHANGED_HOOKS:
        by_pk = Incident.objects.in_bulk(ids)
        for pk in ids:
            _run_hooks(by_pk[pk], "imported", by)


def _clean_summary(clean: CleanReport) -> dict:
    """The imported facts, as the audit entry keeps them."""
    return {
        "number": clean.number,
        "occurred_at": clean.occurred_at.isoformat(),
        "location": clean.location,
        "location_type": clean.location_type,
        "contact_reason": clean.contact_reason,
        "narrative": clean.narrative,
        "officers": [{"badge": o.officer.badge_number, "role": o.role, "claims": [k for k, _, _ in o.claims]} for o in clean.officers],
        "subjects": [{"ref": s.ref, "age": s.age, "age_min": s.age_min, "age_max": s.age_max, "injuries": s.injuries} for s in clean.subjects],
        "force": [{"officer": f.officer_badge, "subject": f.subject_ref, "type": f.force_type} for f in clean.force],
        "witnesses": len(clean.witnesses),
    }
