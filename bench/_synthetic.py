"""Synthetic agencies and incidents for the benchmarks (not the demo data: larger, simpler,
and stable whatever the demo becomes). Reports are in the report shape the importer reads."""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

TZ = ZoneInfo("America/Denver")

FORCE = [("push_shove", 14), ("takedown", 16), ("control_hold", 18), ("handcuffs", 20), ("hand_strike", 5),
         ("foot_strike", 1), ("knee_strike", 2), ("prone_restraint", 4), ("neck_restraint", 0.3), ("oc_spray", 3),
         ("cew_display", 5), ("cew_drive_stun", 1), ("cew_probe", 4), ("impact_weapon", 1), ("canine", 0.7),
         ("less_lethal_projectile", 0.5), ("firearm_pointed", 6), ("firearm_discharged", 0.3)]
LOCATIONS = [("street", 30), ("residence", 22), ("business", 12), ("restaurant", 5), ("school", 4), ("park", 4),
             ("parking", 8), ("hospital", 2), ("jail", 3), ("highway", 3), ("transit", 2), ("open_space", 2),
             ("other", 2), ("college", 1)]
REASONS = [("unlawful_activity", 55), ("traffic_stop", 11), ("warrant_service", 10), ("welfare_check", 8),
           ("routine_patrol", 3), ("follow_up", 3), ("disturbance", 6), ("school_call", 2), ("unknown", 2)]
RESISTANCE = ["passive_noncompliance", "pulled_away", "resisted_handcuffing", "fled", "assaulted_officer",
              "displayed_weapon", "none"]
INJURIES = [("none", 50), ("complaint_of_pain", 20), ("abrasion", 18), ("laceration", 5), ("cew_probe_wound", 3),
            ("dog_bite", 1), ("broken_bone", 1), ("unconscious", 0.5)]
CLAIMS = ["subject_actively_resisted", "subject_fled", "subject_assaulted_officer", "subject_armed", "effect_arrest",
          "subject_passively_resisted", "subject_threatened"]
STREETS = ["Central Ave", "Lomas Blvd", "Coors Rd", "Montgomery Blvd", "Menaul Blvd", "San Mateo Blvd", "4th St",
           "Isleta Blvd", "Girard Ave", "Wyoming Blvd"]
NARRATIVE = ("Officers responded to a call for service. On arrival the subject was contacted and given lawful "
             "commands, which were refused. The subject {act}. Force was used to gain control, the scene was "
             "secured, and a supervisor was notified. Body-worn cameras were active throughout.")
ACTS = ["pulled away when his arm was taken", "attempted to flee on foot", "swung a fist at the officer",
        "went limp and refused to walk", "reached toward his waistband", "pushed the officer in the chest"]


def _pick(rng: random.Random, weighted):
    codes, weights = zip(*weighted)
    return rng.choices(codes, weights)[0]


def officer_plan(n_officers: int = 300):
    """(badge, first, last, rank, supervisor badge) in chain-of-command order."""
    plan = [("1", "Chief", "One", "chief", None)]
    captains = [str(10 + i) for i in range(3)]
    plan += [(b, "Cap", b, "captain", "1") for b in captains]
    lieutenants = [str(100 + i) for i in range(9)]
    plan += [(b, "Lt", b, "lieutenant", captains[i % 3]) for i, b in enumerate(lieutenants)]
    sergeants = [str(200 + i) for i in range(30)]
    plan += [(b, "Sgt", b, "sergeant", lieutenants[i % 9]) for i, b in enumerate(sergeants)]
    for i in range(n_officers - len(plan)):
        plan.append((str(1000 + i), "Off", str(1000 + i), "officer", sergeants[i % 30]))
    return plan


def reports(n: int, seed: int = 1, officers: int = 300, *, years: int = 5):
    """``n`` realistic reports over ``years`` years ending yesterday."""
    rng = random.Random(seed)
    plan = officer_plan(officers)
    patrol = [p[0] for p in plan if p[3] == "officer"]
    sergeants = [p[0] for p in plan if p[3] == "sergeant"]
    end = datetime.combine(date.today() - timedelta(days=1), datetime.min.time(), tzinfo=TZ)
    span = years * 365 * 24 * 3600
    for k in range(n):
        occurred = end - timedelta(seconds=rng.randrange(span))
        n_officers = rng.choices([1, 2, 3, 4], [35, 40, 18, 7])[0]
        badges = rng.sample(patrol, n_officers)
        if rng.random() < 0.15:
            badges[-1] = rng.choice(sergeants)  # a sergeant on scene
        officers_out = []
        for j, badge in enumerate(badges):
            role = "primary" if j == 0 else ("witness" if j == n_officers - 1 and n_officers > 2 and rng.random() < 0.4 else "assisting")
            o = {"badge": badge, "role": role}
            if role != "witness":
                o["claims"] = rng.sample(CLAIMS, rng.choice([1, 1, 2, 3]))
            if rng.random() < 0.1:
                o["injuries"] = [_pick(rng, INJURIES[1:5])]
            officers_out.append(o)
        n_subjects = rng.choices([1, 2, 3], [85, 12, 3])[0]
        subjects = []
        for s in range(n_subjects):
            if rng.random() < 0.9:
                age = {"age": int(min(max(rng.gauss(30, 11), 10), 85))}
            else:
                lo = rng.randrange(12, 60)
                age = {"age_min": lo, "age_max": lo + 10}
            subjects.append({
                "ref": f"S{s + 1}", "name": f"Subject {k}-{s + 1}", **age,
                "sex": rng.choices(["male", "female", "unknown"], [78, 20, 2])[0],
                "race": rng.choice(["white", "black", "american_indian", "asian", "unknown"]),
                "ethnicity": rng.choice(["hispanic", "not_hispanic", "unknown"]),
                "resistance": rng.sample(RESISTANCE[:-1], rng.choice([1, 1, 2])),
                "injuries": [_pick(rng, INJURIES)],
                "medical_treatment": rng.choice(["none", "none", "on_scene", "refused", "hospital_treated"]),
                "armed": rng.choices(["unarmed", "knife", "firearm", "believed_armed"], [85, 6, 3, 6])[0],
            })
        users = [o["badge"] for o in officers_out if o["role"] != "witness"]
        force = []
        minute = 0
        for _ in range(rng.choices([1, 2, 3, 4], [40, 35, 17, 8])[0]):
            minute += rng.randrange(0, 3)
            at = occurred + timedelta(minutes=minute)
            force.append({"officer": rng.choice(users), "subject": rng.choice(subjects)["ref"],
                          "type": _pick(rng, FORCE), "at": at.strftime("%H:%M:%S") if at.date() == occurred.date() else at.isoformat(),
                          "resistance": rng.choice(RESISTANCE)})
        report = {
            "number": f"{occurred.year}-{k:07d}",
            "occurred_at": occurred.isoformat(),
            "location": f"{rng.randrange(100, 9999)} {rng.choice(STREETS)}",
            "location_type": _pick(rng, LOCATIONS),
            "contact_reason": _pick(rng, REASONS),
            "narrative": NARRATIVE.format(act=rng.choice(ACTS)),
            "supervisor_present": rng.random() < 0.3,
            "officers": officers_out,
            "subjects": subjects,
            "force": force,
        }
        if rng.random() < 0.3:
            report["witnesses"] = [{"name": f"Witness {k}", "role": rng.choice(["bystander", "school_staff", "parent"]),
                                    "contact": "505-555-0100"}]
        yield report


def fresh_django(database_url: str | None = None, keep: str | None = None, reset: bool = True) -> Path:
    """Point Django at a new, empty database (SQLite in a temporary folder, or in ``keep``,
    unless a URL is given), set it up and migrate. ``reset=False`` keeps what ``keep`` or the
    URL already hold. Returns the data folder."""
    folder = Path(keep or tempfile.mkdtemp(prefix="frv-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if reset and not database_url:
        for name in ("forcereview.sqlite3", "forcereview.sqlite3-wal", "forcereview.sqlite3-shm"):
            (folder / name).unlink(missing_ok=True)
    os.environ["FORCEREVIEW_DATA_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "forcereview.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if database_url and reset:
        # A clean schema each run (the database is the bench's own).
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    return folder


def make_agency(officers: int = 300):
    from forcereview.records.actions import create_agency, create_officer, create_unit

    agency = create_agency(by=None, name="Bench Police Department", slug="bench")
    unit = create_unit(agency, by=None, name="Patrol", kind="patrol")
    made = {}
    for badge, first, last, rank, sup in officer_plan(officers):
        made[badge] = create_officer(agency, by=None, first_name=first, last_name=last, badge_number=badge,
                                     hire_date=date(2000, 1, 1), rank=rank, unit=unit,
                                     supervisor=made.get(sup) if sup else None)
    return agency, made
