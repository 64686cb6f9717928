"""The officer's narrative, composed from the incident's own facts.

Narratives refer to subjects by role ("the subject", "the student"), never by name: names of
minors are redacted from most readers, and free text cannot be redacted reliably.
"""

from __future__ import annotations

import random
import re

PRONOUNS = {
    "male": {"he": "he", "He": "He", "him": "him", "his": "his"},
    "female": {"he": "she", "He": "She", "him": "her", "his": "her"},
    "unknown": {"he": "they", "He": "They", "him": "them", "his": "their"},
}

# {actor} is "I" or "Officer Lastname"; {him}/{his} refer to the subject.
FORCE_SENTENCES = {
    "push_shove": (
        "{actor} pushed {him} back with an open hand to create distance.",
        "{actor} pushed {him} away from the other party.",
    ),
    "takedown": (
        "{actor} took {him} to the ground with an arm-bar takedown.",
        "{actor} used a leg sweep to take {him} to the ground.",
        "{actor} took {him} to the ground on the grass.",
    ),
    "control_hold": (
        "{actor} held {his} arm in a rear wrist lock.",
        "{actor} used an escort hold on {his} right arm.",
        "{actor} used a twist-lock on {his} wrist to gain control.",
    ),
    "handcuffs": (
        "{actor} handcuffed {him} while {he} kept {his} arms tensed and pulled against the cuffs.",
        "{actor} pulled {his} arms behind {his} back and handcuffed {him} against resistance.",
    ),
    "hand_strike": (
        "{actor} delivered two closed-hand strikes to {his} upper arm.",
        "{actor} delivered one palm-heel strike to {his} shoulder.",
    ),
    "foot_strike": ("{actor} kicked {his} leg once to break {his} hold.",),
    "knee_strike": (
        "{actor} delivered two knee strikes to {his} thigh.",
        "{actor} delivered one knee strike to {his} side.",
    ),
    "prone_restraint": (
        "{actor} held {him} face down with a knee across {his} shoulder blades until {he} was handcuffed, then rolled {him} onto {his} side.",
        "{actor} held {him} in a prone position for about a minute before sitting {him} up.",
    ),
    "neck_restraint": ("{actor} applied a lateral vascular neck restraint.",),
    "oc_spray": ("{actor} sprayed one short burst of OC spray at {his} face.",),
    "cew_display": (
        "{actor} drew a Taser and warned {him} that {he} would be tased; {he} complied.",
        "{actor} pointed a Taser at {him} and activated the arc as a warning.",
    ),
    "cew_drive_stun": ("{actor} applied a Taser drive-stun to {his} thigh for one cycle.",),
    "cew_probe": (
        "{actor} deployed a Taser; both probes struck {his} back and {he} fell to the ground.",
        "{actor} fired a Taser; the probes struck {his} torso and {he} went down.",
    ),
    "impact_weapon": ("{actor} struck {his} thigh twice with a baton.",),
    "canine": ("{actor} released the police dog after a warning announcement; the dog bit {his} forearm and held until {he} was handcuffed.",),
    "less_lethal_projectile": ("{actor} fired one 40 mm foam round that struck {his} thigh.",),
    "firearm_pointed": (
        "{actor} drew a handgun and pointed it at {him} while giving commands.",
        "{actor} covered {him} with a patrol rifle until {he} was handcuffed.",
    ),
    "firearm_discharged": ("{actor} fired a handgun at {him}.",),
}

RESISTANCE_SENTENCES = {
    "passive_noncompliance": "{He} ignored repeated commands.",
    "pulled_away": "{He} pulled away and tensed {his} arms.",
    "resisted_handcuffing": "{He} kept {his} hands under {his} body and would not let us handcuff {him}.",
    "fled": "{He} ran from us.",
    "assaulted_officer": "{He} struck at an officer.",
    "assaulted_other": "{He} struck another person.",
    "displayed_weapon": "{He} displayed a weapon.",
    "used_weapon": "{He} swung a weapon at us.",
    "used_firearm": "{He} fired a gun.",
    "vehicle_as_weapon": "{He} drove the vehicle toward an officer.",
}

INJURY_SENTENCES = {
    "complaint_of_pain": "{He} said {his} wrist hurt; no injury was visible.",
    "abrasion": "{He} had abrasions on {his} elbow and cheek.",
    "laceration": "{He} had a cut above {his} eye.",
    "cew_probe_wound": "The probe wounds were cleaned and covered.",
    "dog_bite": "{He} had puncture wounds on {his} forearm from the bite.",
    "broken_bone": "{He} was later found to have a broken wrist.",
    "unconscious": "{He} briefly lost consciousness.",
}
TREATMENT_SENTENCES = {
    "none": "{He} declined any medical attention and had no visible injury.",
    "refused": "{He} refused medical treatment.",
    "on_scene": "Fire Rescue evaluated {him} on scene.",
    "hospital_treated": "{He} was taken to the regional medical center, treated and released.",
    "hospital_admitted": "{He} was admitted to the regional medical center.",
}


def pronouns(sex: str) -> dict[str, str]:
    return PRONOUNS.get(sex, PRONOUNS["unknown"])


def fill(template: str, sex: str, **extra) -> str:
    text = template.format(**pronouns(sex), **extra)
    if sex == "unknown":  # "they was" reads wrong; plural verbs for singular they
        text = re.sub(r"\b(they|They) was\b", r"\1 were", text)
    return text


def subject_phrase(age: int | None, sex: str, *, school: bool) -> str:
    if age is not None and age < 18:
        noun = {"male": "boy", "female": "girl"}.get(sex, "child")
        who = "student" if school else noun
        return f"a {age}-year-old {who}"
    noun = {"male": "man", "female": "woman"}.get(sex, "adult")
    return f"a {noun}, about {age}" if age is not None else f"a {noun}"


def compose(rng: random.Random, *, opening: str, contact: str, behaviour: str, sex: str,
            force: list[tuple[str, str]], resistance: list[str], injuries: list[str], treatment: str,
            outcome: str, camera: bool | None, supervisor: str | None) -> str:
    """``force`` is a list of (force type, actor) in order, actor "I" or "Officer Name"."""
    parts = [opening, contact, fill(behaviour, sex)]
    said = set()
    for code in resistance:
        if code in RESISTANCE_SENTENCES and code not in said and code not in {"none"} and rng.random() < 0.5:
            parts.append(fill(RESISTANCE_SENTENCES[code], sex))
            said.add(code)
    for code, actor in force:
        parts.append(fill(rng.choice(FORCE_SENTENCES[code]), sex, actor=actor))
    for code in injuries:
        if code in INJURY_SENTENCES:
            parts.append(fill(INJURY_SENTENCES[code], sex))
    parts.append(fill(TREATMENT_SENTENCES.get(treatment, ""), sex))
    parts.append(outcome)
    if supervisor:
        parts.append(f"{supervisor} was notified and responded to the scene.")
    if camera is True:
        parts.append("My body-worn camera was recording for the whole contact.")
    elif camera is False:
        parts.append("My body-worn camera was not activated until after the force was used.")
    return " ".join(p for p in parts if p)
