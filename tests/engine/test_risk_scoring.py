"""The risk score: transparent reasons, context, and the behaviour the issue asks for."""

from __future__ import annotations

import pytest

from forcereview.engine import analyze_text

SCHOOL = ("[00:01] SRO: Get on the ground. Put your hands behind your back.\n"
          "[00:04] Student: Let me go!\n"
          "[00:06] SRO: Stop resisting.\n"
          "[00:08] Assistant Principal: Stop, she's just a kid! That's too much!\n")
CALM_STOP = ("[00:01] Trooper: Good evening. The reason I stopped you is your tail light is out.\n"
             "[00:06] Driver: Oh, sorry, I didn't know.\n"
             "[00:09] Trooper: No problem. Here's a warning, get it fixed. Drive safe.\n")
TENSE_STOP = ("[00:00] Sgt. Ward: Driver! Show me your hands! Put your hands out the window!\n"
              "[00:05] Sgt. Ward: Step out of the vehicle. Keep your hands up. Turn around.\n"
              "[00:10] Sgt. Ward: Walk backwards to my voice. Get on your knees. Don't move.\n"
              "[00:15] Ofc. Hill: Cross your ankles. Don't fucking move. Do you have a gun? Is there a gun in the car?\n"
              "[00:20] Ofc. Hill: Shut up and listen. Don't reach or you're gonna get shot.\n"
              "[00:25] Driver: Okay! Okay!\n")


def test_a_child_at_school_with_force_commands_and_an_objection_is_high():
    analysis = analyze_text(SCHOOL, subject_age=11, location_type="school")
    assert analysis.risk.level == "high"
    codes = [r.code for r in analysis.risk.reasons]
    assert {"context_child", "context_school", "force_and_objection"} <= set(codes)


def test_the_same_words_without_context_score_lower():
    with_context = analyze_text(SCHOOL, subject_age=11, location_type="school").risk.score
    assert analyze_text(SCHOOL).risk.score < with_context


def test_a_calm_traffic_stop_with_a_reason_given_is_low():
    risk = analyze_text(CALM_STOP).risk
    assert risk.level == "low"
    assert risk.score == 0
    assert risk.reasons and risk.reasons[0].code == "deescalation" and risk.reasons[0].points < 0


def test_a_tense_stop_with_commands_but_no_force_or_distress_is_at_most_elevated():
    risk = analyze_text(TENSE_STOP).risk
    assert risk.level == "elevated"
    # even with every aggravating context, no sign of force keeps it below high
    risk = analyze_text(TENSE_STOP + "Driver: I'm 15, I'm autistic, I'm pregnant\n", subject_age=11,
                        location_type="school").risk
    assert risk.level == "elevated"
    assert any(r.code == "no_force_cap" for r in risk.reasons)


def test_context_without_any_force_counts_for_half():
    calm_school = "SRO: Good morning, sixth grade. Today we talk about online safety.\n"
    risk = analyze_text(calm_school, subject_age=11, location_type="school").risk
    child = next(r for r in risk.reasons if r.code == "context_child")
    assert child.points == 11.0
    assert risk.level == "low"


def test_reasons_are_sorted_largest_first_and_explain_themselves():
    risk = analyze_text(SCHOOL, subject_age=11, location_type="school").risk
    sizes = [abs(r.points) for r in risk.reasons]
    assert sizes == sorted(sizes, reverse=True)
    assert all(r.explanation for r in risk.reasons)
    assert risk.to_dict()["reasons"][0].keys() == {"code", "points", "explanation"}


def test_score_stays_within_0_and_100():
    flood = "".join(f"[00:{i:02d}] Officer: stop resisting! I'll tase you! shots fired!\n"
                    f"[00:{i:02d}] Suspect: I can't breathe! you're hurting me!\n"
                    f"[00:{i:02d}] Witness: you're killing him! he's only 12!\n" for i in range(30))
    assert analyze_text(flood, subject_age=9, location_type="school").risk.score == 100
    calm = "".join("Officer: take your time. Thank you for your patience. Have a good day.\n" for _ in range(30))
    assert analyze_text(calm).risk.score == 0


def test_a_dismissed_breathing_complaint_is_its_own_reason():
    text = "Suspect: I can't breathe.\nOfficer: If you can talk, you can breathe.\n"
    codes = [r.code for r in analyze_text(text).risk.reasons]
    assert "medical_complaint_dismissed" in codes


ROUTINE_ARREST = ("[00:00] Ofc. Lane: You're under arrest for the warrant. Turn around, put your hands behind your back.\n"
                  "[00:03] Subject: Man, come on.\n"
                  "[00:05] Ofc. Lane: Stop pulling away. Give me your hand. Give me your other hand.\n"
                  "[00:08] Ofc. Lane: Stop resisting. Relax your arm. Don't pull away.\n"
                  "[00:11] Ofc. Ruiz: Hands behind your back. Stop tensing up.\n"
                  "[00:14] Ofc. Lane: Stop resisting! Put your hands behind your back!\n"
                  "[00:17] Subject: Alright, alright.\n"
                  "[00:25] Ofc. Lane: Dispatch, one in custody, minor use of force, no injuries.\n")


def test_a_routine_arrest_with_many_commands_is_elevated_not_high(tmp_path):
    risk = analyze_text(ROUTINE_ARREST).risk
    assert risk.level == "elevated"
    # even where an agency weighs commands so heavily that the points alone say high
    from forcereview.engine.book import load_phrasebook

    heavy = tmp_path / "agency.yaml"
    heavy.write_text("risk:\n  categories:\n    force_command: {points: 20, cap: 90, label: force commands}\n")
    risk = analyze_text(ROUTINE_ARREST, phrasebook=load_phrasebook([heavy], cache=False)).risk
    assert risk.level == "elevated"
    assert [r.code for r in risk.reasons if r.points < 0] == ["no_concern_cap"]


def test_an_hour_of_calm_work_with_routine_talk_of_weapons_and_worries_is_not_high():
    import random

    said = [("Ofc. Ramirez", "Go ahead and step out of the car for me, I want to show you the tire."),
            ("Ofc. Ramirez", "Put your hands on the wheel while I grab your license, okay?"),
            ("Ofc. Ortiz", "My taser battery is low, remind me to swap it."),
            ("Ofc. Ortiz", "That shots fired call on Fifth was cleared, it was fireworks."),
            ("Ofc. Ramirez", "Do you have any weapons on you today?"), ("Driver", "No sir, nothing."),
            ("Driver", "I'm sorry, I'm so sorry officer, I was in a rush."),
            ("Driver", "I can't believe I forgot my wallet, I'm so scared of my boss."),
            ("Ofc. Ramirez", "Damn, it's cold out here tonight."), ("Witness", "Is everything okay over here?"),
            ("Ofc. Ramirez", "You're free to go, have a good night."), ("Dispatch", "Unit 14, copy, clear.")]
    rng = random.Random(5)
    lines = [f"[{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}] {name}: {words}"
             for t in range(0, 3600, 3) for name, words in [rng.choice(said)]]
    assert analyze_text("\n".join(lines)).risk.level != "high"


def test_an_objection_said_with_i_am_recording_is_still_an_objection():
    # the recording adds the 'filming' tag to the objection's signal; the objection itself is
    # what a reviewer must look at, so with force the level is high
    text = ("[00:08] Ofc. Diaz: Get on the ground! Stop resisting!\n"
            "[00:10] Suspect: I'm not resisting!\n"
            "[00:12] Witness: He's not resisting! I'm recording this!\n")
    analysis = analyze_text(text)
    objection = next(s for s in analysis.signals if s.category == "bystander_objection")
    assert "filming" in objection.tags and () in objection.match_tags
    assert analysis.risk.level == "high"
    filming_only = text.replace("He's not resisting! I'm recording this!", "I'm recording this.")
    assert analyze_text(filming_only).risk.level != "high"


def test_a_cry_of_pain_beside_a_denial_of_resisting_still_counts_as_distress():
    said = "[00:10] Suspect: I'm not resisting! You're hurting me!\n[00:14] Suspect: I'm not resisting! You're hurting me!\n"
    analysis = analyze_text("[00:08] Ofc. Diaz: Get on the ground!\n" + said)
    assert any(r.code == "concern_with_force" and "more than once" in r.explanation for r in analysis.risk.reasons)
    denials_only = said.replace(" You're hurting me!", "")
    assert not any("more than once" in r.explanation
                   for r in analyze_text("[00:08] Ofc. Diaz: Get on the ground!\n" + denials_only).risk.reasons)


def test_force_used_or_claimed_is_at_least_elevated():
    risk = analyze_text("Ofc. Lane: Stop resisting.\nSubject: Okay.\n").risk
    assert risk.level == "elevated"
    assert any(r.code == "force_floor" for r in risk.reasons)
    # compliance orders alone are no force
    risk = analyze_text("Ofc. Lane: Show me your hands. Step out of the car.\nDriver: Okay.\n").risk
    assert risk.level == "low"


@pytest.mark.parametrize("line", [
    "[00:20] Subject: I can't breathe! I can't breathe!\n",
    "[00:20] Witness: He's not resisting! Let him up!\n",
    "[00:20] Ofc. Lane: I'll kick your ass if you move again.\n",
    "[00:20] Subject: You're hurting me! Please stop, you're breaking my arm!\n",
])
def test_something_a_reviewer_must_look_at_makes_the_same_arrest_high(line):
    risk = analyze_text(ROUTINE_ARREST + line).risk
    assert risk.level == "high", line
    assert not any(r.code == "no_concern_cap" for r in risk.reasons)


def test_repeated_resistance_commands_while_the_subject_denies_resisting_is_high():
    text = ("[00:00] Ofc. Lane: Get on the ground! Stop resisting!\n"
            "[00:02] Subject: I'm not resisting! I'm not resisting!\n"
            "[00:04] Ofc. Lane: Stop resisting! Give me your hand!\n"
            "[00:06] Ofc. Ruiz: Stop resisting! Stop resisting!\n"
            "[00:08] Subject: I'm on the ground, I'm not resisting!\n")
    risk = analyze_text(text).risk
    assert risk.level == "high"
    assert "disputed_under_repeated_commands" in [r.code for r in risk.reasons]


def test_a_racial_slur_while_ordering_or_using_force_is_its_own_reason():
    ordered = analyze_text("[00:00] Ofc. Lane: Get on the ground, n*****!\n"
                           "[00:02] Subject: I'm on the ground! Don't shoot!\n").risk
    plain = analyze_text("[00:00] Ofc. Lane: Get on the ground!\n"
                         "[00:02] Subject: I'm on the ground! Don't shoot!\n").risk
    assert "slur_with_force" in [r.code for r in ordered.reasons]
    assert "slur_with_force" not in [r.code for r in plain.reasons]
    assert ordered.score >= plain.score + 25
    used = analyze_text("[00:00] Ofc. Lane: Stop resisting, n*****!\n[00:02] Subject: I'm not resisting!\n").risk
    assert used.level == "high"


def test_a_child_with_force_commands_is_high_without_an_objection():
    text = "SRO: Get on the ground! Put your hands behind your back! Stop resisting!\nStudent: Let me go!\n"
    assert analyze_text(text, subject_age=10).risk.level == "high"


def test_risk_conditions_are_validated_with_the_file_and_key(tmp_path):
    from forcereview.engine.book import load_phrasebook
    from forcereview.engine.errors import DataFileError

    bad = tmp_path / "agency.yaml"
    bad.write_text("risk:\n  combinations:\n    odd:\n      when: [\"force_command repetitions>=3\"]\n"
                   "      points: 5\n      explanation: Odd.\n")
    with pytest.raises(DataFileError) as err:
        load_phrasebook([bad], cache=False)
    assert "agency.yaml" in str(err.value) and "risk.combinations.odd.when" in str(err.value)
    assert "repetitions>=3" in str(err.value)
