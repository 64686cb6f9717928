"""Writing many validated reports at once, for ``actions.import_reports``.

An import writes hundreds of thousands of rows. Building a model instance per row and letting
the ORM compile each ``INSERT`` costs most of the time, so this module turns clean reports
straight into column values and inserts them with ``executemany``. Primary keys of incidents
and subjects, which the other rows point at, are reserved first (a sequence range on
PostgreSQL; on SQLite the write lock is already held, so the next ids are free). Called only
inside the import's transaction; the caller writes the audit entries.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    """The columns of a model's table and how to turn Python values into database values."""

    def __init__(self, model: type[Model], *, with_id: bool):
        # The connection itself, not the ``django.db.connection`` proxy: every attribute read
        # through the proxy costs a context-local lookup, and conversion reads a few per value.
        self.connection = connection = transaction.get_connection()
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        prepared = {"DateTimeField", "DateField", "JSONField", "DecimalField"}
        self.convert = [
            _cached(f.get_db_prep_save) if f.get_internal_type() == "JSONField"
            else f.get_db_prep_save if f.get_internal_type() in prepared else None
            for f in self.fields
        ]
        # Columns a report does not set (new fields with defaults) take the model's default.
        self.defaults = {f.attname: f.get_default() for f in self.fields if f.has_default()}
        q = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in self.fields)}) "
            f"VALUES ({', '.join(['%s'] * len(self.fields))})"
        )

    def insert(self, rows: Iterable[dict]) -> None:
        params = []
        names = [(f.attname, convert) for f, convert in zip(self.fields, self.convert)]
        defaults, connection = self.defaults, self.connection
        for row in rows:
            values = []
            for name, convert in names:
                value = row[name] if name in row else defaults.get(name)
                if convert is not None and value is not None:
                    value = convert(value, connection)
                values.append(value)
            params.append(values)
        if params:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, params)


def _cached(convert):
    """Lists of codes repeat endlessly (``[]``, ``["abrasion"]``): convert each distinct one once."""
    seen: dict[tuple, object] = {}

    def converted(value, conn):
        if isinstance(value, list):
            key = tuple(value)
            if key not in seen:
                seen[key] = convert(value, conn)
            return seen[key]
        return convert(value, conn)

    return converted


def write_reports(agency_id: int, batch: list[CleanReport]) -> list[int]:
    """Insert ``batch`` with all its parts; returns the new incidents' ids, in order."""
    now = timezone.now()
    incident_ids = reserve_ids(Incident, len(batch))
    subject_ids = iter(reserve_ids(Subject, sum(len(c.subjects) for c in batch)))
    incidents, subjects, involvements, force, claims, witnesses = [], [], [], [], [], []
    for incident_id, clean in zip(incident_ids, batch):
        incidents.append({
            "id": incident_id, "agency_id": agency_id, "number": clean.number, "occurred_at": clean.occurred_at,
            "location": clean.location, "latitude": clean.latitude, "longitude": clean.longitude,
            "location_type": clean.location_type, "contact_reason": clean.contact_reason, "offense": clean.offense,
            "narrative": clean.narrative, "nibrs_number": clean.nibrs_number,
            "supervisor_present": clean.supervisor_present, "recording_expected": clean.recording_expected,
            "status": "reported", "reported_by_id": clean.reported_by.pk if clean.reported_by else None,
            "created_at": now, "updated_at": now,
        })
        by_ref = {}
        for s in clean.subjects:
            by_ref[s.ref] = subject_id = next(subject_ids)
            subjects.append({
                "id": subject_id, "incident_id": incident_id, "ref": s.ref, "name": s.name, "age": s.age,
                "age_min": s.age_min, "age_max": s.age_max, "is_juvenile": s.is_juvenile, "sex": s.sex,
                "race": s.race, "ethnicity": s.ethnicity, "impairments": s.impairments, "armed": s.armed,
                "perceived_threat": s.perceived_threat, "resistance": s.resistance, "injuries": s.injuries,
                "medical_treatment": s.medical_treatment,
            })
        officer_ids = {}
        for o in clean.officers:
            officer_ids[o.officer.badge_number] = o.officer.pk
            involvements.append({
                "incident_id": incident_id, "officer_id": o.officer.pk, "role": o.role, "injuries": o.injuries,
                "on_duty": o.on_duty, "in_uniform": o.in_uniform, "camera_activated": o.camera_activated,
            })
            for kind, ref, detail in o.claims:
                claims.append({"incident_id": incident_id, "officer_id": o.officer.pk,
                               "subject_id": by_ref[ref] if ref else None, "kind": kind, "detail": detail})
        for f in clean.force:
            force.append({
                "incident_id": incident_id, "officer_id": officer_ids[f.officer_badge], "subject_id": by_ref[f.subject_ref],
                "force_type": f.force_type, "at": f.at, "subject_resistance": f.resistance, "description": f.description,
            })
        for w in clean.witnesses:
            witnesses.append({"incident_id": incident_id, "name": w.name, "role": w.role, "contact": w.contact,
                              "statement": w.statement})
    for model, rows, with_id in (
        (Incident, incidents, True), (Subject, subjects, True), (OfficerInvolvement, involvements, False),
        (ForceApplication, force, False), (Claim, claims, False), (Witness, witnesses, False),
    ):
        _Table(model, with_id=with_id).insert(rows)
    return incident_ids
