"""Each detector's positives and negatives: role, negation, questions, reported speech, noise."""

from __future__ import annotations

import pytest

from forcereview.engine import analyze_text


def categories(text: str, **kwargs) -> set[str]:
    return {s.category for s in analyze_text(text, **kwargs).signals}


def signals(text: str, category: str, **kwargs):
    return [s for s in analyze_text(text, **kwargs).signals if s.category == category]


# (transcript, category, expected present?)
CASES = [
    # force_command: officers' orders, noisy or not
    ("Officer: Stop resisting!", "force_command", True),
    ("Officer: stop resistin", "force_command", True),
    ("Officer: st- stop resisting", "force_command", True),
    ("Officer: quit resisting", "force_command", True),
    ("Officer: get on the ground now", "force_command", True),
    ("Officer: GET ON THE FUCKING GROUND", "force_command", True),
    ("Officer: put ur hands behind ur back", "force_command", True),
    ("Officer: give me your hand", "force_command", True),
    ("Officer: turn over. roll over on your stomach", "force_command", True),
    ("Officer: don't move", "force_command", True),
    ("Sgt. Diaz: take him down", "force_command", True),
    ("Suspect: stop resisting", "force_command", False),  # not from an officer
    ("Witness: he kept yelling stop resisting at him", "force_command", False),
    ("Officer: you don't have to move, you're fine where you are", "force_command", False),
    ("Officer: you don't need to get on the ground", "force_command", False),
    ("Officer: I told him he did not have to turn around", "force_command", False),
    ("Officer: he said stop resisting to me", "force_command", False),  # narrated
    ("Dispatch: units, the suspect was told to get on the ground", "force_command", False),
    ("Chief: The officer can be heard saying stop resisting.", "force_command", False),  # narrated
    ("Officer: When police tell you to get on the ground, you need to listen.", "force_command", False),  # advice
    ("Officer: I'm telling you to get on the ground!", "force_command", True),
    ("Officer: Drop the fucking pot!", "force_command", True),
    ("Deputy: drop the hammer, drop it now", "force_command", True),
    ("Officer: Juvenile male, about fourteen, in the back of my car.", "vulnerable_subject", True),
    # subject_distress
    ("Suspect: I'm not resisting!", "subject_distress", True),
    ("Suspect: im not resistin", "subject_distress", True),
    ("Suspect: i aint resisting", "subject_distress", True),
    ("Suspect: you're hurting me", "subject_distress", True),
    ("Suspect: u r hurtin me", "subject_distress", False),  # too mangled: "r" is not "are"
    ("Suspect: youre hurting me", "subject_distress", True),
    ("Suspect: get off me! please stop!", "subject_distress", True),
    ("Suspect: [crying]", "subject_distress", True),
    ("Driver: Ow! Stop!", "subject_distress", True),
    # signs of a mental health crisis; the same words in everyday talk
    ("Mother: He hasn't taken his medication in a week.", "vulnerable_subject", True),
    ("Mother: He's hearing voices again.", "vulnerable_subject", True),
    ("Subject: The voices won't stop.", "vulnerable_subject", True),
    ("Officer: Do you want to hurt yourself?", "vulnerable_subject", True),
    ("Witness: She's not in her right mind, she needs help.", "vulnerable_subject", True),
    ("Driver: I heard your voice on the radio, I take my allergy pills daily.", "vulnerable_subject", False),
    # an officer telling of an attack in everyday words; the same words about phones, traffic, accidents
    ("Officer: He took a swing at me!", "subject_aggression", True),
    ("Officer: He's charging! He's charging!", "subject_aggression", True),
    ("Officer: He's coming at me!", "subject_aggression", True),
    ("Officer: He lunged at me with the knife.", "subject_aggression", True),
    ("Officer: He's trying to run me over!", "subject_aggression", True),
    ("Officer: He rammed my car!", "subject_aggression", True),
    ("Officer: He tried to bite me.", "subject_aggression", True),
    ("Officer: He threw a punch.", "subject_aggression", True),
    ("Officer: He's trying to disarm me.", "subject_aggression", True),
    ("Officer: He threw the bottle at me.", "subject_aggression", True),
    ("Officer: He pointed the gun at me.", "subject_aggression", True),
    ("Officer: Sarge, he punched the teacher.", "subject_aggression", True),
    ("Officer: She's charging her phone in the car.", "subject_aggression", False),
    ("Officer: They're charging too much for parking.", "subject_aggression", False),
    ("Officer: He's coming at you from the left side, watch the traffic.", "subject_aggression", False),
    ("Officer: The dog charged at him yesterday.", "subject_aggression", False),
    ("Officer: He hit the car in the parking lot, that's the accident.", "subject_aggression", False),
    ("Officer: I threw the ball at him.", "subject_aggression", False),
    ("Officer: He took a swing at the ball and missed.", "subject_aggression", False),
    ("Officer: She's lunging at the chance, ha.", "subject_aggression", False),
    # what a witness saw the subject or an officer do
    ("Teacher: She kicked the teacher and bit my aide.", "subject_aggression", True),
    ("Teacher: He's throwing chairs!", "subject_aggression", True),
    ("Teacher: He threw a punch at his classmate.", "subject_aggression", True),
    ("Witness: The officer punched him!", "bystander_objection", True),
    ("Teacher: You don't need handcuffs on an eight-year-old!", "bystander_objection", True),
    ("Officer: He's going to the office one way or another.", "officer_escalation", True),
    ("Officer: We'll get the paperwork done one way or another.", "officer_escalation", False),
    ("Witness: That cop just slammed her!", "bystander_objection", True),
    ("Witness: The officer tased him!", "weapon_mention", True),
    # notes of a struggle, a weapon used, gagging ("struggling to breathe" is no struggle with officers)
    ("Suspect: [sounds of a struggle]", "force_command", True),
    ("Suspect: [scuffling]", "force_command", True),
    ("Suspect: [struggling to breathe]", "force_command", False),
    ("Suspect: [coughing and gagging]", "medical_distress", True),
    ("Suspect: [subject is tased]", "weapon_mention", True),
    ("Suspect: [dog bites subject]", "weapon_mention", True),
    ("Officer: You're not in any trouble, I just need to run your name.", "deescalation", True),
    ("Officer: Here's what's going to happen next.", "deescalation", True),
    ("Officer: Can we start over?", "deescalation", True),
    ("Officer: It's okay, it's okay, stop resisting, put your hands behind your back.", "deescalation", False),
    ("Officer: Take a deep breath for me, stop moving.", "deescalation", False),  # soothing words in an order
    ("Officer: It's okay. Take your time.", "deescalation", True),
    ("Officer: I'm sorry this happened to you.", "deescalation", True),
    ("Suspect: Let go of my hair!", "subject_distress", True),
    ("Suspect: Why are you pointing a gun at me?", "subject_distress", True),
    ("Suspect: am I resisting? How am I resisting?", "subject_distress", True),
    ("Officer: I'm not resisting anything, relax", "subject_distress", False),  # an officer's words
    ("Bystander: he's hurting him", "subject_distress", False),
    # medical_distress: whoever says it, questions and reports included
    ("Suspect: I can't breathe", "medical_distress", True),
    ("Suspect: i cant breath", "medical_distress", True),
    ("Suspect: I can't breed!", "medical_distress", True),  # speech-to-text's mishearing of "breathe"
    ("Suspect: I cannot breathe", "medical_distress", True),
    ("Bystander: did he say he can't breathe?", "medical_distress", True),
    ("Officer: he's not breathing, start CPR", "medical_distress", True),
    ("Officer: call an ambulance", "medical_distress", True),
    ("Officer: if you can talk, you can breathe", "medical_distress", True),
    ("Officer: You're fine. Stop being so dramatic.", "medical_distress", True),  # dismissals of pain
    ("Officer: He's faking it, he's fine.", "medical_distress", True),
    ("Officer: You'll live.", "medical_distress", True),
    ("Officer: You'll live a long life if you slow down.", "medical_distress", False),
    ("Officer: do you need anything? water?", "medical_distress", False),
    # labour, low blood sugar, dizziness, bleeding; the same words in everyday talk
    ("Suspect: I'm having contractions.", "medical_distress", True),
    ("Suspect: I think my water broke.", "medical_distress", True),
    ("Suspect: I'm diabetic, my sugar is low.", "medical_distress", True),
    ("Suspect: I'm dizzy.", "medical_distress", True),
    ("Suspect: My head is bleeding.", "medical_distress", True),
    ("Driver: The water heater broke, so I'm heading to the store.", "medical_distress", False),
    ("Driver: I'm feeling good, the sugar cookies were great.", "medical_distress", False),
    ("Officer: he can breathe fine, he is talking to me about the game", "medical_distress", False),
    # bystander_objection
    ("Bystander: He's not resisting!", "bystander_objection", True),
    ("Bystander: hes not resistin yall", "bystander_objection", True),
    ("Woman filming: You're killing him!", "bystander_objection", True),
    ("Teacher: She's just a kid! That's too much!", "bystander_objection", True),
    ("Witness: let him up, he can't breathe", "bystander_objection", True),
    ("Witness: get off his neck", "bystander_objection", True),
    ("Witness: please don't shoot him", "bystander_objection", True),
    ("Ofc. Cho: ease up, he's not fighting", "bystander_objection", True),  # peer intervention
    ("Suspect: he's not resisting", "bystander_objection", False),
    ("Officer: stop kicking! stop kicking!", "bystander_objection", False),  # a command, not intervention
    ("Witness: I think he was resisting", "bystander_objection", False),
    # officer_escalation
    ("Officer: I will light you up!", "officer_escalation", True),
    ("Officer: I'm gonna tase you", "officer_escalation", True),
    ("Officer: ima tase ya", "officer_escalation", True),
    ("Officer: do you want to get tased?", "officer_escalation", True),
    ("Officer: shut the fuck up, you piece of shit", "officer_escalation", True),
    ("Officer: move or you're gonna get bit, the dog will bite you", "officer_escalation", True),
    ("Officer: I'm not going to hurt you", "officer_escalation", False),
    ("Officer: nobody is going to hurt you", "officer_escalation", False),
    ("Officer: I'm not gonna tase you, just relax", "officer_escalation", False),
    ("Suspect: I'll kill you", "officer_escalation", False),
    # weapon_mention
    ("Officer: Taser! Taser! Taser!", "weapon_mention", True),
    ("Officer: drop the knife", "weapon_mention", True),
    ("Officer: shots fired, shots fired", "weapon_mention", True),
    ("Suspect: [gunshots]", "weapon_mention", True),
    ("Bystander: he's got a gun!", "weapon_mention", True),
    ("Officer: do you have any weapons on you?", "weapon_mention", False),
    ("Driver: I have a concealed carry permit", "weapon_mention", False),
    ("Officer: the radar gun had you at 52", "weapon_mention", False),
    ("Dispatch: caller states the man has a gun", "weapon_mention", False),
    ("Suspect: I don't have a gun", "weapon_mention", False),
    # vulnerable_subject
    ("Mother: He's only 14!", "vulnerable_subject", True),
    ("Teacher: she's eleven years old", "vulnerable_subject", True),
    ("Officer: she's an 11-year-old", "vulnerable_subject", True),
    ("Woman: I'm pregnant!", "vulnerable_subject", True),
    ("Father: he's autistic, he doesn't understand", "vulnerable_subject", True),
    ("Sister: he's off his meds, he's schizophrenic", "vulnerable_subject", True),
    ("Woman: he's 75 years old", "vulnerable_subject", True),
    ("Officer: he's 6 foot 2, about 200 pounds", "vulnerable_subject", False),
    ("Officer: I'm 15 minutes out", "vulnerable_subject", False),
    ("Officer: slow down in the school zone", "vulnerable_subject", False),
    ("Dispatch: juvenile male, 14 years old", "vulnerable_subject", True),  # what officers were told
    ("Witness: Oh my God, you shot him!", "bystander_objection", True),
    ("Witness: Oh my God, you shot him!", "weapon_mention", True),
    ("Witness: Y'all are wrong for this!", "bystander_objection", True),
    ("Witness: I got it all on camera!", "bystander_objection", True),
    ("Witness: He's a little kid!", "vulnerable_subject", True),
    ("Witness: They're just little kids!", "vulnerable_subject", True),
    ("Witness: He's underage.", "vulnerable_subject", True),
    ("Witness: That boy is 13.", "vulnerable_subject", True),
    ("Dispatch: Caller says it's probably a juvenile, and the gun is probably fake.", "vulnerable_subject", True),
    ("Dispatch: The subject is a minor.", "vulnerable_subject", True),
    ("Dispatch: Male, approximately 12 to 14 years of age.", "vulnerable_subject", True),
    ("Dispatch: Suspect is 5 to 10 minutes out.", "vulnerable_subject", False),
    ("Officer: That's a kid's bike in the back seat.", "vulnerable_subject", False),
    # subject_aggression
    ("Suspect: I'll kill you, I swear to God", "subject_aggression", True),
    ("Suspect: I'll find out where you live.", "subject_aggression", True),
    ("Suspect: Wait till I get out of these cuffs.", "subject_aggression", True),
    ("Suspect: I'm coming after you.", "subject_aggression", True),
    ("Suspect: I'm coming for you guys at noon, for lunch.", "subject_aggression", False),
    ("Suspect: Wait till I get out of work, I'll call you.", "subject_aggression", False),
    ("Suspect: stay back, I got a knife", "subject_aggression", True),
    ("Driver: I have a gun in the glove box, I have a permit", "subject_aggression", False),
    ("Officer: he hit me! he punched me!", "subject_aggression", True),
    ("Officer: he's going for my gun!", "subject_aggression", True),
    ("Officer: he's reaching!", "subject_aggression", True),
    ("Officer: he's not reaching, he's fine", "subject_aggression", False),
    ("Suspect: I'm not gonna hurt you", "subject_aggression", False),
    ("Officer: I'll kill you", "subject_aggression", False),
    # deescalation
    ("Trooper: The reason I stopped you is your tail light is out.", "deescalation", True),
    ("Officer: take your time", "deescalation", True),
    ("Officer: I'm not going to hurt you", "deescalation", True),
    ("Officer: nobody's gonna hurt you", "deescalation", True),
    ("Officer: you're free to go, have a good night", "deescalation", True),
    ("Officer: I don't understand what you want", "deescalation", False),
    ("Suspect: take your time, officer", "deescalation", False),
]


@pytest.mark.parametrize("text, category, present", CASES, ids=[f"{c[1]}:{c[0][:40]}" for c in CASES])
def test_detector_cases(text, category, present):
    assert (category in categories(text)) is present, analyze_text(text).signals


def test_resistance_claims_and_denials_are_tagged_for_later_comparison():
    analysis = analyze_text("Officer: Stop resisting!\nSuspect: I'm not resisting!\nWitness: He's not resisting!\n")
    tags = {s.category: set(s.tags) for s in analysis.signals}
    assert "resistance_claim" in tags["force_command"]
    assert "resistance_denial" in tags["subject_distress"]
    assert analysis.signals[1].detector == "subject_distress.v1"


def test_repeated_commands_in_a_short_window_weigh_more():
    repeated = ("[00:01] Officer: Stop resisting!\n[00:03] Officer: Stop resisting!\n"
                "[00:05] Officer: Stop resisting! Stop resisting!\n")
    spread = "[00:01] Officer: Stop resisting!\n[05:00] Officer: Stop resisting!\n[10:00] Officer: Stop resisting!\n"
    burst = signals(repeated, "force_command")
    assert [s.repetition for s in burst] == [1, 2, 4]
    assert burst[-1].weight > burst[0].weight
    assert "Repeated 4 times" in burst[-1].explanation
    assert [s.repetition for s in signals(spread, "force_command")] == [1, 1, 1]
    def command_points(text):
        return next(r.points for r in analyze_text(text).risk.reasons if r.code == "force_command")

    assert command_points(repeated) > command_points(spread)


def test_repetition_without_times_uses_neighbouring_segments():
    text = "Officer: get down\nOfficer: get down\nOfficer: get down\n"
    assert [s.repetition for s in signals(text, "force_command")] == [1, 2, 3]


def test_questions_weaken_weapon_mentions_but_keep_medical_ones():
    (asked,) = signals("Officer: is that a gun?", "weapon_mention")
    (said,) = signals("Officer: that is a gun", "weapon_mention")
    assert asked.weight < said.weight and "question" in asked.tags
    (medical,) = signals("Bystander: did he say he can't breathe?", "medical_distress")
    assert medical.weight == 1.5 and "question" in medical.tags


def test_reported_medical_complaints_are_kept_and_tagged():
    (signal,) = signals("Officer: he kept saying he can't breathe", "medical_distress")
    assert "reported" in signal.tags and signal.explanation.startswith("Reported speech.")


def test_dispatch_traffic_raises_nothing_but_what_it_tells_of_the_subject():
    text = ("Dispatch: Any unit, man with a gun, caller states he is threatening to shoot. Shots fired reported. "
            "Subject is not breathing.\n")
    assert analyze_text(text).signals == ()


@pytest.mark.parametrize("relayed", [
    "Dispatch: Caller states her 13-year-old son is autistic and having a mental breakdown.",
    "Dispatch: Be advised, the subject is 14 years old.",
    "Dispatch: Reporting party says the male is suicidal and off his meds.",
])
def test_what_dispatch_tells_officers_of_a_vulnerable_subject_counts(relayed):
    analysis = analyze_text(relayed + "\nOfficer: Get on the ground! Stop resisting!\n")
    (vulnerable,) = [s for s in analysis.signals if s.category == "vulnerable_subject"]
    assert vulnerable.role == "dispatch" and "reported" not in vulnerable.tags
    assert any("child, pregnant, disabled or in crisis" in r.explanation for r in analysis.risk.reasons)


def test_signal_quotes_a_window_of_a_long_utterance():
    words = "blah " * 200 + "stop resisting " + "blah " * 200
    (signal,) = signals(f"Officer: {words}", "force_command")
    assert "stop resisting" in signal.text and len(signal.text) < 200


def test_signals_carry_time_speaker_role_and_versioned_detector():
    (signal,) = signals("[01:05] Sgt. Diaz: Get on the ground!", "force_command")
    assert (signal.start, signal.speaker, signal.role, signal.detector) == (65.0, "Sgt. Diaz", "officer",
                                                                          "force_command.v1")


def test_spanish_and_code_switched_lines_are_read_with_or_without_accents():
    text = ("OFC. RAMIREZ: ¡Al suelo! Manos atras. Get on the ground!\n"
            "SUSPECT: ¡No me estoy resistiendo! Me duele, you're hurting me. No puedo respirar.\n"
            "CIVILIAN 1: ¡Dejenlo! No esta haciendo nada.\n")
    found = {(s.category, s.speaker) for s in analyze_text(text).signals}
    assert found >= {("force_command", "OFC. RAMIREZ"), ("subject_distress", "SUSPECT"),
                     ("medical_distress", "SUSPECT"), ("bystander_objection", "CIVILIAN 1")}
    assert categories("OFC. RAMIREZ: Déjame ver tu licencia, por favor.") == set()


def test_an_order_passed_on_is_narration_not_a_command():
    assert categories("Officer: I told him to stop resisting and to give me his hands.") == set()
    assert "force_command" in categories("Officer: I told you to stop resisting!")


# Threats have a grammar: the speaker (I'll, I'm gonna, we're gonna, or "gonna" alone, as
# speech-to-text drops the pronoun), perhaps an intensifier, a violent verb and "you" or a part
# of "you". Someone else's future and friendly idioms are not threats.
THREATS = [
    ("Officer: I'll kick your ass.", True),
    ("Officer: I'm gonna knock you out.", True),
    ("Officer: im gonna fucking knock you out", True),
    ("Officer: gonna beat the shit out of you", True),
    ("Officer: I will kick your teeth in", True),
    ("Officer: I'm going to break your arm", True),
    ("Officer: Man, I'll kick your ass.", True),
    ("Officer: Drop it or I'll shoot!", True),
    ("Officer: we're gonna tase you", True),
    ("Officer: I'm gonna baton the f*** out of you.", True),  # the idiom, whatever the verb
    ("Officer: You're going to get pepper sprayed.", True),
    ("Officer: Don't make me tase you.", True),
    ("Officer: Do not make me use this.", True),
    ("Officer: I'm about to drag your ass out of this car.", True),
    ("Officer: Don't make me use the radio again, guys.", False),
    ("Officer: I'm not gonna hurt you.", False),
    ("Officer: He's gonna hurt you if you stay here.", False),
    ("Officer: they were gonna shoot you, you know that?", False),
    ("Officer: I'll hit you up tomorrow about the report.", False),
    ("Officer: I'll kick you out of the report line, sorry.", False),
    ("Officer: He's gonna beat the hell out of you if you go back in there.", False),
    ("Officer: I'm gonna get the hell out of your way.", False),
]


@pytest.mark.parametrize("text,present", THREATS)
def test_officer_threat_grammar(text, present):
    found = signals(text, "officer_escalation")
    assert bool(found) is present, text
    if present:
        assert "threat" in found[0].tags


@pytest.mark.parametrize("text", ["Suspect: I'm gonna kick your ass", "Suspect: I'll knock you out",
                                  "Suspect: gonna fuck you up"])
def test_the_same_threat_from_the_subject_is_aggression(text):
    assert categories(text) == {"subject_aggression"}


def test_an_officer_telling_a_colleague_she_is_done_is_no_objection():
    text = "Officer Ruiz: Is she going with you?\nOfficer Lee: No, she's done.\nOfficer Lee: He's cuffed. Search him."
    assert "bystander_objection" not in categories(text)


def test_an_officer_urging_a_colleague_that_the_man_is_cuffed_is_peer_intervention():
    text = "Officer Lee: Get on the ground!\nOfficer Ruiz: Hey, he's cuffed, man. Back off."
    found = signals(text, "bystander_objection")
    assert found and "peer_intervention" in found[0].tags


@pytest.mark.parametrize("text", ["Officer: Start rescue for a taser deployment.",
                                  "Officer: Dispatch, roll medic to our location, minor abrasion.",
                                  "Officer: Can you request EMS to check the probe sites?"])
def test_an_officer_radioing_for_ems_is_no_medical_distress(text):
    assert "medical_distress" not in categories(text)


def test_a_call_for_an_ambulance_in_an_emergency_still_counts():
    assert "medical_distress" in categories("Officer: We need an ambulance, he's not breathing.")
    assert "medical_distress" in categories("Witness: Somebody call an ambulance!")


# Bracketed notes that describe an action: the actor named in the note, or else the speaker of
# the line, says whose act it was.
ANNOTATED_ACTIONS = [
    ("Suspect: [punches officer]", "subject_aggression"),
    ("[subject punches officer]", "subject_aggression"),
    ("Officer Diaz: [subject punches officer]", "subject_aggression"),
    ("[officer punched by subject]", "subject_aggression"),
    ("Driver: [shoves deputy]", "subject_aggression"),
    ("[officer punches subject]", "force_command"),
    ("Suspect: [officer punches subject]", "force_command"),
    ("[subject punched by officer]", "force_command"),
    ("Officer Diaz: [strikes him]", "force_command"),
    ("Witness: [officer tackles suspect]", "force_command"),
]


@pytest.mark.parametrize("text,category", ANNOTATED_ACTIONS)
def test_annotated_actions_know_who_did_what_to_whom(text, category):
    found = categories(text)
    assert category in found, (text, found)
    other = {"subject_aggression": "force_command", "force_command": "subject_aggression"}[category]
    assert other not in found, (text, found)


def test_an_officer_force_note_carries_the_force_tag():
    (signal,) = signals("[officer punches subject]", "force_command")
    assert {"force", "annotation"} <= set(signal.tags)


STRUGGLE = "Officer: Get on the ground! Stop resisting!\nSuspect: I'm not resisting!\n"


@pytest.mark.parametrize("said", [
    "Officer: We're not supposed to tase someone who's pregnant.",
    "Officer: Policy is different for anybody with autism.",
    "Officer: We train on people in crisis every year.",
    "Officer: Never use it on someone elderly.",
])
def test_a_kind_of_person_in_policy_talk_is_weak_and_does_not_make_force_high(said):
    analysis = analyze_text(STRUGGLE + said)
    (vulnerable,) = [s for s in analysis.signals if s.category == "vulnerable_subject"]
    assert "generic" in vulnerable.tags
    assert "Force directed at someone described as a child" not in " ".join(r.explanation for r in analysis.risk.reasons)


@pytest.mark.parametrize("said", [
    "Witness: She's pregnant! Get off her!",
    "Officer: We have someone in crisis at the bridge.",
    "Witness: There's a person who is deaf, he can't hear you!",
    "Witness: Somebody help, he's autistic!",
])
def test_someone_present_who_is_vulnerable_still_counts_in_full(said):
    analysis = analyze_text(STRUGGLE + said)
    vulnerable = [s for s in analysis.signals if s.category == "vulnerable_subject"]
    assert vulnerable and all("generic" not in s.tags for s in vulnerable)
    assert any("child, pregnant, disabled or in crisis" in r.explanation for r in analysis.risk.reasons)


# an intensifier between "not" and the verb changes nothing ("he's not even resisting"); "y'all"
# and "all of you" are "you"
@pytest.mark.parametrize("text,category", [
    ("Witness: He's not even resisting arrest right now!", "bystander_objection"),
    ("Witness: she isn't even fighting you", "bystander_objection"),
    ("Suspect: I'm not even resisting!", "subject_distress"),
    ("Suspect: I'm not fucking resisting", "subject_distress"),
    ("Suspect: You're about to break my wrist!", "subject_distress"),
    ("Bystander: Y'all are killing him!", "bystander_objection"),
    ("Suspect: I'm gonna shoot all y'all.", "subject_aggression"),
    ("Officer: Hands where I can see them!", "force_command"),
    ("Officer: Let go of the steering wheel!", "force_command"),
    ("Officer: Get out of the fucking car!", "force_command"),
    ("Officer: Get the fuck out of the car.", "force_command"),
    ("Officer: Put your other hand back!", "force_command"),
    ("Suspect: They're going to kill me, they're going to kill me.", "subject_distress"),
    ("Suspect: Okay, I'm on the ground!", "subject_distress"),
    ("Suspect: I'm honestly afraid to get out.", "subject_distress"),
    ("Student: I want my dad! I want my dad!", "subject_distress"),
    ("Suspect: My shoulder, my shoulder!", "subject_distress"),
    ("Witness: He passed out!", "medical_distress"),
    ("Witness: Take your knee off his neck!", "bystander_objection"),
    ("Witness: He's handcuffed, why are you still hitting him?", "bystander_objection"),
    ("Witness: Y'all didn't have to do him like that.", "bystander_objection"),
    ("Witness: That's too many of y'all on him!", "bystander_objection"),
    ("Witness: Bro, he's handcuffed!", "bystander_objection"),
    ("Officer: Keep it up and see what happens.", "officer_escalation"),
    ("Officer: You're fixing to ride the lightning, son.", "officer_escalation"),
    ("Officer: I'm going to bring my dog and he's going to bite you.", "officer_escalation"),
    ("Officer: I'm gonna put you on your face.", "officer_escalation"),
    ("Officer: Deploying OC!", "weapon_mention"),
    ("Officer: Holy shit, I just shot him.", "weapon_mention"),
    ("Officer: Nobody's in trouble here.", "deescalation"),
    ("Officer: I just want to make sure you're okay.", "deescalation"),
    ("Officer: We're going to get you some help.", "deescalation"),
    ("Officer: Can you put the knife down so we can talk?", "deescalation"),
    ("SPEAKER_00: stop resistance", "force_command"),  # speech-to-text's hearing of "stop resisting"
    ("Officer: On your knees!", "force_command"),
    ("Officer: On your stomach!", "force_command"),
    ("Officer: Arms out to your sides!", "force_command"),
    ("Officer: Crawl towards my voice.", "force_command"),
    ("Student: I'm sorry, I'm sorry, I'm sorry!", "subject_distress"),
    ("SPEAKER_01: you hurting me", "subject_distress"),  # the verb "are" dropped, as speech often has it
    ("SPEAKER_01: y'all hurtin me", "subject_distress"),
    ("SPEAKER_02: you killin him", "bystander_objection"),
    ("SPEAKER_00: get the f*** on the ground", "force_command"),
    ("Officer: You better stop or you're getting tased.", "officer_escalation"),
    ("Officer: Say one more word and you're going to jail.", "officer_escalation"),
    ("Officer: Get on the ground, bitch!", "officer_escalation"),
    ("Officer: I'm gonna put my knee in your back.", "officer_escalation"),
    ("Suspect: You're dead. You hear me? You're dead.", "subject_aggression"),
    ("Suspect: I'm gonna kill your whole family.", "subject_aggression"),
    ("Officer: He head-butted me!", "subject_aggression"),
    ("Officer: He spit in my face!", "subject_aggression"),
    ("Officer: He's trying to bite me!", "subject_aggression"),
    ("Witness: His lips are turning blue!", "medical_distress"),
    ("Witness: Is he alive? Is he even alive?", "medical_distress"),
    ("Witness: He hit his head on the concrete!", "medical_distress"),
    ("Officer: He's got a weak pulse.", "medical_distress"),
    ("Witness: You killed him! You killed him!", "bystander_objection"),
    ("Witness: Oh my God, he's dead!", "medical_distress"),
    ("Officer: Get the fuck out the car!", "force_command"),  # "of" dropped, as it is often said
    ("Officer: Get out the car right now.", "force_command"),
    ("Officer: Tase his ass!", "weapon_mention"),
    ("Suspect: Mom! Mom! Mom!", "subject_distress"),
    ("Trooper: Step out or I will remove you.", "officer_escalation"),
    ("Officer: I'm gonna drag you out of the car.", "officer_escalation"),
    ("Subject: Just shoot me! Just do it!", "vulnerable_subject"),  # a sign of crisis, not a threat
    ("Subject: I want to die, I just want to die.", "vulnerable_subject"),
    ("Officer: Nobody wants to hurt you, man.", "deescalation"),
    ("Officer: ¡Deja de resistir!", "force_command"),
    ("Testigo: ¡Es un niño! ¡Tiene trece años!", "vulnerable_subject"),
    ("Testigo: Está embarazada, déjenla.", "vulnerable_subject"),
    ("Witness: Wake up! Wake up!", "medical_distress"),
    ("Suspect: I can't breathe, I'm dying.", "medical_distress"),
    ("Witness: He's dying of blood loss!", "medical_distress"),
    ("Officer: Don't move! Don't move!", "force_command"),
    ("Witness: That's too much! He's handcuffed!", "bystander_objection"),
    ("Officer: Ease up, ease up, he's cuffed.", "bystander_objection"),  # an officer intervening
    ("Officer: He's got something in his hand!", "subject_aggression"),
    ("Officer: I'm not gonna tell you again.", "officer_escalation"),
    ("Suspect: Take these cuffs off and see what happens.", "subject_aggression"),
    ("Suspect: Back the fuck up before I hurt you.", "subject_aggression"),
    ("Officer: He just swung at me!", "subject_aggression"),
    ("Officer: He's throwing punches!", "subject_aggression"),
    ("Officer: Keep talking and see what happens.", "officer_escalation"),
    ("Officer: I'll snatch you out of that car.", "officer_escalation"),
    ("Officer: You move and you're dead.", "officer_escalation"),
    ("Officer: Do it again, I dare you.", "officer_escalation"),
    ("Officer: Talk to me like that again and see what happens.", "officer_escalation"),
    ("Officer: Hey, talk to me, man. What happened?", "deescalation"),
    ("Officer: Do you understand? You can go once you sign.", "deescalation"),
    ("Witness: He's blind! He can't see you!", "vulnerable_subject"),
    ("Witness: She's a special needs kid!", "vulnerable_subject"),
    ("Witness: He's having trouble breathing!", "medical_distress"),
    ("Officer: His eyes rolled back.", "medical_distress"),
    ("Officer: He's snoring, he's gurgling.", "medical_distress"),
    ("Officer: I think he OD'd.", "medical_distress"),
    ("Subject: My chest, my chest!", "medical_distress"),
    ("Witness: He's not talking no more!", "medical_distress"),
    ("Subject: I can't see, I can't see!", "subject_distress"),
    ("Subject: My eyes, my eyes are burning!", "subject_distress"),
    ("Witness: You're enjoying it. Look at you.", "bystander_objection"),
    ("Witness: That's bogus, bro.", "bystander_objection"),
    ("Witness: You call yourself a cop?", "bystander_objection"),
    ("Witness: Y'all about to kill him!", "bystander_objection"),
    ("Witness: I'm calling 911 on you!", "bystander_objection"),
    ("Witness: I got your badge number.", "bystander_objection"),
    ("Witness: I'm filing a complaint.", "bystander_objection"),
    ("Witness: He's handcuffed, man, stop!", "bystander_objection"),
    ("Subject: I don't have a gun! I'm not armed!", "subject_distress"),
    ("Officer: My name is Officer Reyes. What's your name?", "deescalation"),
    ("Officer: Is there someone we can call for you?", "deescalation"),
    ("Officer: I'm going to give you some space.", "deescalation"),
    ("Officer: What can I do to help?", "deescalation"),
    ("Officer: You're doing great. Just keep talking to me.", "deescalation"),
    ("Officer: I'm not going anywhere. I'm right here.", "deescalation"),
    ("Subject: I have kids, please.", "subject_distress"),
    ("Subject: Why did you punch me?", "subject_distress"),
    ("Officer: Watch him, he's strapped!", "weapon_mention"),
    ("Witness: She's on the spectrum!", "vulnerable_subject"),
    ("Officer: Sit your ass down!", "officer_escalation"),
    ("Officer: Quit being a baby.", "officer_escalation"),
    ("Officer: You did this to yourself.", "officer_escalation"),
    ("Witness: He has a heart condition!", "vulnerable_subject"),
    ("Witness: She has a brain injury.", "vulnerable_subject"),
    ("Witness: She just had a baby!", "vulnerable_subject"),
    ("Witness: He's packing, be careful.", "weapon_mention"),
    ("Witness: He slammed her on the ground!", "bystander_objection"),
    ("Witness: He just punched him in the face!", "bystander_objection"),
    ("Witness: They got him in a chokehold!", "bystander_objection"),
    ("Witness: He's kicking him while he's down!", "bystander_objection"),
    ("SPEAKER_01: what did i do what did i do", "subject_distress"),  # speech-to-text, unpunctuated
    ("SPEAKER_01: im trying im trying", "subject_distress"),
    ("Passenger: You just killed my boyfriend!", "bystander_objection"),
    ("Witness: He wasn't reaching! He wasn't reaching!", "bystander_objection"),
    ("Witness: He had his hands up!", "bystander_objection"),
    ("Witness: His hands were up, he's unarmed!", "bystander_objection"),
    ("Passenger: He told you he had a permit!", "bystander_objection"),
    ("Passenger: He's not pulling it out!", "bystander_objection"),
    ("Driver: I'm not pulling it out.", "subject_distress"),
    ("Officer: If you make a mistake, you're both going to get shot.", "officer_escalation"),
    ("Officer: Y'all are gonna get shot.", "officer_escalation"),
    ("Officer: You move, you're dead.", "officer_escalation"),
    ("Officer: Reach for it and you're dead.", "officer_escalation"),
    ("Officer: I'll blow your fucking head off.", "officer_escalation"),
    ("Officer: Apply a tourniquet, hold pressure on it.", "medical_distress"),
    ("Medic: Gunshot wound to the left side.", "medical_distress"),
    ("Officer: Is he going to get ketamine?", "medical_distress"),
    ("Medic: We're going to sedate him.", "medical_distress"),
    ("Officer: He's got superhuman strength.", "medical_distress"),
    ("Officer: Get the hobble on him. Spit hood!", "force_command"),
    ("Officer: Pin his legs! Hold him down!", "force_command"),
    ("Officer: Knee strike! Knee strike!", "force_command"),
    ("Officer: Interlace your fingers behind your head!", "force_command"),
    ("Officer: Deploying the forty!", "weapon_mention"),
    ("Officer: Deploying CS gas.", "weapon_mention"),
    ("Officer: Grab me some zip ties.", "force_command"),
    ("Officer: You're fine. You're talking, you can breathe.", "medical_distress"),
    ("Protester: I got hit with a rubber bullet!", "weapon_mention"),
    ("Protester: You're shooting at us! They shot me in the eye!", "weapon_mention"),
    ("Witness: He has seizures!", "vulnerable_subject"),
    ("Officer: His pupils are blown.", "medical_distress"),
    ("Officer: Nobody has to get hurt today.", "deescalation"),
    ("Officer: Can I get you some water?", "deescalation"),
    ("Officer: Don't test me. Go ahead, try me.", "officer_escalation"),
    ("Officer: You're going to regret this.", "officer_escalation"),
    ("Officer: You're lucky I don't break your arm.", "officer_escalation"),
    ("Officer: I'll give you something to cry about.", "officer_escalation"),
    ("Officer: I'm going to put you in the dirt.", "officer_escalation"),
    ("Officer: I'll end you.", "officer_escalation"),
    ("Officer: You're an idiot.", "officer_escalation"),
    ("Officer: Stop acting like a thug.", "officer_escalation"),
    ("Officer: Stop acting! You're fine.", "medical_distress"),
    ("Subject: You'll have to kill me first.", "vulnerable_subject"),
    ("Subject: I can't move my legs.", "medical_distress"),
    ("Officer: You ran that red light back there.", "deescalation"),
    ("Student: I'm sorry! I'm sorry! I didn't mean it!", "subject_distress"),  # marks between the pleas
    ("Student: I'll be good, I promise! I promise!", "subject_distress"),
    ("Oficial: ¡Te voy a disparar!", "officer_escalation"),
    ("Subject: My arm hurts! It hurts a lot!", "subject_distress"),
    ("Oficial: ¡Cállate!", "officer_escalation"),
    ("Testigo: ¡No se está resistiendo! ¡Lo mataron!", "bystander_objection"),
    ("Sospechoso: ¡No tengo armas!", "subject_distress"),
    ("Sospechoso: ¡Me estás ahorcando!", "medical_distress"),
    ("Officer: You were speeding back there, that's why I stopped you.", "deescalation"),
    ("Officer: Would you be willing to sit down and talk with me?", "deescalation"),
    ("Student: No, don't put those handcuffs on! Please don't handcuff me!", "subject_distress"),
    # the signs of an attack as officers and witnesses tell them; fights between others
    ("Officer: He grabbed my vest and tried to pull me down.", "subject_aggression"),
    ("Officer: He advanced on me with the knife.", "subject_aggression"),
    ("Officer: He dragged me with the car.", "subject_aggression"),
    ("Officer: He choked me.", "subject_aggression"),
    ("Teacher: Two students are fighting in the cafeteria.", "subject_aggression"),
    ("Officer: He's biting my hand!", "subject_aggression"),
    # a pregnant woman's cries, pleas, cries for help, hands shown
    ("Subject: You're going to hurt my baby!", "subject_distress"),
    ("Subject: Watch my belly, I'm pregnant!", "subject_distress"),
    ("Subject: Please don't hurt my baby!", "subject_distress"),
    ("Subject: Help me! Help me!", "subject_distress"),
    ("Subject: It burns! It burns!", "subject_distress"),
    ("Subject: I'm begging you.", "subject_distress"),
    ("Subject: I'm just trying to go home.", "subject_distress"),
    ("Subject: I have my hands up!", "subject_distress"),
    ("Subject: Please give me a second chance.", "subject_distress"),
    # a pulse checked, a body gone limp, blood, air hunger, vomiting, a head injury
    ("Officer: Check for a pulse.", "medical_distress"),
    ("Officer: I got a pulse.", "medical_distress"),
    ("Officer: He's going limp.", "medical_distress"),
    ("Officer: Sternum rub.", "medical_distress"),
    ("Officer: Step up EMS.", "medical_distress"),
    ("Officer: He's got a concussion.", "medical_distress"),
    ("Officer: Breathe, man, breathe!", "medical_distress"),
    ("Officer: Keep breathing for me.", "medical_distress"),
    ("Officer: There's blood everywhere.", "medical_distress"),
    ("Bystander: His face is all bloody!", "medical_distress"),
    ("Subject: I can't catch my breath.", "medical_distress"),
    ("Subject: I can't get any air.", "medical_distress"),
    ("Subject: I'm suffocating.", "medical_distress"),
    ("Officer: He threw up.", "medical_distress"),
    ("Officer: She's not waking up.", "medical_distress"),
    ("Officer: I can't wake him up.", "medical_distress"),
    ("Bystander: He hit his head on the pavement!", "medical_distress"),
    ("Bystander: His head is split open!", "medical_distress"),
    # offers to talk, loosened cuffs, the reason for an arrest
    ("Officer: We just want to talk to you.", "deescalation"),
    ("Officer: Put the knife down and we can talk.", "deescalation"),
    ("Officer: We want everybody to go home safe tonight.", "deescalation"),
    ("Officer: You're being detained while we figure this out.", "deescalation"),
    ("Officer: I'm going to loosen the cuffs.", "deescalation"),
    ("Officer: The reason you're being arrested is the warrant.", "deescalation"),
    ("Officer: Let's everybody calm down.", "deescalation"),
    ("Officer: That's why I stopped you.", "deescalation"),
    # a mental health hold, an episode, special education, dementia's confusion, an amputee
    ("Officer: We're doing a 5150 hold.", "vulnerable_subject"),
    ("Officer: He's having a manic episode.", "vulnerable_subject"),
    ("Officer: He's got a mental condition.", "vulnerable_subject"),
    ("Teacher: He's special ed.", "vulnerable_subject"),
    ("Officer: He has the mind of a child.", "vulnerable_subject"),
    ("Officer: She doesn't know where she is.", "vulnerable_subject"),
    ("Officer: He doesn't know what year it is.", "vulnerable_subject"),
    ("Officer: He's an amputee.", "vulnerable_subject"),
    # a subject's own age; a witness's words for the subject's
    ("Driver: I'm only 14 years old!", "vulnerable_subject"),
    ("Witness: He's only 12!", "vulnerable_subject"),
    # Spanish objections and cries
    ("Testigo: ¡Están abusando!", "bystander_objection"),
    ("Testigo: ¡Esto es abuso policial!", "bystander_objection"),
    ("Sospechoso: ¡Ayuda! ¡Ayuda!", "subject_distress"),
    ("Sospechoso: ¡Me están lastimando!", "subject_distress"),
    ("Sospechoso: ¡No hice nada!", "subject_distress"),
    ("Officer: Does he have a gun in his hand?", "weapon_mention"),
    # a witness telling of needless force and of a man who did nothing to call for it
    ("Bystander: You're abusing him!", "bystander_objection"),
    ("Bystander: Why are you so aggressive?", "bystander_objection"),
    ("Bystander: Y'all are too rough!", "bystander_objection"),
    ("Bystander: Shame on you!", "bystander_objection"),
    ("Bystander: You didn't have to shoot him!", "bystander_objection"),
    ("Bystander: He was just standing there!", "bystander_objection"),
    ("Bystander: He was walking away!", "bystander_objection"),
    # orders to freeze and to sit on the curb
    ("Officer: Police! Freeze!", "force_command"),
    ("Officer: Sit on the curb.", "force_command"),
    # Spanish: calming words, the reason for a stop, a threat made with an order, a weapon
    ("Oficial: Tranquilo, no te vamos a lastimar.", "deescalation"),
    ("Oficial: Cálmate, solo queremos hablar.", "deescalation"),
    ("Oficial: Te paré porque ibas muy rápido.", "deescalation"),
    ("Oficial: ¡No te muevas o disparo!", "officer_escalation"),
    ("Testigo: ¡Tiene un cuchillo!", "weapon_mention"),
    # what is happening still counts beside safety advice
    ("Officer: If there's a gun in the car tell me now.", "weapon_mention"),
    ("Officer: Call 911, he's not breathing!", "medical_distress"),
])
def test_everyday_forms_of_denials_objections_threats_and_orders_count(text, category):
    assert category in categories(text)


# the same words in ordinary talk
@pytest.mark.parametrize("text,category", [
    ("Officer: Try it and see what happens with the engine light.", "officer_escalation"),
    ("Officer: Keep going and take the next exit.", "officer_escalation"),
    ("Witness: I collapsed the stroller and put it in the trunk.", "medical_distress"),
    ("Officer: The dog is in the car, he won't bother you.", "officer_escalation"),
    ("Officer: He's cuffed. Search him.", "bystander_objection"),
    ("Driver: Sorry, I'm just trying to get home, it's been a long day.", "subject_distress"),
    ("Subject: Leave me alone, man, I just want to sit here.", "subject_distress"),
    ("Officer: Put your phone face down on the seat, that's fine.", "force_command"),
    ("Driver: Oh, I'm sorry, I didn't see the sign.", "subject_distress"),
    ("Officer: Watch your back, there's a car coming.", "subject_aggression"),
    ("Officer: You're getting a ticket today, that's all.", "officer_escalation"),
    ("Officer: Do one more thing for me, sign here.", "officer_escalation"),
    ("Witness: Is he okay?", "medical_distress"),
    ("Witness: Honestly this town is dead on a Tuesday.", "medical_distress"),
    ("Officer: He's dead serious about the complaint, sir.", "medical_distress"),
    ("Driver: She's dead tired, we drove all night.", "medical_distress"),
    ("Officer: That shots fired call on Fifth was cleared, it was fireworks.", "weapon_mention"),
    ("Driver: Just shoot me a text when the report is ready.", "vulnerable_subject"),
    ("Subject: I don't want to die, please.", "vulnerable_subject"),
    ("Driver: My mom lives on Fifth, my mom's house is the blue one.", "subject_distress"),
    ("Officer: I'll remove you from the call list, sir.", "officer_escalation"),
    ("Driver: Can you get my bag out the car for me?", "force_command"),
    ("Conductor: Tengo veinte años manejando.", "vulnerable_subject"),  # twenty years of driving
    # figures of speech made of the words of a medical emergency
    ("Driver: I had to wake up early for work today.", "medical_distress"),
    ("Officer: I'm dying in this vest.", "medical_distress"),
    ("Driver: I'm dying to get home.", "medical_distress"),
    ("Driver: Man, I can't breathe in this humidity.", "medical_distress"),
    ("Driver: I'm bleeding money on this car.", "medical_distress"),
    ("Officer: Get down here and look at this.", "force_command"),
    ("Officer: Hold on, I'll be right back, don't move the car.", "force_command"),
    ("Witness: That's too much paperwork for a fender bender.", "bystander_objection"),
    ("Officer: Back off, back off, give us room.", "bystander_objection"),  # to the crowd
    ("Officer: She's got a phone in her hand.", "subject_aggression"),
    ("Driver: I need to get home before I kill my battery.", "subject_aggression"),
    ("Officer: Take the cuffs off and let's get him in the car.", "subject_aggression"),
    ("Officer: He just hit his head.", "subject_aggression"),
    ("Officer: Keep moving, sir, this is an active scene.", "officer_escalation"),
    # calm words said as a demand or a put-down
    ("Officer: Do you understand me? Get on the fucking ground!", "deescalation"),
    ("Officer: Talk to me like that again and see what happens.", "deescalation"),
    ("Officer: Let me explain something to you, I'm the one with the badge.", "deescalation"),
    ("Driver: My shoulder blade hurts from the seatbelt.", "weapon_mention"),
    ("Officer: Your wiper blade is hanging off.", "weapon_mention"),
    ("Driver: I was at the gun show with my dad.", "weapon_mention"),
    ("Officer: You were in my blind spot.", "vulnerable_subject"),
    ("Driver: I'm taking a mental health day.", "vulnerable_subject"),
    ("Driver: I'm late to class at the community college.", "vulnerable_subject"),
    ("Driver: I'm the principal of the company.", "vulnerable_subject"),
    ("Officer: You're dead wrong about that.", "officer_escalation"),
    ("Officer: You're all going to get tickets today.", "officer_escalation"),
    ("Officer: If you blink you'll miss the exit.", "officer_escalation"),
    ("Driver: The vet said to sedate the dog before the flight.", "medical_distress"),
    ("Witness: He had his hands full with the groceries.", "bystander_objection"),
    ("Officer: Keep him down there in the lobby till his ride comes.", "force_command"),
    ("Officer: Grab his arm and help him up the steps.", "force_command"),
    ("Officer: Let's wrap this up, you're free to go.", "force_command"),
    ("Driver: I paid forty dollars for that.", "weapon_mention"),
    ("Officer: Our use of force policy is on the city's website.", "force_command"),
    ("Witness: My cousin is a use of force instructor.", "force_command"),
    ("Officer: I used zip ties to fix the bumper.", "force_command"),
    ("Driver: My grandpa has crazy strength for his age.", "medical_distress"),
    ("Driver: I promise I'll pay it, I'm sorry about the mess.", "subject_distress"),  # each said once
    ("Testigo: Lo mató el cáncer el año pasado.", "bystander_objection"),  # cancer killed him last year
    ("Driver: My neck hurts a little but I think I'm okay.", "subject_distress"),  # after a crash
    ("Driver: My back hurts from the airbag.", "subject_distress"),
    ("Sospechoso: No tengo nada que ver con eso.", "subject_distress"),  # I have nothing to do with it
    ("Driver: They shot me a text yesterday about the game.", "weapon_mention"),
    ("Driver: My sister sprayed me with the hose.", "weapon_mention"),
    ("Driver: I got hit by a car last year, my back still hurts.", "subject_aggression"),
    ("Officer: You're lucky I didn't write you a ticket, sign here.", "officer_escalation"),
    ("Officer: You want some more? There's coffee in the car.", "officer_escalation"),
    ("Officer: Try me again tomorrow, I'm off today.", "officer_escalation"),
    ("Officer: Stop acting like a thug.", "medical_distress"),
    ("Officer: I'll end your shift early if you want.", "officer_escalation"),
    ("Officer: That's the suicide lane, don't pass there.", "vulnerable_subject"),
    ("Officer: Park in the handicapped spot.", "vulnerable_subject"),
    ("Driver: I'm a special needs teacher.", "vulnerable_subject"),
    ("Driver: I'm having trouble breathing through my nose with this cold.", "medical_distress"),
    ("Driver: That odd noise is the engine.", "medical_distress"),
    ("Officer: He's not answering his phone.", "medical_distress"),
    ("Witness: That's crazy, the game went to overtime.", "bystander_objection"),
    ("Driver: I don't have a gun permit, is that a problem?", "subject_distress"),
    ("Driver: I have kids, so please slow down near the school.", "subject_distress"),
    ("Driver: What did I do wrong, officer?", "subject_distress"),
    ("Witness: He punched him and ran off that way.", "bystander_objection"),  # the fight that brought the police
    ("Driver: He's strapped in, the baby seat is fine.", "weapon_mention"),
    ("Officer: He's packing up his stuff.", "weapon_mention"),
    ("Witness: She's carrying twins, she's due in May.", "weapon_mention"),
    ("Officer: Get your ass checked, that looks like a bad fall.", "officer_escalation"),
    ("Driver: Don't shoot the messenger, but my wife says I was speeding too.", "subject_distress"),
    ("Driver: I know, I know. I'm not fighting it.", "subject_distress"),
    ("Driver: I won't contest the ticket.", "subject_distress"),
    ("Driver: A hundred and eighty dollars? You're killing me here.", "subject_distress"),
    ("Officer: Do you want us to call an ambulance, just in case?", "medical_distress"),
    ("Officer: Get down here, look at this cracked windshield.", "force_command"),
    ("Officer: Now that the window is fixed, I'm breaking in the new tires.", "officer_escalation"),
    ("Officer: I'm shooting you a text with the report number.", "officer_escalation"),
    ("Witness: You shot him a text? Nice.", "weapon_mention"),
    ("Witness: She shot me a look when I said it.", "bystander_objection"),
    ("Officer: Do you want to leave now or should I make you a sandwich first?", "officer_escalation"),
    ("Officer: The easy way to the highway is Main Street.", "officer_escalation"),
    ("Driver: What breed is your dog?", "medical_distress"),
    ("Driver: You're pulling my leg, right? Ha.", "subject_distress"),
    ("Officer: Anything in the car I should know about? Guns, knives, anything like that?", "weapon_mention"),
    ("Officer: I'm going to pat you down for weapons, is that okay?", "weapon_mention"),
    ("Driver: I'm scared of getting a ticket, my insurance will go up.", "subject_distress"),
    # no attack, no resistance
    ("Officer: I'm squaring up the paperwork.", "subject_aggression"),
    ("Officer: Let's break it up into two trips.", "subject_aggression"),
    ("Officer: He's not combative, he's just scared.", "subject_aggression"),
    ("Officer: He's fighting for his life.", "force_command"),
    ("Officer: She's fighting the ticket.", "force_command"),
    ("Teacher: He kicked me out of the house.", "subject_aggression"),
    ("Officer: Good boy, he's biting, he's got him.", "subject_aggression"),  # the police dog
    # no distress: a sigh at a ticket, a request, a complaint, a long day
    ("Driver: Oh man, you're killing me.", "subject_distress"),
    ("Subject: Can you help me with my bag?", "subject_distress"),
    ("Subject: It burns when I eat spicy food.", "subject_distress"),
    ("Driver: I just want to go home, it's been a long day.", "subject_distress"),
    # nothing medical: a blood draw, a late morning, a blow told by a victim
    ("Officer: We need a blood draw for the DUI.", "medical_distress"),
    ("Driver: I'm not waking up early tomorrow.", "medical_distress"),
    ("Victim: He hit my head against the wall.", "medical_distress"),
    # no objection: an account of the scene that goes on
    ("He was walking away from the scene when I arrived.", "bystander_objection"),
    ("he was just standing there when I pulled up", "bystander_objection"),
    # no force: a narrator telling of driving and of a press conference
    ("Narrator: The officer hits the brakes.", "force_command"),
    ("Narrator: Officer Jones hits the lights and pulls him over.", "force_command"),
    ("Narrator: The officers hold a press conference.", "force_command"),
    ("Narrator: The driver hits the gas.", "subject_aggression"),
    # no order: the weather
    ("Officer: It's freezing out here tonight.", "force_command"),
    # no threat: where someone is going, a meal, an injection
    ("Officer: You're going to jail for the warrant.", "officer_escalation"),
    ("Officer: Do you want to go home tonight?", "officer_escalation"),
    ("Officer: Do you want to go with your friend?", "officer_escalation"),
    ("Officer: Do you want to go ahead and sign this?", "officer_escalation"),
    ("Officer: That's what you get for the combo meal, fries and a drink.", "officer_escalation"),
    ("Officer: This shot is gonna hurt a little, ma'am.", "officer_escalation"),
    ("Officer: You can pay online, or I'll break it down for you here.", "officer_escalation"),
    ("Officer: If you get arrested, you'll see a judge tomorrow.", "officer_escalation"),
    # no weapon: the questions of a domestic call, a gun kept safe while it is handled
    ("Officer: Does he have access to firearms?", "weapon_mention"),
    ("Officer: Does he own any guns?", "weapon_mention"),
    ("Officer: I'm going to secure the firearm for now.", "weapon_mention"),
    # no de-escalation: a warrant announced
    ("Officer: We have a warrant for your arrest, step out here.", "deescalation"),
    # no vulnerability: children in a driver's car, the age of a driver's daughter
    ("Driver: I got my kids in the car, I'm late for school pickup.", "vulnerable_subject"),
    ("Driver: I have my kids in the back, officer.", "vulnerable_subject"),
    ("Driver: She's seven. Second grade.", "vulnerable_subject"),
    # no vulnerability: a place not known, a road's number, a muddle about events
    ("Officer: I don't know where he is right now, he ran.", "vulnerable_subject"),
    ("Officer: Take 302 north.", "vulnerable_subject"),
    ("Officer: He's confused about what happened at the store.", "vulnerable_subject"),
    # safety advice for another day
    ("Officer: Remember, if there's an emergency, call 911.", "medical_distress"),
    ("Officer: If you ever see a gun at school, don't touch it, tell an adult.", "weapon_mention"),
    ("Officer: If a police officer ever tells you to put your hands up, just listen.", "force_command"),
])
def test_everyday_talk_with_the_same_words_counts_for_nothing(text, category):
    assert category not in categories(text)


def test_separate_occurrences_are_counted_alike_in_any_order_of_the_matches():
    import random

    from forcereview.engine.detectors.base import _occurrences, _span_order
    from forcereview.engine.phrasebook import Hit

    def by_the_sorted_rule(items):
        count, last_end = 0, -1
        for hit, _, _ in sorted(items, key=_span_order):
            if hit.start >= last_end:
                count, last_end = count + 1, hit.end
        return count

    rng = random.Random(5)
    for _ in range(5000):
        items = []
        for _ in range(rng.randint(1, 6)):
            start = rng.randint(0, 8)
            items.append((Hit(0, start, start + rng.randint(1, 4), None), 1.0, ()))
        expected = by_the_sorted_rule(items)
        assert _occurrences(items, in_order=False) == expected
        items.sort(key=lambda item: item[0].start)  # by start, ends in any order
        assert _occurrences(items, in_order=True) == expected


def test_a_wrong_named_in_a_question_or_a_claim_weighs_less_than_one_shouted():
    (shouted,) = signals("Witness: That's excessive force! Get off her!", "bystander_objection")
    (asked,) = signals("Reporter: Does the department consider this excessive force?", "bystander_objection")
    assert "question" in asked.tags and asked.weight < shouted.weight
    assert not signals("Reporter: The officer was accused of excessive force in 2019.", "bystander_objection")


@pytest.mark.parametrize("said", [
    "Suspect: Take these cuffs off and fight me like a man.",
    "Suspect: Come on, let's throw hands.",
])
def test_a_subject_challenging_an_officer_to_fight_is_aggression(said):
    assert "subject_aggression" in categories(said)
    assert "subject_aggression" not in categories(said.replace("Suspect", "Officer"))


@pytest.mark.parametrize("said, category, tag", [
    ("Narrator: Officer Smith then fired his service weapon, striking the suspect.", "weapon_mention", "weapon_use"),
    ("Officer: I fired three rounds.", "weapon_mention", "weapon_use"),
    ("[less lethal round fired]", "weapon_mention", "weapon_use"),
    ("Narrator: He was transported to a hospital where he was pronounced dead.", "medical_distress", None),
    ("Narrator: Officers immediately began life-saving measures.", "medical_distress", None),
    ("Officer: Render aid, get the kit!", "medical_distress", None),
])
def test_an_account_of_shots_fired_and_of_aid_given_counts(said, category, tag):
    (signal,) = signals(said, category)
    assert tag is None or tag in signal.tags


@pytest.mark.parametrize("said", [
    "Driver: He got fired from his job last week.",
    "Driver: They fired the manager, that's why I'm upset.",
])
def test_losing_a_job_is_no_shot_fired(said):
    assert not signals(said, "weapon_mention")


def test_a_sigh_at_a_ticket_is_no_sign_of_force_but_the_cry_under_force_still_counts():
    sigh = analyze_text("Officer: That's a ticket for 35 over.\nDriver: Oh man, you're killing me.\n")
    assert sigh.risk.level == "low" and not any("force" in s.tags for s in sigh.signals)
    held_down = analyze_text("Officer: Stop resisting! Get on the ground!\nSuspect: You're killing me! "
                             "Get off me!\n")
    assert held_down.risk.level in ("elevated", "high")
    assert "subject_distress" in {s.category for s in held_down.signals}


@pytest.mark.parametrize("said, tag", [
    ("Officer: You wanna go to the hospital or jail? Your choice.", "threat"),
    ("Officer: You got a smart mouth, boy.", "insult"),
    ("Officer: Nobody is going to believe you over me.", "insult"),
])
def test_veiled_threats_and_belittling_are_escalation(said, tag):
    (signal,) = signals(said, "officer_escalation")
    assert tag in signal.tags


def test_officers_asking_each_other_where_to_take_him_is_no_threat():
    assert not signals("Officer: Are we taking him to the hospital or jail first?", "officer_escalation")


@pytest.mark.parametrize("said, category", [
    ("Suspect: Get the dog off me! Call off the dog!", "subject_distress"),
    ("Suspect: My arm! My arm! It's broken!", "subject_distress"),
    ("Suspect: You broke my wrist!", "subject_distress"),
    ("Officer: Keep him on his stomach. Put your knee on his back.", "force_command"),
    ("Officer: I'm going to choke him out.", "force_command"),
    ("Officer: Carotid, carotid!", "force_command"),
])
def test_a_police_dog_a_neck_or_prone_restraint_and_an_injury_cried_out_are_force(said, category):
    (signal,) = signals(said, category)
    assert {"force", "physical_control"} & set(signal.tags)


def test_a_body_part_named_once_is_no_cry():
    assert not signals("Driver: My arm is in the car, my hand is fine.", "subject_distress")
    assert not signals("Driver: My knee has been bad since the game.", "subject_distress")


@pytest.mark.parametrize("said", ["Officer: Gas, gas, gas!", "Officer: Hit that guy. Light him up."])
def test_calls_to_use_gas_or_to_fire_on_someone_are_weapon_use(said):
    (signal,) = signals(said, "weapon_mention")
    assert "weapon_use" in signal.tags


def test_a_threat_told_as_what_comes_before_and_a_taunt_to_keep_talking_are_escalation():
    assert signals("Officer: Get out of the car before I drag you out.", "officer_escalation")
    assert signals("Officer: Keep running your mouth.", "officer_escalation")
    assert not signals("Officer: Call me before I pull you over next time.", "officer_escalation")


@pytest.mark.parametrize("said", [
    "Officer: Open the door or I'm breaking the window!",
    "Officer: If you do that again, we are shooting you.",  # a threat in the present tense
    "Officer: Get on the ground or you're getting the taser.",  # a weapon named as what comes next
    "Officer: Are you going to come with me or am I going to make you?",  # a choice of being made to
    "Officer: You can walk out or I'll carry you out.",
    "Officer: We can do this the easy way or the hard way.",
    "Officer: You're coming with me one way or another.",
])
def test_threats_of_what_comes_next_are_threats(said):
    (threat,) = signals(said, "officer_escalation")
    assert "threat" in threat.tags


@pytest.mark.parametrize("said", ["Officer: Back off, he's cuffed.", "Officer: Partner, ease up."])
def test_an_officer_telling_a_colleague_to_ease_off_in_either_order_is_peer_intervention(said):
    (signal,) = signals(said, "bystander_objection")
    assert "peer_intervention" in signal.tags


def test_an_officer_telling_a_bystander_to_back_off_is_no_intervention():
    assert not signals("Officer: Man, back off, this is a crime scene.", "bystander_objection")


def test_a_bystander_saying_he_was_hit_is_left_open():
    # a teacher kicked by a student says it, and so does a protester hit by an officer
    assert not signals("Witness: He hit me!", "subject_aggression")


@pytest.mark.parametrize("said, category, tag", [
    ("Officer: PIT him, PIT him now!", "force_command", "force"),
    ("Officer: I'm going to ram him.", "force_command", "force"),
    ("Officer: I had to shoot him, he had a gun.", "weapon_mention", "weapon_use"),
    ("Officer: Send the dog!", "weapon_mention", "weapon_use"),
])
def test_a_car_or_a_dog_used_on_the_subject_and_a_shot_told_afterwards_are_force(said, category, tag):
    (signal,) = signals(said, category)
    assert tag in signal.tags


def test_a_pit_stop_and_the_subject_ramming_a_car_are_no_officers_force():
    assert not signals("Officer: We're going to make a pit stop for coffee.", "force_command")
    assert not signals("Officer: He rammed the car!", "force_command")


@pytest.mark.parametrize("said", [
    "Officer: Get on the ground, n*****.",
    "Officer: Shut up, [N-word].",
    "Officer: [racial slur] get in the car.",
    "Officer: Go back to your country.",
])
def test_an_officers_racial_slur_is_an_insult_marked_as_a_slur(said):
    slurs = [s for s in signals(said, "officer_escalation") if "slur" in s.tags]
    assert slurs and all("insult" in s.tags for s in slurs)


def test_an_officer_not_caring_that_someone_cannot_breathe_is_a_dismissal():
    (signal,) = signals("Officer: I don't care if you can't breathe.", "medical_distress")
    assert "dismissal" in signal.tags


# signals whose tag tells what kind of sign they are
@pytest.mark.parametrize("said, category, tag", [
    # what officers call the signs of an attack: their claim of aggression
    ("Officer: He squared up on me.", "subject_aggression", "officer_claim"),
    ("Officer: He bladed his body and took a fighting stance.", "subject_aggression", "officer_claim"),
    ("Officer: He balled up his fists like he was going to fight.", "subject_aggression", "officer_claim"),
    ("Officer: He became combative.", "subject_aggression", "officer_claim"),
    ("Officer: He was swinging at me.", "subject_aggression", "officer_claim"),
    ("Officer: He was throwing punches.", "subject_aggression", "officer_claim"),
    ("Officer: The suspect struck me in the face.", "subject_aggression", "officer_claim"),
    ("Officer: He was actively resisting and assaulting officers.", "subject_aggression", "officer_claim"),
    ("Officer: He tried to fight us.", "subject_aggression", "officer_claim"),
    # a teacher telling of biting, kicking or things thrown
    ("Teacher: She kicked me in the shin.", "subject_aggression", "witness_claim"),
    ("Teacher: She spit at me.", "subject_aggression", "witness_claim"),
    ("Teacher: She was hitting staff all morning.", "subject_aggression", "witness_claim"),
    ("Teacher: She's been throwing things at us.", "subject_aggression", "witness_claim"),
    ("Teacher: She threw a stapler at the secretary.", "subject_aggression", "witness_claim"),
    # jail held over someone to silence them
    ("Officer: Keep it up and you're going to jail.", "officer_escalation", "arrest_threat"),
    ("Officer: One more word and you're under arrest.", "officer_escalation", "arrest_threat"),
    ("Officer: Do you want to go to jail too?", "officer_escalation", "arrest_threat"),
    ("Officer: You want to join him?", "officer_escalation", "arrest_threat"),
    ("Officer: Keep filming and you'll be arrested.", "officer_escalation", "arrest_threat"),
    ("Officer: Either I leave with the blood or I leave with you in cuffs.", "officer_escalation", "arrest_threat"),
    # pain promised for not complying, and a dare
    ("Officer: I'll make it hurt.", "officer_escalation", "threat"),
    ("Officer: Keep moving and this is going to hurt more.", "officer_escalation", "threat"),
    ("Officer: Do you want me to put you in the hospital?", "officer_escalation", "threat"),
    ("Officer: Quit moving or I'll break it.", "officer_escalation", "threat"),
    ("Officer: Stop talking or I'll shut you up.", "officer_escalation", "threat"),
    ("Officer: You're going to be eating pavement.", "officer_escalation", "threat"),
    ("Officer: Touch me again and see what happens.", "officer_escalation", "threat"),
    # belittling
    ("Officer: You're acting like a child.", "officer_escalation", "insult"),
    ("Officer: You're pathetic.", "officer_escalation", "insult"),
    ("Officer: That's what you get for running.", "officer_escalation", "insult"),
    ("Officer: This is what happens when you don't listen.", "officer_escalation", "insult"),
    ("Officer: Quit your crying.", "officer_escalation", "insult"),
    # children watching force
    ("Witness: You're doing this in front of my children!", "vulnerable_subject", "children_present"),
    ("Witness: My kids are watching!", "vulnerable_subject", "children_present"),
    ("Officer: There are children present.", "vulnerable_subject", "children_present"),
    ("Witness: Not in front of the kids!", "vulnerable_subject", "children_present"),
    ("Resident: There's kids in here! Please don't point that at her!", "vulnerable_subject", "children_present"),
    # force told in words by a narrator or an anchor, as briefings and news transcripts tell the video
    ("Narrator: Officer Jones tases the man.", "force_command", "narrated"),
    ("Narrator: The officer punches him in the face.", "force_command", "narrated"),
    ("Narrator: The deputy takes him to the ground.", "force_command", "narrated"),
    ("Narrator: The officer kneels on his neck.", "force_command", "narrated"),
    ("Narrator: Officers pin him to the ground.", "force_command", "narrated"),
    ("Narrator: The officer shoots him.", "weapon_mention", "narrated"),
    ("Narrator: The man punches the officer.", "subject_aggression", "narrated"),
    ("Narrator: The officer is struck by the suspect.", "subject_aggression", "narrated"),
    # a fight between others; a bystander recording, in Spanish
    ("Officer: They're fighting in the hallway.", "subject_aggression", "fight_reported"),
    ("Officer: Hey! Break it up!", "subject_aggression", "fight_reported"),
    ("Testigo: ¡Lo estoy grabando!", "bystander_objection", "filming"),
])
def test_signs_count_with_the_tag_of_their_kind(said, category, tag):
    (signal,) = signals(said, category)
    assert tag in signal.tags


@pytest.mark.parametrize("said", [
    "Officer: They're fighting in the hallway.",
    "Teacher: Two students are fighting in the cafeteria.",
    "Officer: Hey! Break it up!",
])
def test_a_fight_between_others_is_no_claim_of_resistance(said):
    assert not signals(said, "force_command")


def test_he_is_fighting_said_in_a_struggle_still_claims_resistance():
    (signal,) = signals("Officer: He's fighting! He's fighting!", "force_command")
    assert "resistance_claim" in signal.tags
