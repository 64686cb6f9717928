"""The administrator's officer and unit pages, and the chain of command they keep."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from forcereview.records.models import Officer, Unit
from tests.records.pages import field_error, text


def _officer_form(officer, **changes):
    data = {"first_name": officer.first_name, "last_name": officer.last_name, "badge_number": officer.badge_number,
            "rank": officer.rank, "assignment": officer.assignment, "unit": officer.unit_id or "",
            "supervisor": officer.supervisor_id or "", "hire_date": officer.hire_date.isoformat(),
            "status": officer.status, "email": officer.email}
    data.update(changes)
    return data


def test_admin_lists_the_agencys_officers_only(client_as):
    page = text(client_as("admin").get("/admin/officers/"))
    assert "Rivera, Sam" in page and "#101" in page
    assert "Sider" not in page


def test_admin_adds_an_officer(client_as, world):
    response = client_as("admin").post("/admin/officers/new/", {
        "first_name": "Lee", "last_name": "Nakai", "badge_number": "150", "rank": "officer", "assignment": "patrol",
        "unit": world.patrol.pk, "supervisor": world.sergeant.pk, "hire_date": "2024-03-01", "status": "active"})
    assert response.status_code == 302
    officer = Officer.objects.get(agency=world.agency, badge_number="150")
    assert officer.supervisor_id == world.sergeant.pk
    entry = AuditEntry.objects.get(action="officer.created", object_id=str(officer.pk))
    assert entry.actor_label == "admin" and entry.after["badge_number"] == "150"


def test_a_duplicate_badge_is_refused_next_to_the_field(client_as, world):
    before = Officer.objects.count()
    response = client_as("admin").post("/admin/officers/new/", _officer_form(world.partner, first_name="Other"))
    assert response.status_code == 422
    assert "badge #102 is already used" in field_error(response, "id_badge_number")
    assert Officer.objects.count() == before


def test_admin_edits_rank_unit_supervisor_and_status_with_before_and_after(client_as, world):
    response = client_as("admin").post(f"/admin/officers/{world.partner.pk}/", _officer_form(
        world.partner, rank="corporal", unit=world.sro_unit.pk, supervisor=world.other_sergeant.pk, status="leave"))
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert (world.partner.rank, world.partner.unit_id, world.partner.supervisor_id, world.partner.status) == (
        "corporal", world.sro_unit.pk, world.other_sergeant.pk, "leave")
    entry = AuditEntry.objects.get(action="officer.updated", object_id=str(world.partner.pk))
    assert entry.before == {"rank": "officer", "unit_id": world.patrol.pk, "supervisor_id": world.sergeant.pk,
                            "status": "active"}
    assert entry.after["supervisor_id"] == world.other_sergeant.pk


def test_a_loop_in_the_chain_of_command_is_refused(client_as, world):
    entries = AuditEntry.objects.count()
    # the lieutenant would report to a sergeant who reports to the lieutenant
    response = client_as("admin").post(f"/admin/officers/{world.lieutenant.pk}/",
                                       _officer_form(world.lieutenant, supervisor=world.sergeant.pk))
    assert response.status_code == 422
    message = field_error(response, "id_supervisor")
    assert "Kim Begay would end up supervising themself" in message
    world.lieutenant.refresh_from_db()
    assert world.lieutenant.supervisor_id == world.captain.pk
    assert AuditEntry.objects.count() == entries


def test_an_officer_cannot_supervise_themself(client_as, world):
    response = client_as("admin").post(f"/admin/officers/{world.partner.pk}/",
                                       _officer_form(world.partner, supervisor=world.partner.pk))
    assert response.status_code == 422
    assert "cannot supervise themself" in field_error(response, "id_supervisor")


def test_invalid_input_writes_nothing(client_as, world):
    response = client_as("admin").post(f"/admin/officers/{world.partner.pk}/",
                                       _officer_form(world.partner, rank="general", hire_date="yesterday", last_name=""))
    assert response.status_code == 422
    assert field_error(response, "id_rank") and field_error(response, "id_hire_date")
    assert field_error(response, "id_last_name")
    world.partner.refresh_from_db()
    assert world.partner.last_name == "Lopez"


def test_another_agencys_officer_is_not_found(client_as, world):
    admin = client_as("admin")
    assert admin.get(f"/admin/officers/{world.outsider_officer.pk}/").status_code == 404
    response = admin.post(f"/admin/officers/{world.partner.pk}/",
                          _officer_form(world.partner, supervisor=world.outsider_officer.pk))
    assert response.status_code == 422  # not among the choices
    world.partner.refresh_from_db()
    assert world.partner.supervisor_id == world.sergeant.pk


def test_admin_adds_and_nests_units(client_as, world):
    admin = client_as("admin")
    assert admin.post("/admin/units/new/", {"name": "Patrol Bureau", "kind": "patrol"}).status_code == 302
    bureau = Unit.objects.get(agency=world.agency, name="Patrol Bureau")
    response = admin.post(f"/admin/units/{world.patrol.pk}/", {"name": "Patrol A", "kind": "patrol",
                                                                "parent": bureau.pk})
    assert response.status_code == 302
    world.patrol.refresh_from_db()
    assert world.patrol.parent_id == bureau.pk
    entry = AuditEntry.objects.get(action="unit.updated", object_id=str(world.patrol.pk))
    assert entry.before == {"parent_id": None} and entry.after == {"parent_id": bureau.pk}
    assert "Patrol Bureau" in text(admin.get("/admin/units/"))


def test_a_unit_cannot_be_part_of_itself_or_its_own_part(client_as, world):
    admin = client_as("admin")
    admin.post(f"/admin/units/{world.sro_unit.pk}/", {"name": world.sro_unit.name, "kind": "school_resource",
                                                      "parent": world.patrol.pk})
    response = admin.post(f"/admin/units/{world.patrol.pk}/", {"name": "Patrol A", "kind": "patrol",
                                                               "parent": world.sro_unit.pk})
    assert response.status_code == 422
    assert "loop" in field_error(response, "id_parent")
    world.patrol.refresh_from_db()
    assert world.patrol.parent_id is None


def test_a_duplicate_unit_name_is_refused(client_as, world):
    response = client_as("admin").post("/admin/units/new/", {"name": "patrol a", "kind": "patrol"})
    assert response.status_code == 422
    assert "already has a unit named" in field_error(response, "id_name")
    assert Unit.objects.filter(agency=world.agency).count() == 3


def test_another_agencys_unit_is_not_found(client_as, world):
    from forcereview.records.actions import create_unit

    theirs = create_unit(world.other_agency, by=None, name="Their patrol", kind="patrol")
    admin = client_as("admin")
    assert admin.get(f"/admin/units/{theirs.pk}/").status_code == 404
    assert "Their patrol" not in text(admin.get("/admin/units/"))
