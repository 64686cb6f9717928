"""Body-camera transcripts for generated incidents, written from the incident's own facts.

Recent generated incidents (the ones going through the review workflow) get the recording
the officer's camera would have made, unless the report says the camera was not activated:
the dispatch call, the contact, the commands that came with each force application at its
time, what the subject said for the resistance recorded, and the call for medical help.
Written as WebVTT with voice tags, the format most camera systems export.
"""

from __future__ import annotations

import random
from datetime import datetime

from forcereview.records.demo.roster import OfficerSpec

CALL_SIGNS = {"shift_a": "Adam", "shift_b": "Baker", "shift_c": "Charlie", "sro": "Sam", "cid": "David"}

FORCE_LINES = {
    "push_shove": [("officer", "Back up! Back up right now!")],
    "takedown": [("officer", "Get on the ground! Get down!"), ("event", "[struggle]")],
    "control_hold": [("officer", "Give me your arm. Relax your arm. Don't pull away.")],
    "handcuffs": [("officer", "Hands behind your back. Give me your other hand."), ("event", "[handcuffs clicking]")],
    "hand_strike": [("officer", "Stop fighting! Stop fighting me!"), ("event", "[struggle]")],
    "foot_strike": [("officer", "Let go! Let go of me!"), ("event", "[struggle]")],
    "knee_strike": [("officer", "Stop resisting! Give me your hands!"), ("event", "[struggle]")],
    "prone_restraint": [("officer", "Stay down! Stop moving! Stay on your stomach!")],
    "neck_restraint": [("officer", "Stop fighting! Stop!"), ("event", "[struggle]")],
    "oc_spray": [("officer", "Pepper spray! Back up or you'll get sprayed!"), ("event", "[spray]")],
    "cew_display": [("officer", "Taser! Stop or you will be tased!")],
    "cew_drive_stun": [("officer", "Taser! Stop resisting!"), ("event", "[taser clicking]")],
    "cew_probe": [("officer", "Taser! Taser! Taser!"), ("event", "[taser clicking]"), ("subject", "[screaming]")],
    "impact_weapon": [("officer", "Drop it! Drop it or you're getting hit!"), ("event", "[struggle]")],
    "canine": [("officer", "Police canine! Come out now or the dog will bite you!"), ("event", "[dog barking]")],
    "less_lethal_projectile": [("officer", "Less lethal! Drop the weapon!"), ("event", "[less lethal round fired]")],
    "firearm_pointed": [("officer", "Show me your hands! Don't move! Show me your hands!")],
    "firearm_discharged": [("officer", "Drop the gun! Drop it!"), ("event", "[gunshots]")],
}
RESISTANCE_LINES = {
    "passive_noncompliance": ("I'm not doing anything. Just leave me alone.", "I don't have to talk to you."),
    "pulled_away": ("Don't touch me! Get your hands off me!", "Let go of me, man!"),
    "resisted_handcuffing": ("No! I'm not going to jail!", "Get off me!"),
    "fled": ("[running]",),
    "assaulted_officer": ("Get the fuck off me!",),
    "assaulted_other": ("He started it! Let me go!",),
    "displayed_weapon": ("Stay back! Stay away from me!",),
    "used_weapon": ("Get back! I'll cut you!",),
    "vehicle_as_weapon": ("[engine revving]",),
}
# The subject's first answer, before any force.
FIRST_WORDS = {
    "passive_noncompliance": "I'm not doing anything. Just leave me alone.",
    "pulled_away": "Why? What's this about?",
    "resisted_handcuffing": "For what? What did I do?",
    "fled": "[running]",
    "assaulted_officer": "Get away from me! I'm not talking to you!",
    "assaulted_other": "He started it! He came at me first!",
    "displayed_weapon": "Stay back! Stay away from me!",
    "used_weapon": "Get back! Get away from me!",
    "vehicle_as_weapon": "[engine revving]",
}
# Said before force when the officer reports assault, threats or active resistance; most
# recordings bear the report out, some do not (and the review will notice).
AGGRESSION_CLAIMS = {"subject_assaulted_officer", "subject_assaulted_other", "subject_threatened",
                     "subject_actively_resisted"}
AGGRESSION_LINES = ("Come on, I'll fight you!", "Fuck you, I'll beat your ass!", "Get off me or I'll fuck you up!")
CONSISTENT_SHARE = 0.85
OPENINGS = {
    "traffic_stop": "Good evening. Mesa Verde Police. The reason I stopped you is your vehicle. License and registration, please.",
    "welfare_check": "Hey, I'm with Mesa Verde Police. I'm here to make sure you're okay. What's going on today?",
    "school_call": "Hey, I need you to come with me to the office. Let's talk about what happened.",
    "warrant_service": "Mesa Verde Police! We have a warrant. Come to the door with your hands where we can see them.",
}
DEFAULT_OPENING = "Mesa Verde Police. Stop right there. I need to talk to you."


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{int(round((seconds - whole) * 1000)):03d}"


def _address(age: int | None, sex: str) -> str:
    if age is not None and age < 18:
        return "bud" if sex == "male" else "hey"
    return {"male": "sir", "female": "ma'am"}.get(sex, "hey")


def synthesize(report: dict, officer: OfficerSpec, officers_by_badge: dict[str, OfficerSpec], seed: str) -> str:
    rng = random.Random(seed)
    start = datetime.fromisoformat(report["occurred_at"])
    subject = report["subjects"][0]
    sex, age = subject.get("sex", "unknown"), subject.get("age")
    call_sign = f"{rng.randint(2, 4)} {CALL_SIGNS.get(officer.unit, 'Adam')} {rng.randint(10, 29)}"
    cues: list[tuple[float, str, str]] = []  # (seconds, speaker, text)

    def say(at: float, who: str, text: str) -> None:
        cues.append((at, who, text))

    names = {"officer": f"Officer {officer.last_name}", "subject": "Subject", "dispatch": "Dispatch"}
    t = 2.0
    if report["contact_reason"] not in {"traffic_stop", "routine_patrol"}:
        say(t, "dispatch", f"Units respond to {report['location'].split(',')[0]}, {report.get('offense', 'a call').lower()}.")
        t += rng.uniform(20, 60)
    opening = OPENINGS.get(report["contact_reason"], DEFAULT_OPENING)
    say(t, "officer", opening.replace("Hey,", f"Hey {_address(age, sex)},", 1) if opening.startswith("Hey,") else opening)
    t += rng.uniform(3, 6)
    resistance = [r for r in subject.get("resistance", []) if r in FIRST_WORDS]
    if resistance:
        say(t, "subject", FIRST_WORDS[resistance[0]])
    else:
        say(t, "subject", "Okay. What's this about?")
    t += rng.uniform(3, 8)

    claims = {c if isinstance(c, str) else c.get("kind") for o in report["officers"] for c in o.get("claims", [])}
    if claims & AGGRESSION_CLAIMS and rng.random() < CONSISTENT_SHARE:
        say(t, "subject", rng.choice(AGGRESSION_LINES))
        t += rng.uniform(2, 4)
    for force in sorted(report["force"], key=lambda f: f.get("at") or ""):
        at = (datetime.fromisoformat(force["at"]) - start).total_seconds() if force.get("at") else t
        at = max(at, t)
        by = officers_by_badge.get(force["officer"])
        speaker = f"Officer {by.last_name}" if by is not None else names["officer"]
        for who, text in FORCE_LINES.get(force["type"], []):
            if who == "officer":
                say(at, speaker, text)
            elif who == "event":
                say(at, "", text)
            else:
                say(at, "subject", text)
            at += rng.uniform(1.5, 4)
        if force.get("resistance") in RESISTANCE_LINES and rng.random() < 0.5:
            say(at, "subject", rng.choice(RESISTANCE_LINES[force["resistance"]]))
            at += rng.uniform(1.5, 3)
        t = at + rng.uniform(2, 6)

    injuries = [i for i in subject.get("injuries", []) if i != "none"]
    if injuries:
        pain = "I'm bleeding." if "laceration" in injuries else rng.choice(("My arm hurts.", "My wrist, man. That hurts."))
        say(t, "subject", pain)
        t += rng.uniform(2, 4)
        say(t, "officer", "Rescue is on the way. Sit tight, they'll take a look at you.")
        t += rng.uniform(3, 6)
    else:
        say(t, "officer", f"Are you hurt anywhere, {_address(age, sex)}? Do you want a medic to look at you?")
        t += rng.uniform(2, 4)
        say(t, "subject", "No.")
        t += rng.uniform(3, 6)
    say(t, "officer", f"{call_sign}, one detained. Force used, notify my sergeant.")
    say(t + rng.uniform(2, 4), "dispatch", f"Copy, {call_sign}.")

    lines = ["WEBVTT", "", "NOTE", f"Body-worn camera, {names['officer']}, {report['location']}.", ""]
    cues.sort(key=lambda c: c[0])
    for at, who, text in cues:
        label = names.get(who, who)
        lines.append(f"{_clock(at)} --> {_clock(at + max(1.0, len(text) / 15))}")
        lines.append(f"<v {label}>{text}" if label else text)
        lines.append("")
    return "\n".join(lines)
