"""The incident list page: who sees which incidents, filters with their errors, paging that
keeps the filters, sorting, and a constant number of queries per page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.records.pages import adult_incident, field_error, many_incidents, row_numbers, school_incident, text


def _list(client_as, role, **params):
    return client_as(role).get("/incidents/", params)


def test_officer_sees_only_incidents_they_were_part_of(world, client_as):
    school_incident(world)
    adult_incident(world, number="OTHER-1", badge="201")
    response = _list(client_as, "officer")
    assert response.status_code == 200
    assert row_numbers(response) == ["2019-0827-001"]


def test_supervisor_sees_their_chain_and_not_another_squad(world, client_as):
    school_incident(world)
    adult_incident(world, number="CHAIN-1", badge="102")
    adult_incident(world, number="OTHER-1", badge="201", occurred_at="2021-05-01T10:00:00")
    assert set(row_numbers(_list(client_as, "supervisor"))) == {"2019-0827-001", "CHAIN-1"}


def test_agency_wide_readers_see_everything_of_their_agency_only(world, client_as):
    school_incident(world)
    adult_incident(world, number="OTHER-1", badge="201")
    for role in ("investigator", "command", "auditor"):
        assert set(row_numbers(_list(client_as, role))) == {"2019-0827-001", "OTHER-1"}
    response = _list(client_as, "outsider")
    assert row_numbers(response) == []
    assert "No incidents." in text(response)


def test_admin_may_not_open_the_incident_list(world, client_as):
    response = _list(client_as, "admin")
    assert response.status_code == 403
    assert "You may not open this page" in text(response)


def test_list_shows_what_a_reviewer_needs_per_row(world, client_as):
    school_incident(world)
    page = text(_list(client_as, "command"))
    for expected in ("2019-0827-001", "27 Aug 2019", "School (K-12)", "Zach Miller #101", "Push or shove, Takedown",
                     "Abrasion, scrape or bruise", "Reported", "Child aged 11"):
        assert expected in page, expected


def test_filters_narrow_the_list(world, client_as):
    school_incident(world)
    adult_incident(world, number="ADULT-1", badge="102")
    assert row_numbers(_list(client_as, "command", juvenile="yes")) == ["2019-0827-001"]
    assert row_numbers(_list(client_as, "command", juvenile="no")) == ["ADULT-1"]
    assert row_numbers(_list(client_as, "command", force_type="handcuffs")) == ["ADULT-1"]
    assert row_numbers(_list(client_as, "command", location_type="school", status="reported")) == ["2019-0827-001"]
    assert row_numbers(_list(client_as, "command", officer=world.partner.pk)) == ["ADULT-1", "2019-0827-001"]
    assert row_numbers(_list(client_as, "command", unit=world.sro_unit.pk)) == ["2019-0827-001"]
    assert row_numbers(_list(client_as, "command", number="adult")) == ["ADULT-1"]
    assert row_numbers(_list(client_as, "command", date_from="2020-01-02", date_to="2020-01-02")) == ["ADULT-1"]
    response = _list(client_as, "command", juvenile="no")
    assert 'id="id_juvenile"' in response.content.decode()
    assert '<option value="no" selected>' in response.content.decode()


def test_a_bad_filter_is_named_next_to_it_and_ignored(world, client_as):
    school_incident(world)
    adult_incident(world, number="ADULT-1")
    response = _list(client_as, "command", date_from="yesterday", force_type="chokehold", juvenile="maybe")
    assert response.status_code == 200
    assert "'yesterday' is not a date" in field_error(response, "id_date_from")
    assert "'chokehold' is not a known force type" in field_error(response, "id_force_type")
    assert "use yes or no" in field_error(response, "id_juvenile")
    assert set(row_numbers(response)) == {"2019-0827-001", "ADULT-1"}
    assert "Some filters could not be used" in text(response)


def test_end_date_before_start_date_is_explained(world, client_as):
    response = _list(client_as, "command", date_from="2020-02-01", date_to="2020-01-01")
    assert "is before the start date" in field_error(response, "id_date_to")


def test_pages_of_fifty_keep_the_filters(world, client_as):
    many_incidents(world, 60)
    adult_incident(world, number="ADULT-1", badge="201")
    first = _list(client_as, "command", force_type="takedown")
    assert len(row_numbers(first)) == 50
    assert "Showing 1–50 of more than 50 incidents matching the filters." in text(first)
    html = first.content.decode()
    assert 'href="?force_type=takedown&amp;page=2" rel="next"' in html
    second = _list(client_as, "command", force_type="takedown", page="2")
    assert len(row_numbers(second)) == 10
    assert "ADULT-1" not in row_numbers(first) + row_numbers(second)
    assert 'href="?force_type=takedown&amp;page=1" rel="prev"' in second.content.decode()
    assert "Page 2 of 2" in text(second)


def test_a_page_past_the_end_or_a_bad_page_number_is_handled(world, client_as):
    many_incidents(world, 3)
    past = _list(client_as, "command", page="9")
    assert past.status_code == 200 and row_numbers(past) == []
    assert "There are no incidents on page 9" in text(past)
    assert len(row_numbers(_list(client_as, "command", page="abc"))) == 3


def test_sorting_by_date_both_ways(world, client_as):
    many_incidents(world, 3)
    assert row_numbers(_list(client_as, "command")) == ["M-0002", "M-0001", "M-0000"]
    oldest = _list(client_as, "command", sort="oldest")
    assert row_numbers(oldest) == ["M-0000", "M-0001", "M-0002"]
    assert 'aria-sort="ascending"' in oldest.content.decode()


def test_the_total_is_counted_only_when_asked(world, client_as):
    many_incidents(world, 120)
    client = client_as("command")
    uncounted = client.get("/incidents/", {"force_type": "takedown"})
    assert "Showing 1–50 of more than 50 incidents matching the filters. Count them all" in text(uncounted)
    assert 'href="?force_type=takedown&amp;count=1"' in uncounted.content.decode()
    counted = client.get("/incidents/", {"force_type": "takedown", "count": "1"})
    assert "Showing 1–50 of 120 incidents matching the filters." in text(counted)
    assert "Page 1 of 3" in text(counted)
    last = client.get("/incidents/", {"force_type": "takedown", "page": "3"})
    assert "Showing 101–120 of 120 incidents" in text(last)  # known for free on the last page


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/incidents/", params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queries_per_page_do_not_grow_with_the_rows_shown(world, client_as):
    many_incidents(world, 55)
    client = client_as("supervisor")
    before = _queries(client, juvenile="no")
    many_incidents(world, 70, prefix="N", badge="102")
    assert _queries(client, juvenile="no") == before
    assert _queries(client, juvenile="no", page="2") == before
    assert _queries(client, juvenile="no", page="3") == before
