"""Incidents written by hand, each with a body-camera transcript, so the demo has the cases a
reviewer must not miss (and a few calm ones that should not alarm anyone).

``school_takedown`` is modelled on the Farmington, New Mexico case of 2019: a school resource
officer took an 11-year-old girl with special needs to the floor in a middle-school cafeteria
over a carton of milk, while a school administrator objected.

Times in a transcript count from the start of the recording, which starts at the incident's
``occurred_at``; the force applications are placed at the matching moments.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from forcereview.records.demo import places
from forcereview.records.demo.incidents import local, school_day_near
from forcereview.records.demo.roster import Roster

TRANSCRIPTS_DIR = Path(__file__).resolve().parent / "transcripts"


@dataclass(frozen=True)
class Featured:
    key: str
    title: str
    report: dict
    transcript: str  # file name in TRANSCRIPTS_DIR
    camera_officer: str  # roster key of the officer whose camera recorded it

    @property
    def transcript_path(self) -> Path:
        return TRANSCRIPTS_DIR / self.transcript

    @property
    def recorded_at(self) -> datetime:
        return datetime.fromisoformat(self.report["occurred_at"])


def _place(name_start: str) -> places.Place:
    for group in places.NAMED.values():
        for place in group:
            if place.name.startswith(name_start):
                return place
    raise KeyError(name_start)


def _force(roster: Roster, start: datetime, items: list[tuple[str, str, str, int, str]]) -> list[dict]:
    """(officer key, subject ref, force type, seconds into the recording, resistance)."""
    return [
        {"officer": roster[o].badge, "subject": s, "type": t, "at": (start + timedelta(seconds=sec)).isoformat(),
         "resistance": r}
        for o, s, t, sec, r in items
    ]


def _base(start: datetime, place: places.Place, **fields) -> dict:
    return {"occurred_at": start.isoformat(), "location": place.name, "latitude": place.lat,
            "longitude": place.lon, "supervisor_present": False, "witnesses": [], **fields}


def _day(today: date, days_ago: int, *, school: bool = False) -> date:
    day = today - timedelta(days=days_ago)
    return school_day_near(day) if school else day


def build(rng: random.Random, today: date, roster: Roster) -> list[Featured]:
    """The featured incidents, dated relative to ``today`` (school ones on school days)."""
    r = roster
    out: list[Featured] = []

    # -- The school case --------------------------------------------------------------------------
    start = local(_day(today, 38, school=True), 12, 5)
    place = _place("Mesa Verde Middle School")
    out.append(Featured(
        "school_takedown", "SRO takedown of an 11-year-old in a middle-school cafeteria",
        _base(
            start, place, location=f"{place.name} (cafeteria)", location_type="school", contact_reason="school_call",
            offense="Battery on a peace officer (juvenile referral)",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 12:05, the assistant principal asked me to help with a "
                "student in the cafeteria who was disruptive and would not follow staff directions. The student (S1), an "
                "11-year-old girl, had taken extra cartons of milk from the lunch line and refused to sit down. I told the "
                "student she needed to come with me to the office. She refused and pulled her arm away. I took hold of her "
                "arm with an escort hold. She spun away from me and swung her elbow, striking my forearm. I took her to the "
                "floor to control her and held her there with my knee across her back while she kicked and struggled. I "
                "handcuffed her and sat her up. She had a small abrasion on her cheek and said her arm hurt; the school nurse "
                "checked her. She was released to her mother. A referral for battery on a peace officer was sent to juvenile "
                "probation. My body-worn camera was recording for the whole contact."
            ),
            officers=[{"badge": r["sro_keller"].badge, "role": "primary", "camera_activated": True, "claims": [
                {"kind": "subject_actively_resisted", "subject": "S1", "detail": "She pulled away and struggled on the floor."},
                {"kind": "subject_assaulted_officer", "subject": "S1", "detail": "She swung her elbow and struck my forearm."},
                {"kind": "effect_arrest", "subject": "S1"},
            ]}],
            subjects=[{"ref": "S1", "name": "Mia Benavidez", "age": 11, "sex": "female", "race": "white",
                       "ethnicity": "hispanic", "impairments": ["developmental"], "armed": "unarmed",
                       "perceived_threat": False, "resistance": ["pulled_away"],
                       "injuries": ["abrasion"], "medical_treatment": "on_scene"}],
            force=_force(r, start, [
                ("sro_keller", "S1", "control_hold", 65, "pulled_away"),
                ("sro_keller", "S1", "takedown", 72, "pulled_away"),
                ("sro_keller", "S1", "prone_restraint", 80, "none"),
                ("sro_keller", "S1", "handcuffs", 130, "none"),
            ]),
            witnesses=[
                {"name": "Dolores Maestas", "role": "school_staff", "contact": "Assistant principal, 505-555-0147",
                 "statement": "I asked the officer to walk her to the office. When he put her on the floor I told him twice "
                              "that she was no threat and that this was excessive force. She had taken an extra milk."},
                {"name": "Alan Reyes", "role": "school_staff", "contact": "Teacher, 505-555-0133",
                 "statement": "She was crying and saying he was hurting her. She was not fighting him."},
            ],
        ),
        "school_takedown.vtt", "sro_keller",
    ))

    # -- Officer-involved shooting -----------------------------------------------------------------
    start = local(_day(today, 212), 1, 40)
    place = _place("Pinon Hills Gas & Go")
    out.append(Featured(
        "ois_robbery", "Officer-involved shooting after an armed robbery",
        _base(
            start, place, location_type="business", contact_reason="unlawful_activity", offense="Armed robbery",
            supervisor_present=True,
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 01:40, Corporal Etsitty and I were dispatched to {place.name} "
                "for an armed robbery in progress; the clerk reported a man in a black hooded sweatshirt with a handgun. As I "
                "arrived the subject (S1), a man about 24, walked out of the store holding a black handgun. I drew my handgun "
                "and ordered him to drop the gun. He turned toward me and raised the handgun in my direction. I fired three "
                "rounds; one struck him in the left thigh and he fell. Corporal Etsitty kicked the handgun away and handcuffed "
                "him. We applied a tourniquet and Fire Rescue transported him to the regional medical center, where he was "
                "admitted. The handgun was a loaded 9 mm pistol. Sergeant Jaramillo responded and the scene was turned over to "
                "investigators. My body-worn camera was recording."
            ),
            officers=[
                {"badge": r["c1"].badge, "role": "primary", "camera_activated": True, "claims": [
                    {"kind": "subject_armed", "subject": "S1", "detail": "He held a loaded handgun."},
                    {"kind": "subject_threatened", "subject": "S1", "detail": "He raised the handgun toward me."}]},
                {"badge": r["cpl_c"].badge, "role": "assisting", "camera_activated": True, "claims": ["effect_arrest"]},
                {"badge": r["sgt_c"].badge, "role": "witness", "camera_activated": True},
            ],
            subjects=[{"ref": "S1", "name": "Jeremy Archibeque", "age": 24, "sex": "male", "race": "white",
                       "ethnicity": "hispanic", "impairments": ["drugs"], "armed": "firearm", "perceived_threat": True,
                       "resistance": ["displayed_weapon"], "injuries": ["gunshot_wound"],
                       "medical_treatment": "hospital_admitted"}],
            force=_force(r, start, [
                ("c1", "S1", "firearm_pointed", 46, "displayed_weapon"),
                ("c1", "S1", "firearm_discharged", 51, "displayed_weapon"),
                ("cpl_c", "S1", "handcuffs", 70, "none"),
            ]),
            witnesses=[{"name": "Priya Patel", "role": "bystander", "contact": "Store clerk, 505-555-0171",
                        "statement": "He pointed the gun at me and took the money from the register, then walked out."}],
        ),
        "ois_robbery.vtt", "c1",
    ))

    # -- Canine apprehension ------------------------------------------------------------------------
    start = local(_day(today, 301), 21, 40)
    place = _place("Home Supply Warehouse")
    out.append(Featured(
        "k9_burglary", "Canine apprehension of a burglary suspect",
        _base(
            start, place, location_type="business", contact_reason="unlawful_activity", offense="Commercial burglary",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 21:40, I responded with my police dog to a burglary alarm at "
                f"{place.name}. A man had been seen climbing the back fence into the lumber yard. Officer Russell and I set a "
                "perimeter. I gave three loud canine warnings that the dog would be sent and would bite; nobody answered. I "
                "sent the dog into the yard. The dog found the subject (S1) hiding under a stack of pallets and bit his right "
                "forearm. He hit the dog twice. I called the dog off as soon as Officer Russell had his hands. Fire Rescue "
                "treated the bite and he was taken to the regional medical center, treated and released to jail. My "
                "body-worn camera was recording."
            ),
            officers=[
                {"badge": r["k9_tafoya"].badge, "role": "primary", "camera_activated": True,
                 "claims": ["subject_fled", "effect_arrest"]},
                {"badge": r["b1"].badge, "role": "assisting", "camera_activated": True, "claims": ["effect_arrest"]},
            ],
            subjects=[{"ref": "S1", "name": "Cole Jaquez", "age": 33, "sex": "male", "race": "white",
                       "ethnicity": "hispanic", "impairments": ["drugs"], "armed": "unarmed", "perceived_threat": True,
                       "resistance": ["fled", "resisted_handcuffing"], "injuries": ["dog_bite"],
                       "medical_treatment": "hospital_treated"}],
            force=_force(r, start, [
                ("k9_tafoya", "S1", "canine", 245, "fled"),
                ("b1", "S1", "handcuffs", 262, "resisted_handcuffing"),
            ]),
        ),
        "k9_burglary.txt", "k9_tafoya",
    ))

    # -- Neck restraint with loss of consciousness ------------------------------------------------
    start = local(_day(today, 146), 1, 55)
    place = _place("Desert Rose Nightclub")
    out.append(Featured(
        "neck_restraint", "Neck restraint outside a nightclub; subject lost consciousness",
        _base(
            start, place, location=f"{place.name} (parking lot)", location_type="restaurant", contact_reason="disturbance",
            offense="Battery on a peace officer",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 01:55, I was dispatched to the parking lot of {place.name} "
                "for a fight. Security pointed out the subject (S1), a man about 29, who had punched another patron. He was "
                "highly intoxicated. I told him he was being detained and to put his hands behind his back. He pulled away "
                "and swung his fist at my face. I took hold of him from behind and applied a lateral vascular neck restraint, "
                "and we went to the ground. He stopped resisting and I released the hold. He was briefly unconscious; I "
                "rolled him onto his side and called Fire Rescue, who took him to the regional medical center, where he was "
                "treated and released. He had abrasions on his face. Officer Vigil arrived as I released the hold. My "
                "body-worn camera was recording."
            ),
            officers=[
                {"badge": r["ofc_nez"].badge, "role": "primary", "camera_activated": True, "claims": [
                    {"kind": "subject_assaulted_officer", "subject": "S1", "detail": "He swung his fist at my face."},
                    "subject_actively_resisted", "effect_arrest"]},
                {"badge": r["c2"].badge, "role": "witness", "camera_activated": True},
            ],
            subjects=[{"ref": "S1", "name": "Anthony Luna", "age": 29, "sex": "male", "race": "american_indian",
                       "ethnicity": "not_hispanic", "impairments": ["alcohol"], "armed": "unarmed", "perceived_threat": True,
                       "resistance": ["pulled_away", "assaulted_officer"], "injuries": ["unconscious", "abrasion"],
                       "medical_treatment": "hospital_treated"}],
            force=_force(r, start, [
                ("ofc_nez", "S1", "neck_restraint", 58, "assaulted_officer"),
                ("ofc_nez", "S1", "takedown", 63, "pulled_away"),
            ]),
            witnesses=[{"name": "Marcus Lee", "role": "bystander", "contact": "505-555-0118",
                        "statement": "He was saying he couldn't breathe and then he went limp. I yelled at the cop to let go."}],
        ),
        "neck_restraint.vtt", "ofc_nez",
    ))

    # -- Person in crisis with a knife: de-escalation, then a less-lethal round ---------------------
    start = local(_day(today, 92), 16, 20)
    place = places.Place("1400 block of Sunset Dr", 36.7162, -108.2421)
    out.append(Featured(
        "knife_crisis", "Man in crisis with a knife; de-escalation, then a 40 mm foam round",
        _base(
            start, place, location_type="street", contact_reason="welfare_check",
            offense="Emergency mental-health evaluation", supervisor_present=True,
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 16:20, I was dispatched to the 1400 block of Sunset Dr for a "
                "man walking in the street with a knife and threatening to hurt himself. The subject (S1), a man of 34, held a "
                "kitchen knife to his own forearm. Sergeant Ortega, Corporal Trujillo and I kept distance behind cover and I "
                "talked with him for about twelve minutes. He said he wanted us to shoot him. When he walked toward a family "
                "on the sidewalk with the knife raised, I fired one 40 mm foam round that struck his thigh. He dropped the "
                "knife and Corporal Trujillo took him to the ground and handcuffed him. Fire Rescue evaluated a bruise on his "
                "thigh and he was transported to the regional medical center for an emergency mental-health evaluation. My "
                "body-worn camera was recording."
            ),
            officers=[
                {"badge": r["b3"].badge, "role": "primary", "camera_activated": True, "claims": [
                    {"kind": "subject_armed", "subject": "S1", "detail": "He held a kitchen knife."},
                    "prevent_self_harm", "subject_threatened"]},
                {"badge": r["cpl_b"].badge, "role": "assisting", "camera_activated": True, "claims": ["effect_arrest"]},
                {"badge": r["sgt_b"].badge, "role": "witness", "camera_activated": True},
            ],
            subjects=[{"ref": "S1", "name": "Gabriel Tso", "age": 34, "sex": "male", "race": "american_indian",
                       "ethnicity": "not_hispanic", "impairments": ["mental_health"], "armed": "knife",
                       "perceived_threat": True, "resistance": ["displayed_weapon"], "injuries": ["abrasion"],
                       "medical_treatment": "hospital_treated"}],
            force=_force(r, start, [
                ("b3", "S1", "less_lethal_projectile", 772, "displayed_weapon"),
                ("cpl_b", "S1", "takedown", 780, "none"),
                ("cpl_b", "S1", "handcuffs", 785, "none"),
            ]),
            witnesses=[{"name": "Rosa Quintana", "role": "bystander", "contact": "505-555-0162",
                        "statement": "The officers talked to him for a long time. He came toward us with the knife."}],
        ),
        "knife_crisis.vtt", "b3",
    ))

    # -- A calm traffic stop that ends in a resisted handcuffing ------------------------------------
    start = local(_day(today, 253), 10, 15)
    place = places.Place("US 64 near mile marker 151", 36.7330, -108.1512)
    out.append(Featured(
        "traffic_calm", "Traffic stop with a warrant; tensed arms at handcuffing",
        _base(
            start, place, location_type="highway", contact_reason="traffic_stop", offense="Outstanding bench warrant",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 10:15, I stopped a pickup on US 64 for an expired "
                "registration. A records check showed a bench warrant for the driver (S1), a man of 46. I explained the "
                "warrant and asked him to step out. When I placed his hands behind his back he tensed his arms and pulled "
                "his right arm forward. I used a rear wrist lock and handcuffed him. He had no injury and declined medical "
                "attention. He was booked on the warrant. My body-worn camera was recording."
            ),
            officers=[{"badge": r["a1"].badge, "role": "primary", "camera_activated": True,
                       "claims": ["subject_passively_resisted", "effect_arrest"]}],
            subjects=[{"ref": "S1", "name": "Walter Dodge", "age": 46, "sex": "male", "race": "white",
                       "ethnicity": "not_hispanic", "impairments": ["none"], "armed": "unarmed",
                       "resistance": ["pulled_away"], "injuries": ["none"], "medical_treatment": "none"}],
            force=_force(r, start, [
                ("a1", "S1", "control_hold", 168, "pulled_away"),
                ("a1", "S1", "handcuffs", 175, "pulled_away"),
            ]),
        ),
        "traffic_calm.json", "a1",
    ))

    # -- Shoplifting: "stop resisting" against "I'm not resisting" ----------------------------------
    start = local(_day(today, 24), 17, 30)
    place = _place("Sun Country Market")
    out.append(Featured(
        "shoplift_not_resisting", "Shoplifting arrest: commands to stop resisting, subject says he is not",
        _base(
            start, place, location_type="business", contact_reason="unlawful_activity", offense="Shoplifting",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 17:30, I was dispatched to {place.name} for a shoplifter "
                "detained by loss prevention. The subject (S1), a man of 19, tried to walk past me toward the exit. I took "
                "him to the ground. He actively resisted, kept his arms under his body and tried to get up. I held him "
                "face down with my knee on his back while Officer Serna and I handcuffed him. He had an abrasion on his "
                "chin, which Fire Rescue cleaned on scene. He was arrested for shoplifting and resisting. My body-worn camera "
                "was recording."
            ),
            officers=[
                {"badge": r["ofc_holloway"].badge, "role": "primary", "camera_activated": True, "claims": [
                    {"kind": "subject_actively_resisted", "subject": "S1", "detail": "He kept his arms under his body."},
                    "subject_fled", "effect_arrest"]},
                {"badge": r["b2"].badge, "role": "assisting", "camera_activated": True, "claims": ["effect_arrest"]},
            ],
            subjects=[{"ref": "S1", "name": "Isaiah Chee", "age": 19, "sex": "male", "race": "american_indian",
                       "ethnicity": "not_hispanic", "impairments": ["none"], "armed": "unarmed",
                       "resistance": ["resisted_handcuffing"], "injuries": ["abrasion"], "medical_treatment": "on_scene"}],
            force=_force(r, start, [
                ("ofc_holloway", "S1", "takedown", 42, "passive_noncompliance"),
                ("ofc_holloway", "S1", "prone_restraint", 50, "resisted_handcuffing"),
                ("b2", "S1", "handcuffs", 95, "resisted_handcuffing"),
            ]),
            witnesses=[{"name": "Carla Nunez", "role": "other", "contact": "Loss prevention, 505-555-0109",
                        "statement": "He was not fighting them. He kept saying he was not resisting."}],
        ),
        "shoplift_not_resisting.vtt", "ofc_holloway",
    ))

    # -- Domestic call: Taser probes on a man advancing --------------------------------------------
    start = local(_day(today, 61), 19, 50)
    place = places.Place("2318 Cottonwood Ln", 36.7351, -108.1904)
    out.append(Featured(
        "domestic_cew", "Domestic call: Taser deployed on a man advancing with fists raised",
        _base(
            start, place, location_type="residence", contact_reason="disturbance",
            offense="Battery on a household member",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 19:50, Officer Holloway and I were dispatched to "
                "2318 Cottonwood Ln for a domestic disturbance. The victim said her husband (S1), a man of 42, had hit her. He "
                "was intoxicated and yelling. I told him he was under arrest. He said he would hurt us, raised his fists and "
                "walked toward me. I warned him I would use my Taser. He kept coming and I deployed the Taser; both probes "
                "struck his chest and he fell. Officer Holloway handcuffed him. Fire Rescue removed the probes on scene. He "
                "was booked for battery on a household member. A child was in the home. My body-worn camera was recording."
            ),
            officers=[
                {"badge": r["ofc_lucero"].badge, "role": "primary", "camera_activated": True, "claims": [
                    {"kind": "subject_threatened", "subject": "S1", "detail": "He said he would hurt us and raised his fists."},
                    "subject_assaulted_other", "effect_arrest"]},
                {"badge": r["ofc_holloway"].badge, "role": "assisting", "camera_activated": True,
                 "claims": ["effect_arrest"]},
            ],
            subjects=[{"ref": "S1", "name": "Richard Ulibarri", "age": 42, "sex": "male", "race": "white",
                       "ethnicity": "hispanic", "impairments": ["alcohol"], "armed": "unarmed", "perceived_threat": True,
                       "resistance": ["assaulted_other", "passive_noncompliance"], "injuries": ["cew_probe_wound"],
                       "medical_treatment": "on_scene"}],
            force=_force(r, start, [
                ("ofc_lucero", "S1", "cew_display", 88, "passive_noncompliance"),
                ("ofc_lucero", "S1", "cew_probe", 97, "passive_noncompliance"),
                ("ofc_holloway", "S1", "handcuffs", 110, "none"),
            ]),
        ),
        "domestic_cew.vtt", "ofc_lucero",
    ))

    # -- High-school fight broken up by the SRO -----------------------------------------------------
    start = local(_day(today, 118, school=True), 10, 40)
    place = _place("Mesa Verde High School")
    out.append(Featured(
        "high_school_fight", "High-school fight: a 16-year-old held and handcuffed after calming down",
        _base(
            start, place, location=f"{place.name} (east hallway)", location_type="school", contact_reason="school_call",
            offense="Battery",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 10:40, I responded to a fight between two students in the "
                "east hallway. The student (S1), a 16-year-old boy, was punching another student. I pulled him away and held "
                "his arm in an escort hold. He kept trying to get back to the other student, so I handcuffed him and walked "
                "him to the office. He was released to his father and referred to juvenile probation for battery. My "
                "body-worn camera was recording."
            ),
            officers=[{"badge": r["sro2"].badge, "role": "primary", "camera_activated": True,
                       "claims": ["subject_assaulted_other", "subject_actively_resisted"]}],
            subjects=[{"ref": "S1", "name": "Jayden Morris", "age": 16, "sex": "male", "race": "black",
                       "ethnicity": "not_hispanic", "impairments": ["none"], "armed": "unarmed",
                       "resistance": ["assaulted_other", "pulled_away"], "injuries": ["none"], "medical_treatment": "none"}],
            force=_force(r, start, [
                ("sro2", "S1", "control_hold", 14, "assaulted_other"),
                ("sro2", "S1", "handcuffs", 95, "none"),
            ]),
            witnesses=[{"name": "Linda Sorensen", "role": "school_staff", "contact": "Teacher, 505-555-0124",
                        "statement": "He had calmed down and I told the officer he could let go of him before the handcuffs went on."}],
        ),
        "high_school_fight.txt", "sro2",
    ))

    # -- An eight-year-old handcuffed at an elementary school ---------------------------------------
    start = local(_day(today, 171, school=True), 13, 15)
    place = _place("Cottonwood Elementary School")
    out.append(Featured(
        "elementary_child", "An 8-year-old handcuffed at an elementary school",
        _base(
            start, place, location_type="school", contact_reason="school_call", offense="None (protective hold)",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 13:15, the principal asked me to help with a student (S1), "
                "an 8-year-old boy, who was throwing chairs in a classroom and ran out of the building toward the street. I "
                "caught up with him at the front gate and held his arm. He kicked my shins and kept trying to pull free. I "
                "handcuffed him for his safety and walked him to the counselor's office, where I removed the handcuffs after "
                "about six minutes. He was released to his mother. No charges. My body-worn camera was recording."
            ),
            officers=[{"badge": r["sro1"].badge, "role": "primary", "camera_activated": True,
                       "claims": ["prevent_self_harm", "subject_actively_resisted"]}],
            subjects=[{"ref": "S1", "name": "Noah Begaye", "age": 8, "sex": "male", "race": "american_indian",
                       "ethnicity": "not_hispanic", "impairments": ["developmental"], "armed": "unarmed",
                       "resistance": ["pulled_away", "fled"], "injuries": ["complaint_of_pain"], "medical_treatment": "on_scene"}],
            force=_force(r, start, [
                ("sro1", "S1", "control_hold", 30, "fled"),
                ("sro1", "S1", "handcuffs", 62, "pulled_away"),
            ]),
            witnesses=[{"name": "Janet Wilcox", "role": "school_staff", "contact": "School counselor, 505-555-0155",
                        "statement": "I asked her not to handcuff him. He is eight and has an IEP for a behaviour disability."}],
        ),
        "elementary_child.txt", "sro1",
    ))

    # -- Prone restraint at the transit center: "let him up, he can't breathe" ----------------------
    start = local(_day(today, 9), 20, 30)
    place = _place("Mesa Verde Transit Center")
    out.append(Featured(
        "prone_welfare", "Prone restraint of an intoxicated man; bystanders say he can't breathe",
        _base(
            start, place, location_type="transit", contact_reason="welfare_check",
            offense="Protective custody (intoxication)",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 20:30, Officer Russell and I were dispatched to "
                f"{place.name} for an intoxicated man bothering passengers. The subject (S1), a man of 55, was unsteady and "
                "became combative when I tried to walk him to a bench. We took him to the ground and held him in a prone "
                "position until he stopped struggling and was handcuffed, then sat him up. He complained of chest pain and "
                "was transported to the regional medical center, treated and released to detox. My body-worn camera was "
                "recording."
            ),
            officers=[
                {"badge": r["ofc_holloway"].badge, "role": "primary", "camera_activated": True,
                 "claims": ["subject_actively_resisted", "prevent_self_harm"]},
                {"badge": r["b1"].badge, "role": "assisting", "camera_activated": True, "claims": ["prevent_self_harm"]},
            ],
            subjects=[{"ref": "S1", "name": "Harold Yellowman", "age": 55, "sex": "male", "race": "american_indian",
                       "ethnicity": "not_hispanic", "impairments": ["alcohol"], "armed": "unarmed",
                       "resistance": ["pulled_away"], "injuries": ["complaint_of_pain"],
                       "medical_treatment": "hospital_treated"}],
            force=_force(r, start, [
                ("ofc_holloway", "S1", "takedown", 35, "pulled_away"),
                ("ofc_holloway", "S1", "prone_restraint", 40, "pulled_away"),
                ("b1", "S1", "handcuffs", 118, "none"),
            ]),
            witnesses=[{"name": "Angela Whitehorse", "role": "bystander", "contact": "505-555-0190",
                        "statement": "He was an old drunk man and he was not fighting. I told them to let him up because he couldn't breathe."}],
        ),
        "prone_welfare.vtt", "ofc_holloway",
    ))

    # -- Booking-room drive stun ---------------------------------------------------------------------
    start = local(_day(today, 404), 3, 20)
    place = _place("Mesa Verde County Detention Center")
    out.append(Featured(
        "jail_drive_stun", "Drive-stun on a prisoner refusing a search at booking",
        _base(
            start, place, location_type="jail", contact_reason="other", offense="Battery on a peace officer",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 03:20, while booking an arrestee (S1), a man of 27, he "
                "refused to face the wall for the search, turned and shoved a detention officer. I held his left arm in a "
                "wrist lock; he kept pulling away. After a warning I applied a Taser drive-stun to his thigh for one cycle "
                "and he complied. Booking staff checked him; he had no injury. He was charged with battery on a peace "
                "officer. My body-worn camera was recording."
            ),
            officers=[{"badge": r["c5"].badge, "role": "primary", "camera_activated": True,
                       "claims": ["subject_assaulted_other", "subject_actively_resisted"]}],
            subjects=[{"ref": "S1", "name": "Dustin Crane", "age": 27, "sex": "male", "race": "white",
                       "ethnicity": "not_hispanic", "impairments": ["alcohol"], "armed": "unarmed",
                       "resistance": ["assaulted_other", "pulled_away"], "injuries": ["none"], "medical_treatment": "none"}],
            force=_force(r, start, [
                ("c5", "S1", "control_hold", 40, "assaulted_other"),
                ("c5", "S1", "cew_drive_stun", 75, "pulled_away"),
            ]),
            witnesses=[{"name": "Detention Officer Ray Lujan", "role": "other_agency", "contact": "County detention center",
                        "statement": "He shoved me when we told him to face the wall."}],
        ),
        "jail_drive_stun.txt", "c5",
    ))

    # -- High-risk stop with firearms pointed, fully compliant driver -------------------------------
    start = local(_day(today, 497), 13, 5)
    place = _place("Westside Shopping Center parking lot")
    out.append(Featured(
        "felony_stop_pointed", "High-risk stop of a stolen car: firearms pointed, driver compliant",
        _base(
            start, place, location_type="parking", contact_reason="unlawful_activity",
            offense="Unlawful taking of a motor vehicle",
            narrative=(
                f"On {start:%B} {start.day}, {start.year} at about 13:05, a license-plate reader alerted on a stolen sedan and "
                f"Officer Begay and I stopped it in the {place.name}. Because the car was reported taken at gunpoint, we drew "
                "our handguns and pointed them at the driver (S1), a man of 22, while giving commands. He followed every "
                "command. We handcuffed him without resistance and holstered. No weapon was found. He was arrested for "
                "unlawful taking of a motor vehicle. My body-worn camera was recording."
            ),
            officers=[
                {"badge": r["cpl_a"].badge, "role": "primary", "camera_activated": True,
                 "claims": [{"kind": "subject_armed", "detail": "The car was reported taken at gunpoint."}, "effect_arrest"]},
                {"badge": r["a3"].badge, "role": "assisting", "camera_activated": True, "claims": ["effect_arrest"]},
            ],
            subjects=[{"ref": "S1", "name": "Eli Harvey", "age": 22, "sex": "male", "race": "american_indian",
                       "ethnicity": "not_hispanic", "impairments": ["none"], "armed": "believed_armed",
                       "perceived_threat": True, "resistance": ["none"], "injuries": ["none"], "medical_treatment": "none"}],
            force=_force(r, start, [
                ("cpl_a", "S1", "firearm_pointed", 10, "none"),
                ("a3", "S1", "firearm_pointed", 10, "none"),
            ]),
        ),
        "felony_stop_pointed.srt", "cpl_a",
    ))
    return out
