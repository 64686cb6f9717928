"""The demo data generator: deterministic, realistic, and coherent, before anything is stored."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime, timedelta
from statistics import median

import pytest

from forcereview.accounts.roles import Role
from forcereview.records import vocab
from forcereview.records.demo import DEFAULT_SEED, generate
from forcereview.records.demo.featured import TRANSCRIPTS_DIR
from forcereview.records.demo.incidents import is_school_day

TODAY = date(2026, 3, 18)
SEEDS = [DEFAULT_SEED, 1, 2, 3, 11]


@pytest.fixture(scope="module")
def data():
    return generate(DEFAULT_SEED, today=TODAY)


def _day(report) -> date:
    return datetime.fromisoformat(report["occurred_at"]).date()


def _ages(report) -> list[int]:
    return [s["age"] if s.get("age") is not None else s["age_min"] for s in report["subjects"]]


def test_same_seed_and_day_give_the_same_data():
    first, second = generate(123, today=TODAY), generate(123, today=TODAY)
    assert json.dumps(first.incidents, sort_keys=True) == json.dumps(second.incidents, sort_keys=True)
    assert [(o.key, o.badge, o.hire_date, o.status) for o in first.roster.officers.values()] == [
        (o.key, o.badge, o.hire_date, o.status) for o in second.roster.officers.values()]
    assert first.statuses == second.statuses


def test_another_seed_gives_other_incidents():
    assert generate(1, today=TODAY).incidents != generate(2, today=TODAY).incidents


def test_generation_leaves_the_global_random_state_alone():
    import random

    random.seed(99)
    expected = random.random()
    random.seed(99)
    generate(5, today=TODAY, incidents=40)
    assert random.random() == expected


def test_three_hundred_incidents_over_the_two_years_before_today(data):
    assert len(data.incidents) == 300
    days = [_day(r) for r in data.incidents]
    assert min(days) >= TODAY - timedelta(days=730)
    assert max(days) < TODAY
    assert days == sorted(days)
    numbers = [r["number"] for r in data.incidents]
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"\d{2}-\d{6}", n) for n in numbers)
    # spread over the whole window, not bunched up
    assert sum(1 for d in days if d < TODAY - timedelta(days=365)) > 100


@pytest.mark.parametrize("seed", SEEDS)
def test_distributions_are_realistic(seed):
    incidents = generate(seed, today=TODAY).incidents
    n = len(incidents)
    juvenile = sum(1 for r in incidents if any(a < 18 for a in _ages(r)))
    school = sum(1 for r in incidents if r["location_type"] == "school")
    young_children = sum(1 for r in incidents if any(a < 12 for a in _ages(r)))
    assert 0.05 <= juvenile / n <= 0.25
    assert 0.03 <= school / n <= 0.15
    assert young_children >= 2

    by_type = Counter(t for r in incidents for t in {f["type"] for f in r["force"]})
    assert set(by_type) == set(vocab.FORCE_TYPES.codes), "every force type appears"
    common = {t for t, _ in by_type.most_common(4)}
    assert {"takedown", "control_hold"} <= common
    assert by_type["firearm_discharged"] / n <= 0.02
    assert by_type["neck_restraint"] / n <= 0.02
    assert by_type["canine"] / n <= 0.04
    assert by_type["control_hold"] > 10 * by_type["firearm_discharged"]

    locations = Counter(r["location_type"] for r in incidents)
    assert len(locations) >= 10
    assert locations["residence"] + locations["street"] > n / 3
    reasons = Counter(r["contact_reason"] for r in incidents)
    assert len(reasons) >= 6

    subjects = [s for r in incidents for s in r["subjects"]]
    assert {s["sex"] for s in subjects} >= {"male", "female"}
    assert sum(1 for s in subjects if s["armed"] != "unarmed") >= 10
    assert sum(1 for s in subjects if set(s["impairments"]) & {"alcohol", "drugs", "mental_health"}) > n / 4
    assert sum(1 for s in subjects if s["injuries"] != ["none"]) > n / 4
    assert any(s["medical_treatment"] == "hospital_admitted" for s in subjects)
    assert sum(1 for r in incidents if any(w["role"] == "school_staff" for w in r["witnesses"])) >= 3


def test_chain_of_command_is_well_formed(data):
    officers = data.roster.officers
    level = {t.code: t.level for t in vocab.RANKS}
    chiefs = [o for o in officers.values() if o.supervisor is None]
    assert [o.rank for o in chiefs] == ["chief"]
    for officer in officers.values():
        seen = {officer.key}
        walker = officer
        while walker.supervisor is not None:
            boss = officers[walker.supervisor]
            assert level[boss.rank] > level[walker.rank], f"{walker.key} reports to {boss.key} of lower rank"
            assert boss.key not in seen, f"loop in the chain above {officer.key}"
            seen.add(boss.key)
            walker = boss
        assert walker.rank == "chief"
    ranks = Counter(o.rank for o in officers.values())
    assert 35 <= len(officers) <= 45
    assert ranks["captain"] >= 1 and ranks["lieutenant"] >= 2 and ranks["sergeant"] >= 4
    for o in officers.values():
        if o.rank == "officer" and o.unit.startswith("shift_"):
            assert officers[o.supervisor].rank == "sergeant"
        if o.rank == "sergeant" and o.unit.startswith("shift_"):
            assert officers[o.supervisor].rank == "lieutenant"
        if o.rank == "lieutenant":
            assert officers[o.supervisor].rank == "captain"
    assert officers["captain"].supervisor == "chief"
    sros = [o for o in officers.values() if o.assignment == "school_resource" and o.rank == "officer"]
    assert len(sros) >= 3 and all(o.unit == "sro" for o in sros)
    assert len({o.badge for o in officers.values()}) == len(officers)
    statuses = Counter(o.status for o in officers.values())
    assert statuses["leave"] >= 1 and statuses["separated"] >= 1
    hired = sorted(o.hire_date for o in officers.values())
    assert (hired[-1] - hired[0]).days > 20 * 365


def test_officers_appear_only_when_they_worked(data):
    by_badge = {o.badge: o for o in data.roster.officers.values()}
    for report in data.incidents:
        for entry in report["officers"]:
            officer = by_badge[entry["badge"]]
            assert officer.works_on(_day(report)), f"{officer.key} in {report['number']} on {_day(report)}"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_few_officers_use_force_far_more_than_their_shift_peers(seed):
    data = generate(seed, today=TODAY)
    counts = Counter(o["badge"] for r in data.incidents for o in r["officers"] if o["role"] != "witness")
    outliers = []
    for shift in ("shift_a", "shift_b", "shift_c"):
        peers = [o for o in data.roster.by_unit(shift) if o.rank == "officer" and o.status == "active"]
        typical = median(counts[o.badge] for o in peers)
        outliers += [o.key for o in peers if counts[o.badge] >= 2.4 * typical]
    assert "ofc_holloway" in outliers and "ofc_nez" in outliers
    assert len(outliers) <= 4


def test_the_supervisor_login_has_plenty_of_incidents_in_his_chain(data):
    officers = data.roster.officers
    login = next(l for l in data.logins if l.role == Role.SUPERVISOR)
    below = {k for k, o in officers.items() if o.supervisor == login.officer}
    below |= {k for k, o in officers.items() if o.supervisor in below}
    badges = {officers[k].badge for k in below}
    in_chain = [r for r in data.incidents if any(o["badge"] in badges for o in r["officers"])]
    assert len(in_chain) >= 50


def test_one_login_per_role_linked_to_the_right_people(data):
    logins = {l.role: l for l in data.logins}
    assert set(logins) == set(Role.values)
    officers = data.roster.officers
    assert officers[logins["officer"].officer].rank == "officer"
    assert officers[logins["supervisor"].officer].rank == "sergeant"
    assert officers[logins["investigator"].officer].unit == "ps"
    assert officers[logins["command"].officer].rank in {"chief", "captain"}
    assert logins["auditor"].officer is None and logins["admin"].officer is None
    assert len({l.password for l in data.logins}) == len(data.logins)


def test_the_school_case_is_recognisable(data):
    case = data.featured["school_takedown"].report
    officer = next(o for o in data.roster.officers.values() if o.badge == case["officers"][0]["badge"])
    assert officer.assignment == "school_resource"
    assert case["location_type"] == "school" and "Middle School" in case["location"]
    assert _ages(case) == [11]
    assert {f["type"] for f in case["force"]} >= {"takedown"}
    assert is_school_day(_day(case))
    staff = [w for w in case["witnesses"] if w["role"] == "school_staff"]
    assert any("excessive force" in w["statement"] for w in staff)
    claims = {c["kind"] for c in case["officers"][0]["claims"]}
    assert "subject_assaulted_officer" in claims  # what the recording does not support


def test_the_school_transcript_has_the_administrator_object_twice():
    text = (TRANSCRIPTS_DIR / "school_takedown.vtt").read_text()
    objections = [line for line in text.splitlines()
                  if line.startswith("<v Assistant Principal") and "threat" in line and "excessive force" in line]
    assert len(objections) == 2


def test_every_featured_incident_has_a_transcript_in_an_engine_format(data):
    assert len(data.featured) >= 12
    for key, item in data.featured.items():
        path = item.transcript_path
        assert path.is_file(), key
        text = path.read_text()
        if path.suffix == ".vtt":
            assert text.startswith("WEBVTT"), key
        elif path.suffix == ".json":
            assert json.loads(text)["segments"], key
        elif path.suffix == ".srt":
            assert re.match(r"1\n\d\d:\d\d:\d\d,\d{3} --> ", text), key
        else:
            lines = [l for l in text.splitlines() if l and not l.startswith("#")]
            assert all(re.match(r"(\[[\d:]+\] )?[A-Z][A-Za-z ]*( \([A-Za-z]+\))?: |\[", l) for l in lines), key


def test_narratives_never_name_a_subject(data):
    for report in data.incidents:
        for subject in report["subjects"]:
            if subject.get("name"):
                assert subject["name"] not in report["narrative"], report["number"]
