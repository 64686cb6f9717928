"""Generated incidents: one scenario at a time, facts first, narrative from the facts."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from forcereview.records import vocab
from forcereview.records.demo import names, narratives, places
from forcereview.records.demo.names import pick_weighted
from forcereview.records.demo.roster import SHIFT_HOURS, OfficerSpec, Roster
from forcereview.records.demo.scenarios import SCENARIOS, Scenario

# Force incidents cluster in the evening and the small hours.
HOUR_WEIGHTS = (6, 6, 7, 5, 3, 2, 1.5, 1.5, 2, 2.5, 3, 3, 3.5, 3.5, 4, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7, 6.5)
NIGHT_HOUR_WEIGHTS = tuple(w if (h >= 20 or h < 4) else w * 0.15 for h, w in enumerate(HOUR_WEIGHTS))
SCHOOL_LEVEL_AGES = {"elementary": (7, 11), "middle": (11, 14), "high": (14, 18)}
SCHOOL_LEVELS = (("high", 0.5), ("middle", 0.4), ("elementary", 0.1))

CLAIMS_FOR_RESISTANCE = {
    "passive_noncompliance": "subject_passively_resisted",
    "pulled_away": "subject_actively_resisted",
    "resisted_handcuffing": "subject_actively_resisted",
    "fled": "subject_fled",
    "assaulted_officer": "subject_assaulted_officer",
    "assaulted_other": "subject_assaulted_other",
    "displayed_weapon": "subject_armed",
    "used_weapon": "subject_armed",
    "used_firearm": "subject_armed",
    "vehicle_as_weapon": "subject_threatened",
}
RANK_TITLES = {"officer": "Officer", "corporal": "Corporal", "sergeant": "Sergeant", "lieutenant": "Lieutenant",
               "captain": "Captain", "chief": "Chief"}


def title(officer: OfficerSpec) -> str:
    return f"{RANK_TITLES.get(officer.rank, 'Officer')} {officer.last_name}"


def is_school_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    if (day.month, day.day) < (8, 14) and (day.month, day.day) > (5, 24):  # summer break
        return False
    if (day.month == 12 and day.day >= 21) or (day.month == 1 and day.day <= 3):  # winter break
        return False
    if day.month == 11 and 24 <= day.day <= 28 and day.weekday() >= 2:  # Thanksgiving week
        return False
    return True


def school_day_near(day: date) -> date:
    """The school day on or before ``day``."""
    while not is_school_day(day):
        day -= timedelta(days=1)
    return day


def local(day: date, hour: int, minute: int, second: int = 0, tz: str = "America/Denver") -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=ZoneInfo(tz))


def _when(rng: random.Random, scenario: Scenario, today: date, window_days: int) -> datetime:
    days_ago = rng.randint(1, window_days)
    day = today - timedelta(days=days_ago)
    if scenario.hours == "school":
        day = school_day_near(day)
        if day >= today:
            day = school_day_near(today - timedelta(days=1))
        minutes = rng.randint(7 * 60 + 40, 15 * 60 + 10)
        return local(day, minutes // 60, minutes % 60)
    weights = NIGHT_HOUR_WEIGHTS if scenario.hours == "night" else HOUR_WEIGHTS
    hour = rng.choices(range(24), weights=weights, k=1)[0]
    return local(day, hour, rng.randint(0, 59))


def _shift_of(hour: int) -> str:
    return next(shift for shift, hours in SHIFT_HOURS.items() if hour in hours)


def _pick_officer(rng: random.Random, pool: list[OfficerSpec], day: date, exclude: set[str]) -> OfficerSpec | None:
    candidates = [o for o in pool if o.works_on(day) and o.key not in exclude and o.force_rate > 0]
    if not candidates:
        return None
    return rng.choices(candidates, weights=[o.force_rate for o in candidates], k=1)[0]


def _team(rng: random.Random, roster: Roster, scenario: Scenario, at: datetime) -> tuple[str, list[OfficerSpec]]:
    if scenario.team == "sro":
        return "sro", roster.by_unit("sro")
    shift = _shift_of(at.hour)
    if scenario.team == "cid" and rng.random() < 0.6:
        return "cid", roster.by_unit("cid")
    return shift, roster.by_unit(shift)


def _age(rng: random.Random, scenario: Scenario, school_level: str | None) -> int:
    if school_level:
        lo, hi = SCHOOL_LEVEL_AGES[school_level]
        return rng.randint(lo, hi)
    if rng.random() < scenario.juvenile_share:
        return int(round(rng.triangular(12, 17, 16)))
    lo, hi, mode = scenario.ages
    return max(vocab.ADULT_AGE, int(round(rng.triangular(lo, hi, mode))))


def _injuries(rng: random.Random, force_types: list[str]) -> list[str]:
    found: list[str] = []

    def add(code: str, chance: float = 1.0) -> None:
        if code not in found and rng.random() < chance:
            found.append(code)

    for code in force_types:
        if code == "cew_probe":
            add("cew_probe_wound")
        elif code == "canine":
            add("dog_bite")
        elif code in {"takedown", "prone_restraint", "knee_strike", "foot_strike", "impact_weapon", "less_lethal_projectile"}:
            add("abrasion", 0.35)
            add("complaint_of_pain", 0.2)
            add("broken_bone", 0.012)
        elif code == "hand_strike":
            add("laceration", 0.15)
            add("abrasion", 0.3)
        elif code in {"control_hold", "handcuffs", "oc_spray", "cew_drive_stun"}:
            add("complaint_of_pain", 0.2 if code != "oc_spray" else 0.6)
    if "complaint_of_pain" in found and len(found) > 1:
        found.remove("complaint_of_pain")
    return found or ["none"]


def _treatment(rng: random.Random, injuries: list[str]) -> str:
    if set(injuries) & vocab.SERIOUS_INJURIES:
        return "hospital_admitted" if rng.random() < 0.4 else "hospital_treated"
    if "dog_bite" in injuries or "laceration" in injuries:
        return "hospital_treated" if rng.random() < 0.7 else "on_scene"
    if "cew_probe_wound" in injuries:
        return "on_scene"
    if "abrasion" in injuries:
        return pick_weighted(rng, (("on_scene", 0.6), ("refused", 0.25), ("hospital_treated", 0.15)))
    if "complaint_of_pain" in injuries:
        return pick_weighted(rng, (("on_scene", 0.4), ("refused", 0.4), ("none", 0.2)))
    return pick_weighted(rng, (("none", 0.8), ("refused", 0.2)))


def _calls_for(scenario: Scenario, sex: str) -> list[str]:
    other = {"male": r"\b(woman|girl|girlfriend|she|her)\b", "female": r"\b(man|boy|he|his)\b"}.get(sex)
    calls = [c for c in scenario.calls if other is None or not re.search(other, c)]
    return calls or ["a call for service"]


WITNESS_STATEMENTS = {
    "school_staff": (
        "I saw the officer take hold of the student after the student refused to come to the office.",
        "The student was upset and would not listen to staff. The officer tried to talk first.",
        "I asked the officer to let me handle it; the student was calming down.",
    ),
    "student": ("I saw the officer grab my classmate's arm.", "They were fighting and the officer broke it up."),
    "parent": ("My child was scared and did not understand what was happening.", "I called because I was worried."),
    "bystander": (
        "I saw the person swing at the officer before they took them down.",
        "The officers gave a lot of commands to stop. The person kept pulling away.",
        "I don't think the person was fighting them; they looked scared.",
        "I recorded part of it on my phone.",
    ),
    "medical": ("We evaluated the patient on scene after the officers called us.",),
    "other_agency": ("The prisoner refused the search and pushed the detention officer.",
                     "I helped the officers hold the prisoner until the restraints were on."),
    "other": ("I called 911 when it started.", "I work there and saw the whole thing."),
}


def _witnesses(rng: random.Random, scenario: Scenario) -> list[dict]:
    if rng.random() >= scenario.witness_share:
        return []
    out = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        role = pick_weighted(rng, scenario.witness_roles)
        sex = rng.choice(("male", "female"))
        first, last, _, _ = names.person(rng, sex)
        entry = {"name": f"{first} {last}", "role": role,
                 "contact": f"505-555-01{rng.randint(0, 99):02d}",
                 "statement": rng.choice(WITNESS_STATEMENTS[role])}
        if role == "student":  # a minor: no name on record, the school is the contact
            entry["name"] = "Student witness"
            entry["contact"] = "through the school office"
        out.append(entry)
    return out


def _officer_entry(officer: OfficerSpec, role: str, claims: list[str], injuries: list[str], camera: bool | None) -> dict:
    entry = {"badge": officer.badge, "role": role, "claims": claims, "injuries": injuries}
    if camera is not None:
        entry["camera_activated"] = camera
    return entry


def random_incident(rng: random.Random, today: date, roster: Roster, window_days: int, *,
                    with_force: str | None = None) -> dict:
    """One generated report (without its number), in the shape ``records.validation`` reads.

    ``with_force`` picks a scenario and pattern that use that force type (used to make sure
    every type of the taxonomy appears at least once, whatever the seed).
    """
    scenarios = [s for s in SCENARIOS if with_force is None or any(with_force in p.force for p in s.patterns)]
    scenario = rng.choices(scenarios, weights=[s.weight for s in scenarios], k=1)[0]
    occurred = _when(rng, scenario, today, window_days)
    day = occurred.date()
    location_type = pick_weighted(rng, scenario.places)
    school_level = pick_weighted(rng, SCHOOL_LEVELS) if location_type == "school" else None
    place = places.place_for(rng, location_type, school_level=school_level)

    team_name, pool = _team(rng, roster, scenario, occurred)
    primary = _pick_officer(rng, pool, day, set()) or _pick_officer(
        rng, [o for o in roster.officers.values() if o.unit.startswith("shift_")], day, set())
    assert primary is not None, f"no officer on duty on {day}"
    patrol_pool = roster.by_unit(_shift_of(occurred.hour))
    helpers_pool = pool if team_name.startswith("shift_") else patrol_pool + pool

    patterns = [p for p in scenario.patterns if with_force is None or with_force in p.force]
    pattern = rng.choices(patterns, weights=[p.weight for p in patterns], k=1)[0]
    steps = [(code, pattern.resistance[min(i, len(pattern.resistance) - 1)]) for i, code in enumerate(pattern.force)]
    # Handcuffing is reportable force only when resisted, which is about half the time.
    if len(steps) > 1 and steps[-1][0] == "handcuffs" and rng.random() < 0.5:
        steps.pop()
    force_types = [code for code, _ in steps]
    involved = [primary]
    assisting: list[OfficerSpec] = []
    if len(force_types) > 1 and rng.random() < 0.6:
        helper = _pick_officer(rng, helpers_pool, day, {primary.key})
        if helper:
            assisting.append(helper)
    handler = None
    if "canine" in force_types:
        handler = next((o for o in roster.officers.values() if o.assignment == "k9" and o.works_on(day)), None)
        if handler is None:
            force_types = ["takedown" if t == "canine" else t for t in force_types]
            steps = list(zip(force_types, (r for _, r in steps)))
        elif handler is not primary and handler not in assisting:
            assisting.append(handler)
    involved += assisting
    witness_officer = None
    if rng.random() < 0.25:
        witness_officer = _pick_officer(rng, helpers_pool, day, {o.key for o in involved})

    sex = "male" if rng.random() < scenario.male_share else "female"
    age = _age(rng, scenario, school_level)
    first, last, race, ethnicity = names.person(rng, sex)
    resistance = [r for r in dict.fromkeys(r for _, r in steps) if r != "none"] or ["none"]
    armed = pick_weighted(rng, scenario.armed)
    if armed == "unarmed" and {"displayed_weapon", "used_weapon"} & set(resistance):
        armed = "knife"
    injuries = _injuries(rng, force_types)
    treatment = _treatment(rng, injuries)
    subject = {
        "ref": "S1", "name": f"{first} {last}", "age": age, "sex": sex, "race": race, "ethnicity": ethnicity,
        "impairments": list(pick_weighted(rng, scenario.impairments)) if age >= 13 else ["none"],
        "armed": armed,
        "perceived_threat": armed != "unarmed" or "assaulted_officer" in resistance or "firearm_pointed" in force_types,
        "resistance": resistance, "injuries": injuries, "medical_treatment": treatment,
    }
    if school_level is None and age >= vocab.ADULT_AGE and rng.random() < 0.05:
        # Identity never established: only an estimated age range is on record.
        subject.update(name="", age=None, age_min=max(vocab.ADULT_AGE, age - 5), age_max=age + 5)
    if rng.random() < 0.08:
        subject["name"] = ""
    subjects = [subject]

    start = occurred + timedelta(minutes=rng.randint(1, 12), seconds=rng.randint(0, 59))
    force: list[dict] = []
    story: list[tuple[str, str]] = []
    for i, (code, moment_resistance) in enumerate(steps):
        by = primary
        if code == "canine" and handler is not None:
            by = handler
        elif assisting and code == "handcuffs" and rng.random() < 0.6:
            by = assisting[0]
        at = start + timedelta(seconds=i * rng.randint(8, 60))
        force.append({"officer": by.badge, "subject": "S1", "type": code, "at": at.isoformat(),
                      "resistance": moment_resistance})
        story.append((code, "I" if by is primary else title(by)))

    if rng.random() < scenario.second_subject:
        sex2 = "male" if rng.random() < scenario.male_share else "female"
        age2 = _age(rng, scenario, school_level) if school_level or age < 18 else _age(rng, scenario, None)
        first2, last2, race2, eth2 = names.person(rng, sex2)
        subjects.append({
            "ref": "S2", "name": f"{first2} {last2}", "age": age2, "sex": sex2, "race": race2, "ethnicity": eth2,
            "impairments": subject["impairments"] if age2 >= 13 else ["none"], "armed": "unarmed",
            "resistance": ["pulled_away"], "injuries": ["none"], "medical_treatment": "none",
        })
        by = assisting[0] if assisting else primary
        force.append({"officer": by.badge, "subject": "S2", "type": "control_hold",
                      "at": (start + timedelta(seconds=20)).isoformat(), "resistance": "pulled_away"})

    claims = [CLAIMS_FOR_RESISTANCE[r] for r in resistance if r in CLAIMS_FOR_RESISTANCE]
    if scenario.key in {"mental_health", "intoxicated_person"}:
        claims.append("prevent_self_harm")
    else:
        claims.append("effect_arrest")
    claims = list(dict.fromkeys(claims))
    camera = pick_weighted(rng, ((True, 0.92), (False, 0.05), (None, 0.03)))
    officer_injured = ["abrasion"] if rng.random() < 0.05 else (["complaint_of_pain"] if rng.random() < 0.04 else [])
    officers = [_officer_entry(primary, "primary", claims, officer_injured, camera)]
    for helper in assisting:
        officers.append(_officer_entry(helper, "assisting", list(dict.fromkeys([claims[0], "effect_arrest"])), [], True))
    if witness_officer:
        officers.append(_officer_entry(witness_officer, "witness", [], [], True))

    sergeant = next((o for o in involved + ([witness_officer] if witness_officer else []) if o.rank == "sergeant"), None)
    supervisor_present = sergeant is not None or rng.random() < 0.3
    sup_name = None
    if supervisor_present and not sergeant:
        boss = roster.officers.get(primary.supervisor or "")
        if boss is not None and boss.rank in {"sergeant", "corporal", "lieutenant"}:
            sup_name = title(boss)

    call = rng.choice(_calls_for(scenario, sex))
    when = f"On {occurred:%B} {occurred.day}, {occurred.year} at about {occurred:%H:%M}"
    if location_type == "school":
        opening = f"{when}, staff at {place.name.split(',')[0]} asked me to respond to {call}."
    elif scenario.in_custody:
        opening = f"{when}, at {place.name}, I was dealing with {call}."
    elif scenario.observed:
        opening = f"{when}, while on patrol near {place.name}, I saw {call}."
    else:
        opening = f"{when}, I was dispatched to {place.name} for {call}."
    phrase = narratives.subject_phrase(age, sex, school=location_type == "school")
    contact = f"The prisoner (S1) was {phrase}." if scenario.in_custody else f"I contacted {phrase} (S1)."
    offense = rng.choice(scenario.offenses)
    narrative = narratives.compose(
        rng, opening=opening, contact=contact, behaviour=rng.choice(scenario.behaviours), sex=sex,
        force=story, resistance=resistance, injuries=injuries, treatment=treatment,
        outcome=rng.choice(scenario.outcomes).format(offense=offense.lower()),
        camera=camera, supervisor=sup_name,
    )
    return {
        "occurred_at": occurred.isoformat(),
        "location": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "location_type": location_type,
        "contact_reason": scenario.contact_reason,
        "offense": offense,
        "narrative": narrative,
        "supervisor_present": supervisor_present,
        "officers": officers,
        "subjects": subjects,
        "force": force,
        "witnesses": _witnesses(rng, scenario),
    }
