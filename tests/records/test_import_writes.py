"""The import's fast writer stores exactly what filing a report one by one stores."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from forcereview.audit.verify import verify_chain
from forcereview.records.actions import create_incident, import_reports, update_incident
from forcereview.records.models import Incident
from forcereview.records.snapshot import INCIDENT_PREFETCH, incident_snapshot
from tests.conftest import report


def _snapshot(number):
    incident = Incident.objects.prefetch_related(*INCIDENT_PREFETCH).select_related("reported_by").get(number=number)
    data = incident_snapshot(incident)
    data.pop("id")
    data.pop("number")
    return incident, data


def _rich_report(number):
    data = report(number=number, latitude="35.084386", longitude=-106.650422, offense="battery",
                  supervisor_present=True, nibrs_number="N-1")
    data["subjects"].append({"ref": "S2", "age_min": 20, "age_max": 30, "impairments": ["alcohol"],
                             "injuries": ["none"], "armed": "knife"})
    data["officers"][0]["claims"].append({"kind": "subject_armed", "subject": "S2", "detail": "knife in hand"})
    data["officers"][0]["injuries"] = ["abrasion"]
    data["officers"][0]["camera_activated"] = False
    data["force"].append({"officer": "101", "subject": "S2", "type": "oc_spray",
                          "at": "2019-08-27T12:07:00-06:00", "description": "one burst"})
    return data


def test_imported_incident_equals_a_filed_one(world):
    create_incident(world.agency, _rich_report("FILED-1"), by=None)
    result = import_reports(world.agency, [("item 1", _rich_report("IMPORTED-1"))], by=None)
    assert result.ok
    filed, filed_data = _snapshot("FILED-1")
    imported, imported_data = _snapshot("IMPORTED-1")
    assert imported_data == filed_data
    assert imported.created_at is not None and imported.updated_at is not None
    assert imported.subjects.get(ref="S1").is_juvenile and not imported.subjects.get(ref="S2").is_juvenile


def test_imported_incidents_can_be_corrected_and_the_chain_verifies(world):
    result = import_reports(world.agency, [(f"item {n}", report(number=f"I-{n}")) for n in range(5)], by=None,
                            batch_size=2)
    assert result.ok and result.count == 5
    incident = Incident.objects.get(number="I-3")
    entry = AuditEntry.objects.get(action="incident.imported", object_id=str(incident.pk))
    assert entry.after["number"] == "I-3" and entry.object_repr == "Incident I-3"
    update_incident(incident, report(number="I-3", narrative="Corrected."), by=world.users["command"])
    create_incident(world.agency, report(number="AFTER-1"), by=None)  # ids continue after the imported ones
    assert verify_chain().ok


def test_ids_are_not_reused_after_rows_are_deleted(world):
    """Correcting a report deletes and re-creates its subjects; an import afterwards must not
    hand out a deleted subject's id again."""
    from forcereview.records.models import Subject

    incident = create_incident(world.agency, report(number="A-1"), by=None)
    first_ids = set(Subject.objects.values_list("pk", flat=True))
    update_incident(incident, report(number="A-1", narrative="changed"), by=None)
    import_reports(world.agency, [("item 1", report(number="B-1"))], by=None)
    imported = set(Subject.objects.filter(incident__number="B-1").values_list("pk", flat=True))
    assert not imported & first_ids


def _stored(table, columns, where_sql, params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where_sql} ORDER BY id", params)
        return cursor.fetchall()


def test_imported_rows_are_stored_as_the_orm_stores_them(world):
    """Compared as the database holds them, not as read back through the ORM: dates and
    times, decimals and lists of codes take the same stored form either way."""
    create_incident(world.agency, _rich_report("FILED-2"), by=None)
    assert import_reports(world.agency, [("item 1", _rich_report("IMPORTED-2"))], by=None).ok
    ids = {n: Incident.objects.get(number=n).pk for n in ("FILED-2", "IMPORTED-2")}

    def stored(number):
        incident = _stored("records_incident", ["occurred_at", "latitude", "longitude", "offense", "status"],
                           "id = %s", [ids[number]])
        subjects = _stored("records_subject", ["ref", "impairments", "resistance", "injuries", "is_juvenile"],
                           "incident_id = %s", [ids[number]])
        force = _stored("records_forceapplication", ["force_type", "at", "subject_resistance"],
                        "incident_id = %s", [ids[number]])
        involvements = _stored("records_officerinvolvement", ["role", "injuries", "camera_activated"],
                               "incident_id = %s", [ids[number]])
        return incident, subjects, force, involvements

    assert stored("IMPORTED-2") == stored("FILED-2")


def test_the_import_leaves_the_connections_page_cache_as_it_found_it(world):
    import pytest
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a setting of SQLite connections")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        assert import_reports(world.agency, [("item 1", report(number="C-1"))], by=None).ok
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before
