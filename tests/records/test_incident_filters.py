from __future__ import annotations

from datetime import datetime

from forcereview.records.actions import create_incident
from forcereview.records.filters import apply_filters, parse_filters
from forcereview.records.models import Incident
from tests.conftest import TZ, report


def _filter(world, **params):
    f = parse_filters(params)
    return f, set(apply_filters(Incident.objects.all(), f, TZ).values_list("number", flat=True))


def _incidents(world):
    create_incident(world.agency, report(), by=None)
    create_incident(
        world.agency,
        report(
            number="2020-0001", location_type="street", contact_reason="traffic_stop",
            occurred_at=datetime(2020, 1, 2, 23, 30, tzinfo=TZ).isoformat(),
            officers=[{"badge": "102", "role": "primary"}],
            subjects=[{"ref": "S1", "age": 34}],
            force=[{"officer": "102", "subject": "S1", "type": "handcuffs"}],
            witnesses=[],
        ),
        by=None,
    )


def test_filters_combine(world):
    _incidents(world)
    assert _filter(world, juvenile="yes")[1] == {"2019-0827-001"}
    assert _filter(world, juvenile="no")[1] == {"2020-0001"}
    assert _filter(world, force_type="takedown", location_type="school")[1] == {"2019-0827-001"}
    assert _filter(world, officer=str(world.partner.pk))[1] == {"2019-0827-001", "2020-0001"}
    assert _filter(world, unit=str(world.sro_unit.pk))[1] == {"2019-0827-001"}


def test_date_range_uses_the_agency_day(world):
    _incidents(world)
    # 23:30 local on 2 January is already 3 January in UTC; it still belongs to 2 January.
    assert _filter(world, date_from="2020-01-02", date_to="2020-01-02")[1] == {"2020-0001"}
    assert _filter(world, date_from="2020-01-03")[1] == set()


def test_bad_filter_values_are_named_and_ignored(world):
    _incidents(world)
    f, numbers = _filter(world, date_from="yesterday", force_type="chokehold", juvenile="maybe")
    assert set(f.errors) == {"date_from", "force_type", "juvenile"}
    assert "chokehold" in f.errors["force_type"]
    assert numbers == {"2019-0827-001", "2020-0001"}
