"""Writing many validated reports at once, for ``actions.import_reports``.

An import writes hundreds of thousands of rows. Building a model instance per row and letting
the ORM compile each ``INSERT`` costs most of the time, so this module turns clean reports
straight into column values and inserts them with ``executemany``. Primary keys of incidents
and subjects, which the other rows point at, are reserved first (a sequence range on
PostgreSQL; on SQLite the write lock is already held, so the next ids are free). Called only
inside the import's transaction; the caller writes the audit entries.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from forcereview.records.models import Claim, ForceApplication, Incident, OfficerInvolvement, Subject, Witness
from forcereview.records.validation import CleanReport


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """``count`` primary keys for new rows of ``model`` that nothing else will take."""
    if count == 0:
        return []
    table = model._meta.db_table
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            # The import runs in an IMMEDIATE transaction: no other writer until it commits.
            # sqlite_sequence remembers ids of deleted rows, which AUTOINCREMENT never reuses.
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(highest, row[0] if row else 0) + 1
            return list(range(start, start + count))
    raise NotImplementedError(f"bulk import does not support the {connection.vendor} database")


class _Table:
    """An ``INSERT`` of rows given as tuples of the named columns, in that order. Columns a
    report does not set (new fields with defaults) take the model's default."""

    def __init__(self, model: type[Model], columns: tuple[str, ...]):
        # The connection itself, not the ``django.db.connection`` proxy: every attribute read
        # through the proxy costs a context-local lookup.
        self.connection = connection = transaction.get_connection()
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {', '.join(sorted(unknown))}")
        defaulted = [f for name, f in fields.items() if name not in columns and not f.primary_key]
        self.defaults = tuple(_default(f, connection) for f in defaulted)
        self.conversions = [
            (i, convert) for i, convert in enumerate(_converter(fields[name], connection) for name in columns) if convert
        ]
        q = connection.ops.quote_name
        names = [fields[name].column for name in columns] + [f.column for f in defaulted]
        self.sql = (
            f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(n) for n in names)}) "
            f"VALUES ({', '.join(['%s'] * len(names))})"
        )

    def insert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        conversions, defaults = self.conversions, self.defaults
        if conversions:
            params = []
            for row in rows:
                values = list(row)
                for i, convert in conversions:
                    value = values[i]
                    if value is not None:
                        values[i] = convert(value)
                if defaults:
                    values.extend(defaults)
                params.append(values)
        elif defaults:
            params = [row + defaults for row in rows]
        else:
            params = rows
        with self.connection.cursor() as cursor:
            cursor.executemany(self.sql, params)


def _default(field, connection):
    value = field.get_default() if field.has_default() else None
    convert = _converter(field, connection)
    return convert(value) if convert is not None and value is not None else value


def _converter(field, connection):
    """How a Python value of ``field`` becomes a database value, or None when as it is.

    The same values ``field.get_db_prep_save`` gives, with a shorter way for the common case:
    an import converts over a million of them."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return _cached_json(field, connection)
    if kind == "DateTimeField":
        return _datetime(field, connection)
    if kind in {"DateField", "DecimalField"}:
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _cached_json(field, connection):
    """Lists of codes repeat endlessly (``[]``, ``["abrasion"]``): convert each distinct one once."""
    seen: dict[tuple, object] = {}

    def converted(value):
        if isinstance(value, list):
            key = tuple(value)
            if key not in seen:
                seen[key] = field.get_db_prep_save(value, connection)
            return seen[key]
        return field.get_db_prep_save(value, connection)

    return converted


def _datetime(field, connection):
    """An aware datetime as Django stores it: on SQLite the text of the time in the
    connection's time zone (``DatabaseOperations.adapt_datetimefield_value``); PostgreSQL
    takes the datetime itself. Anything else goes through the field."""

    def general(value):
        return field.get_db_prep_save(value, connection)

    if not settings.USE_TZ or connection.vendor not in ("sqlite", "postgresql"):
        return general
    zone = connection.timezone
    keeps_zone = connection.vendor == "postgresql"
    last = [None, None]  # created_at and updated_at are one value for a whole batch

    def converted(value):
        if value is last[0]:
            return last[1]
        if type(value) is not datetime or value.utcoffset() is None:
            return general(value)
        out = value if keeps_zone else str(value.astimezone(zone).replace(tzinfo=None))
        last[0], last[1] = value, out
        return out

    return converted


INCIDENT_COLUMNS = (
    "id", "agency_id", "number", "occurred_at", "location", "latitude", "longitude", "location_type",
    "contact_reason", "offense", "narrative", "nibrs_number", "supervisor_present", "recording_expected",
    "status", "reported_by_id", "created_at", "updated_at",
)
SUBJECT_COLUMNS = (
    "id", "incident_id", "ref", "name", "age", "age_min", "age_max", "is_juvenile", "sex", "race", "ethnicity",
    "impairments", "armed", "perceived_threat", "resistance", "injuries", "medical_treatment",
)
INVOLVEMENT_COLUMNS = ("incident_id", "officer_id", "role", "injuries", "on_duty", "in_uniform", "camera_activated")
FORCE_COLUMNS = ("incident_id", "officer_id", "subject_id", "force_type", "at", "subject_resistance", "description")
CLAIM_COLUMNS = ("incident_id", "officer_id", "subject_id", "kind", "detail")
WITNESS_COLUMNS = ("incident_id", "name", "role", "contact", "statement")


def write_reports(agency_id: int, batch: list[CleanReport]) -> list[int]:
    """Insert ``batch`` with all its parts; returns the new incidents' ids, in order."""
    now = timezone.now()
    incident_ids = reserve_ids(Incident, len(batch))
    subject_ids = iter(reserve_ids(Subject, sum(len(c.subjects) for c in batch)))
    incidents, subjects, involvements, force, claims, witnesses = [], [], [], [], [], []
    for incident_id, clean in zip(incident_ids, batch):
        reported_by = clean.reported_by
        incidents.append((
            incident_id, agency_id, clean.number, clean.occurred_at, clean.location, clean.latitude,
            clean.longitude, clean.location_type, clean.contact_reason, clean.offense, clean.narrative,
            clean.nibrs_number, clean.supervisor_present, clean.recording_expected, "reported",
            reported_by.pk if reported_by else None, now, now,
        ))
        by_ref = {}
        for s in clean.subjects:
            by_ref[s.ref] = subject_id = next(subject_ids)
            subjects.append((
                subject_id, incident_id, s.ref, s.name, s.age, s.age_min, s.age_max, s.is_juvenile, s.sex,
                s.race, s.ethnicity, s.impairments, s.armed, s.perceived_threat, s.resistance, s.injuries,
                s.medical_treatment,
            ))
        officer_ids = {}
        for o in clean.officers:
            officer_id = o.officer.pk
            officer_ids[o.officer.badge_number] = officer_id
            involvements.append((
                incident_id, officer_id, o.role, o.injuries, o.on_duty, o.in_uniform, o.camera_activated,
            ))
            for kind, ref, detail in o.claims:
                claims.append((incident_id, officer_id, by_ref[ref] if ref else None, kind, detail))
        for f in clean.force:
            force.append((
                incident_id, officer_ids[f.officer_badge], by_ref[f.subject_ref], f.force_type, f.at,
                f.resistance, f.description,
            ))
        for w in clean.witnesses:
            witnesses.append((incident_id, w.name, w.role, w.contact, w.statement))
    for model, columns, rows in (
        (Incident, INCIDENT_COLUMNS, incidents), (Subject, SUBJECT_COLUMNS, subjects),
        (OfficerInvolvement, INVOLVEMENT_COLUMNS, involvements), (ForceApplication, FORCE_COLUMNS, force),
        (Claim, CLAIM_COLUMNS, claims), (Witness, WITNESS_COLUMNS, witnesses),
    ):
        _Table(model, columns).insert(rows)
    return incident_ids
