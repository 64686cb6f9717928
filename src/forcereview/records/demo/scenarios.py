"""The kinds of encounter that end in reportable force, with how often each happens and how
each tends to unfold.

Weights are shares of the generated incidents. Force patterns pair a sequence of force types
with the resistance that met them, so the facts of one incident hang together. Frequencies
follow what agencies publish: control holds, takedowns and resisted handcuffing are most of
all force; conducted-energy weapons and pointed firearms are next; strikes, pepper spray and
impact weapons are less common; canine bites, less-lethal projectiles and neck restraints are
rare; firearm discharges are rarest (the featured incidents add one of each rare kind).
"""

from __future__ import annotations

from dataclasses import dataclass

Weighted = tuple  # (value, weight)


@dataclass(frozen=True)
class Pattern:
    force: tuple[str, ...]
    resistance: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class Scenario:
    key: str
    weight: float
    contact_reason: str
    places: tuple[Weighted, ...]
    calls: tuple[str, ...]
    offenses: tuple[str, ...]
    behaviours: tuple[str, ...]
    outcomes: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    ages: tuple[int, int, int] = (18, 55, 27)  # low, high, mode (triangular)
    juvenile_share: float = 0.0
    male_share: float = 0.8
    armed: tuple[Weighted, ...] = (("unarmed", 1.0),)
    impairments: tuple[Weighted, ...] = ((("none",), 0.6), (("alcohol",), 0.25), (("drugs",), 0.15))
    second_subject: float = 0.0
    witness_roles: tuple[Weighted, ...] = (("bystander", 1.0),)
    witness_share: float = 0.25
    team: str = "patrol"  # patrol | sro | k9 | cid
    hours: str = "any"  # any | school | night
    observed: bool = False  # the officer saw it on patrol rather than being dispatched
    in_custody: bool = False  # the subject was already a prisoner


P = Pattern

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="disturbance_fight",
        weight=14,
        contact_reason="disturbance",
        places=(("restaurant", 5), ("street", 3), ("parking", 2), ("residence", 1)),
        calls=("a fight in progress", "several people fighting", "an intoxicated man refusing to leave and threatening staff"),
        offenses=("Battery", "Disorderly conduct", "Aggravated battery", "Criminal trespass"),
        behaviours=(
            "The subject was standing over another man and yelling. When I told the subject to step back, {he} turned toward me with {his} fists clenched.",
            "Witnesses pointed out the subject as the one who had thrown the first punch. The subject ignored my commands to sit on the curb and tried to walk back toward the other party.",
            "The subject was arguing with a doorman and swung at him as I arrived.",
        ),
        outcomes=(
            "The subject was arrested for {offense} and booked at the county detention center.",
            "The subject was cited for {offense} and released to a sober adult.",
        ),
        patterns=(
            P(("control_hold", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 6),
            P(("takedown", "handcuffs"), ("assaulted_other", "resisted_handcuffing"), 5),
            P(("push_shove", "control_hold"), ("assaulted_other", "pulled_away"), 3),
            P(("takedown", "hand_strike", "handcuffs"), ("assaulted_officer", "resisted_handcuffing"), 2),
            P(("oc_spray", "takedown"), ("assaulted_officer",), 1.2),
            P(("cew_display", "control_hold"), ("passive_noncompliance", "pulled_away"), 1.5),
            P(("knee_strike", "takedown"), ("assaulted_officer",), 0.8),
            P(("foot_strike", "takedown"), ("assaulted_officer",), 0.25),
        ),
        impairments=((("alcohol",), 0.65), (("none",), 0.2), (("alcohol", "drugs"), 0.15)),
        second_subject=0.2,
        witness_roles=(("bystander", 0.8), ("other", 0.2)),
        witness_share=0.5,
        hours="night",
    ),
    Scenario(
        key="domestic",
        weight=14,
        contact_reason="disturbance",
        places=(("residence", 10), ("parking", 1)),
        calls=("a domestic disturbance", "a woman screaming for help", "a man hitting his girlfriend"),
        offenses=("Battery on a household member", "Aggravated battery on a household member", "Criminal damage to property of a household member"),
        behaviours=(
            "The victim had visible redness on her face and said the subject had pushed her into a wall. When I told the subject {he} was under arrest, {he} backed away and tucked {his} arms under {his} chest.",
            "The subject was yelling inside the residence and refused to come to the door. When {he} opened it {he} pushed past me toward the victim.",
            "The subject refused to let me speak with the victim alone and stood between us in the doorway.",
        ),
        outcomes=("The subject was arrested for {offense} and booked at the county detention center.",),
        patterns=(
            P(("control_hold", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 6),
            P(("takedown", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 4),
            P(("takedown", "prone_restraint", "handcuffs"), ("assaulted_officer", "resisted_handcuffing"), 2),
            P(("cew_display",), ("passive_noncompliance",), 1.5),
            P(("cew_probe", "handcuffs"), ("assaulted_other", "resisted_handcuffing"), 1.2),
            P(("hand_strike", "takedown", "handcuffs"), ("assaulted_officer", "resisted_handcuffing"), 0.8),
            P(("cew_drive_stun", "handcuffs"), ("resisted_handcuffing",), 0.4),
        ),
        armed=(("unarmed", 0.85), ("knife", 0.08), ("blunt", 0.07)),
        impairments=((("alcohol",), 0.5), (("none",), 0.35), (("drugs",), 0.15)),
        witness_roles=(("bystander", 0.4), ("other", 0.6)),
        witness_share=0.35,
    ),
    Scenario(
        key="shoplifting",
        weight=10,
        contact_reason="unlawful_activity",
        places=(("business", 9), ("parking", 2)),
        calls=("a shoplifter detained by loss prevention", "a shoplifter fleeing the store", "a man concealing merchandise"),
        offenses=("Shoplifting", "Shoplifting (over $500)", "Robbery"),
        behaviours=(
            "Loss prevention staff identified the subject, who was walking quickly toward the exit with unpaid merchandise. When I told the subject to stop, the subject kept walking.",
            "The subject dropped the merchandise and tried to run when I approached.",
            "The subject refused to give a name and pulled away when I took hold of an arm to escort the subject to the office.",
        ),
        outcomes=(
            "The subject was arrested for {offense} and booked at the county detention center.",
            "The subject was cited for {offense} and released.",
        ),
        patterns=(
            P(("control_hold", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 6),
            P(("takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 4),
            P(("push_shove", "takedown"), ("fled",), 1),
            P(("cew_probe",), ("fled",), 0.6),
        ),
        ages=(16, 60, 26),
        juvenile_share=0.18,
        male_share=0.65,
        impairments=((("none",), 0.7), (("drugs",), 0.2), (("alcohol",), 0.1)),
        witness_roles=(("bystander", 0.3), ("other", 0.7)),
        witness_share=0.5,
    ),
    Scenario(
        key="traffic_stop",
        weight=11,
        contact_reason="traffic_stop",
        places=(("street", 6), ("highway", 3), ("parking", 2)),
        calls=("a vehicle with no registration", "a vehicle weaving across lanes", "a speeding vehicle", "a vehicle with a broken tail light"),
        offenses=("DWI", "Driving on a revoked license", "Outstanding warrant", "Possession of a controlled substance"),
        behaviours=(
            "The driver had a strong odor of alcohol and refused to step out of the vehicle after several requests.",
            "A records check showed an outstanding felony warrant. When I told the driver to step out, {he} put the vehicle in drive.",
            "The driver stepped out but refused to place {his} hands behind {his} back and tensed {his} arms.",
        ),
        outcomes=(
            "The driver was arrested for {offense} and booked at the county detention center.",
            "The driver was arrested for {offense}; the vehicle was towed.",
        ),
        patterns=(
            P(("control_hold", "handcuffs"), ("passive_noncompliance", "resisted_handcuffing"), 6),
            P(("takedown", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 3),
            P(("cew_display", "handcuffs"), ("passive_noncompliance", "resisted_handcuffing"), 1.5),
            P(("firearm_pointed", "handcuffs"), ("vehicle_as_weapon", "none"), 0.8),
            P(("control_hold", "knee_strike", "handcuffs"), ("resisted_handcuffing",), 0.5),
        ),
        impairments=((("none",), 0.45), (("alcohol",), 0.4), (("drugs",), 0.15)),
        witness_share=0.1,
        observed=True,
    ),
    Scenario(
        key="warrant_service",
        weight=7,
        contact_reason="warrant_service",
        places=(("residence", 6), ("business", 1), ("street", 1)),
        calls=("a felony arrest warrant", "a probation violation warrant", "a bench warrant"),
        offenses=("Outstanding felony warrant", "Probation violation", "Failure to appear"),
        behaviours=(
            "The subject saw us at the front door, ran to a back bedroom and refused to come out.",
            "The subject came to the door, saw the uniforms and tried to shut it on us.",
            "The subject was known to carry a handgun and reached toward {his} waistband when we announced ourselves.",
        ),
        outcomes=("The subject was taken into custody on the warrant and booked at the county detention center.",),
        patterns=(
            P(("firearm_pointed", "handcuffs"), ("passive_noncompliance", "none"), 3),
            P(("control_hold", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 3),
            P(("takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 2),
            P(("cew_probe", "handcuffs"), ("fled", "resisted_handcuffing"), 1),
            P(("firearm_pointed", "takedown"), ("displayed_weapon", "resisted_handcuffing"), 0.8),
        ),
        armed=(("unarmed", 0.7), ("believed_armed", 0.2), ("firearm", 0.05), ("knife", 0.05)),
        witness_share=0.1,
        team="cid",
    ),
    Scenario(
        key="mental_health",
        weight=9,
        contact_reason="welfare_check",
        places=(("residence", 5), ("street", 2), ("hospital", 1), ("business", 1)),
        calls=("a welfare check on a man threatening suicide", "a woman in crisis walking in traffic", "a man shouting at people and talking to himself"),
        offenses=("Emergency mental-health evaluation", "Disorderly conduct", "Assault"),
        behaviours=(
            "The subject was pacing, crying and saying that nobody could help. We spoke with the subject for several minutes. When told the subject would be taken for an evaluation, the subject tried to run into the roadway.",
            "The subject was holding a kitchen knife to their own wrist. We asked the subject to put the knife down and talked for some time before the subject dropped it and then pulled away.",
            "The subject did not respond to questions and swung an arm at me when I tried to guide the subject away from traffic.",
        ),
        outcomes=(
            "The subject was transported to the regional medical center for an emergency mental-health evaluation.",
            "The subject was taken into protective custody and transported for evaluation; no charges were filed.",
        ),
        patterns=(
            P(("control_hold",), ("pulled_away",), 5),
            P(("control_hold", "prone_restraint"), ("pulled_away", "resisted_handcuffing"), 3),
            P(("takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 2),
            P(("cew_display",), ("displayed_weapon",), 1.2),
            P(("cew_probe", "handcuffs"), ("used_weapon", "resisted_handcuffing"), 0.8),
            P(("less_lethal_projectile", "takedown"), ("displayed_weapon", "resisted_handcuffing"), 0.25),
        ),
        male_share=0.6,
        armed=(("unarmed", 0.75), ("knife", 0.2), ("other_weapon", 0.05)),
        impairments=((("mental_health",), 0.7), (("mental_health", "drugs"), 0.2), (("mental_health", "alcohol"), 0.1)),
        witness_roles=(("parent", 0.4), ("bystander", 0.4), ("medical", 0.2)),
        witness_share=0.35,
        ages=(15, 70, 32),
        juvenile_share=0.06,
    ),
    Scenario(
        key="trespass_suspicious",
        weight=8,
        contact_reason="routine_patrol",
        places=(("business", 3), ("park", 2), ("street", 2), ("transit", 1), ("government", 1)),
        calls=("a man sleeping in a business doorway after a trespass warning", "a person trying door handles on parked cars", "a person refusing to leave a closed park"),
        offenses=("Criminal trespass", "Auto burglary", "Concealing identity"),
        behaviours=(
            "The subject refused to give a name and turned to walk away when I told the subject to stay.",
            "The subject had been trespassed from the property the week before and refused to leave again.",
            "The subject matched the description given and began to run when I got out of my patrol car.",
        ),
        outcomes=(
            "The subject was arrested for {offense} and booked at the county detention center.",
            "The subject was cited for {offense} and released at the scene.",
        ),
        patterns=(
            P(("control_hold", "handcuffs"), ("passive_noncompliance", "resisted_handcuffing"), 5),
            P(("takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 3),
            P(("push_shove",), ("passive_noncompliance",), 1.2),
        ),
        impairments=((("none",), 0.4), (("alcohol",), 0.3), (("drugs",), 0.2), (("mental_health",), 0.1)),
        observed=True,
        witness_share=0.15,
    ),
    Scenario(
        key="fleeing_burglar",
        weight=8,
        contact_reason="unlawful_activity",
        places=(("residence", 3), ("business", 2), ("street", 2), ("open_space", 1)),
        calls=("a burglary in progress", "an armed robbery that just occurred", "a stolen vehicle whose driver fled on foot"),
        offenses=("Residential burglary", "Commercial burglary", "Armed robbery", "Receiving stolen property"),
        behaviours=(
            "The subject matched the description and ran when I announced myself. I chased the subject for about two blocks.",
            "The subject climbed a back fence and fled into the neighbouring yards. I gave several commands to stop.",
            "The subject dropped a backpack of stolen items and ran toward the arroyo.",
        ),
        outcomes=("The subject was arrested for {offense} and booked at the county detention center.",),
        patterns=(
            P(("takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 5),
            P(("cew_probe", "handcuffs"), ("fled", "resisted_handcuffing"), 2.5),
            P(("takedown", "knee_strike", "handcuffs"), ("fled", "assaulted_officer", "resisted_handcuffing"), 1),
            P(("firearm_pointed", "handcuffs"), ("fled", "none"), 1.5),
            P(("takedown", "hand_strike", "prone_restraint"), ("fled", "assaulted_officer", "resisted_handcuffing"), 0.6),
            P(("foot_strike", "takedown"), ("assaulted_officer", "resisted_handcuffing"), 0.3),
            P(("impact_weapon", "takedown"), ("assaulted_officer", "resisted_handcuffing"), 0.3),
            P(("canine", "handcuffs"), ("fled", "resisted_handcuffing"), 0.35),
        ),
        armed=(("unarmed", 0.75), ("believed_armed", 0.15), ("knife", 0.05), ("blunt", 0.05)),
        ages=(15, 50, 24),
        juvenile_share=0.15,
        impairments=((("none",), 0.65), (("drugs",), 0.35)),
        witness_share=0.2,
    ),
    Scenario(
        key="felony_stop",
        weight=5,
        contact_reason="unlawful_activity",
        places=(("street", 3), ("parking", 2), ("highway", 2)),
        calls=("a stolen vehicle located by a license-plate reader", "a vehicle linked to a drive-by shooting", "a vehicle that fled from officers earlier"),
        offenses=("Unlawful taking of a motor vehicle", "Aggravated assault with a deadly weapon", "Aggravated fleeing"),
        behaviours=(
            "We conducted a high-risk stop. The driver was slow to follow commands and kept reaching toward the floorboard.",
            "The vehicle stopped after a short pursuit and two occupants got out. The driver did not show {his} hands.",
        ),
        outcomes=("The driver was arrested for {offense} and booked at the county detention center.",),
        patterns=(
            P(("firearm_pointed", "handcuffs"), ("passive_noncompliance", "none"), 5),
            P(("firearm_pointed", "takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 1.5),
            P(("canine", "handcuffs"), ("fled", "resisted_handcuffing"), 0.35),
            P(("cew_probe", "handcuffs"), ("fled", "resisted_handcuffing"), 0.6),
        ),
        armed=(("unarmed", 0.6), ("believed_armed", 0.3), ("firearm", 0.1)),
        ages=(16, 45, 23),
        juvenile_share=0.1,
        witness_share=0.05,
        team="k9",
    ),
    Scenario(
        key="intoxicated_person",
        weight=8,
        contact_reason="welfare_check",
        places=(("street", 3), ("restaurant", 2), ("transit", 1), ("park", 1), ("business", 1)),
        calls=("an intoxicated man lying in the roadway", "a highly intoxicated woman refusing help", "a man who could not stand and was blocking a store entrance"),
        offenses=("Protective custody (intoxication)", "Disorderly conduct", "Resisting an officer"),
        behaviours=(
            "The subject could not stand on {his} own and became combative when I tried to help {him} to the curb.",
            "The subject refused medical evaluation and tried to walk back into traffic.",
        ),
        outcomes=(
            "The subject was taken into protective custody and transported to the detox center.",
            "The subject was transported by ambulance for medical clearance.",
        ),
        patterns=(
            P(("control_hold",), ("pulled_away",), 5),
            P(("push_shove", "control_hold"), ("assaulted_officer", "pulled_away"), 1.5),
            P(("takedown", "prone_restraint", "handcuffs"), ("assaulted_officer", "resisted_handcuffing"), 1.5),
            P(("takedown", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 2),
        ),
        male_share=0.75,
        ages=(19, 68, 38),
        impairments=((("alcohol",), 0.8), (("alcohol", "drugs"), 0.2)),
        witness_roles=(("bystander", 0.6), ("medical", 0.4)),
        witness_share=0.3,
    ),
    Scenario(
        key="custody_resistance",
        weight=4,
        contact_reason="other",
        places=(("jail", 3), ("police_facility", 2), ("hospital", 1)),
        calls=("a prisoner refusing to be searched at booking", "an arrestee kicking the patrol car window", "a prisoner refusing to leave the holding cell"),
        offenses=("Battery on a peace officer", "Resisting an officer", "Criminal damage to property"),
        behaviours=(
            "During booking the prisoner refused to be searched, turned and pushed a detention officer.",
            "The prisoner was kicking the inside of the patrol car and hitting {his} head on the partition.",
        ),
        outcomes=("The prisoner was booked with an added charge of {offense}.",),
        patterns=(
            P(("control_hold", "prone_restraint"), ("assaulted_officer", "resisted_handcuffing"), 4),
            P(("cew_drive_stun", "control_hold"), ("assaulted_officer", "resisted_handcuffing"), 1.2),
            P(("knee_strike", "control_hold"), ("assaulted_officer", "resisted_handcuffing"), 0.8),
            P(("oc_spray",), ("assaulted_officer",), 0.6),
        ),
        impairments=((("alcohol",), 0.5), (("drugs",), 0.3), (("none",), 0.2)),
        witness_roles=(("other_agency", 1.0),),
        witness_share=0.5,
        hours="night",
        in_custody=True,
    ),
    Scenario(
        key="school",
        weight=7,
        contact_reason="school_call",
        places=(("school", 1),),
        calls=("a fight between students", "a student who would not go to the office", "a student with a vape pen who ran from staff", "a student threatening another student"),
        offenses=("Battery", "Disorderly conduct", "Interference with the educational process", "Possession of a controlled substance"),
        behaviours=(
            "Staff had separated two students who were fighting in the hallway. One student kept trying to get past staff to the other.",
            "The assistant principal asked me to escort the student to the office. The student refused and pulled away from me.",
            "The student ran from staff, and when I stopped the student in the courtyard, the student swung an arm at me.",
        ),
        outcomes=(
            "The student was released to a parent, and a referral was sent to the juvenile probation office for {offense}.",
            "The student was released to a parent; the school handled discipline.",
            "The student was detained and taken to the juvenile detention center for {offense}.",
        ),
        patterns=(
            P(("control_hold",), ("pulled_away",), 5),
            P(("control_hold", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 3),
            P(("push_shove",), ("assaulted_other",), 1.5),
            P(("takedown", "handcuffs"), ("assaulted_other", "resisted_handcuffing"), 1.5),
            P(("cew_display",), ("assaulted_other",), 0.25),
        ),
        ages=(11, 18, 15),
        juvenile_share=0.93,
        male_share=0.7,
        impairments=((("none",), 0.85), (("drugs",), 0.07), (("developmental",), 0.08)),
        second_subject=0.25,
        witness_roles=(("school_staff", 0.75), ("student", 0.25)),
        witness_share=0.9,
        team="sro",
        hours="school",
    ),
    Scenario(
        key="juvenile_community",
        weight=4,
        contact_reason="unlawful_activity",
        places=(("park", 3), ("street", 2), ("residence", 2), ("business", 1)),
        calls=("juveniles fighting in a park", "a runaway juvenile refusing to go home", "juveniles breaking car windows"),
        offenses=("Battery", "Criminal damage to property", "Runaway (protective custody)", "Curfew violation"),
        behaviours=(
            "The juvenile tried to run when I called out, and then pulled away when I held an arm.",
            "The juvenile refused to give a name or age and kept walking away into the street.",
        ),
        outcomes=(
            "The juvenile was released to a parent.",
            "The juvenile was detained and taken to the juvenile detention center for {offense}.",
        ),
        patterns=(
            P(("control_hold",), ("pulled_away",), 4),
            P(("takedown", "handcuffs"), ("fled", "resisted_handcuffing"), 2),
            P(("control_hold", "handcuffs"), ("pulled_away", "resisted_handcuffing"), 2),
        ),
        ages=(12, 17, 15),
        juvenile_share=1.0,
        male_share=0.75,
        impairments=((("none",), 0.8), (("alcohol",), 0.1), (("drugs",), 0.1)),
        witness_roles=(("parent", 0.6), ("bystander", 0.4)),
        witness_share=0.4,
        hours="night",
    ),
    Scenario(
        key="armed_person",
        weight=4,
        contact_reason="unlawful_activity",
        places=(("street", 3), ("business", 2), ("residence", 2), ("parking", 1)),
        calls=("a man waving a knife at passers-by", "a man with a gun threatening his neighbour", "a person brandishing a bat at a gas station"),
        offenses=("Aggravated assault with a deadly weapon", "Unlawful carrying of a deadly weapon", "Aggravated assault"),
        behaviours=(
            "The subject was holding a knife and refused repeated commands to drop it. {He} took several steps toward us.",
            "The subject had a handgun in {his} waistband and kept {his} hand near it while yelling at the neighbour.",
            "The subject was swinging a baseball bat and shattered a car window as we arrived.",
        ),
        outcomes=("The subject was arrested for {offense} and booked at the county detention center.",),
        patterns=(
            P(("firearm_pointed", "handcuffs"), ("displayed_weapon", "none"), 4),
            P(("firearm_pointed", "cew_probe", "handcuffs"), ("displayed_weapon", "resisted_handcuffing"), 2),
            P(("oc_spray", "takedown"), ("displayed_weapon", "resisted_handcuffing"), 0.8),
            P(("cew_display", "handcuffs"), ("displayed_weapon", "none"), 1),
            P(("impact_weapon", "takedown"), ("used_weapon", "resisted_handcuffing"), 0.3),
            P(("less_lethal_projectile", "handcuffs"), ("displayed_weapon", "resisted_handcuffing"), 0.3),
        ),
        armed=(("knife", 0.5), ("firearm", 0.25), ("blunt", 0.2), ("other_weapon", 0.05)),
        impairments=((("none",), 0.4), (("drugs",), 0.25), (("alcohol",), 0.2), (("mental_health",), 0.15)),
        witness_share=0.4,
    ),
)
