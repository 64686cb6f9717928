"""Speaker roles: from labels and titles, from what each speaker says, and from overrides."""

from __future__ import annotations

import pytest

from forcereview.engine import analyze_text
from forcereview.engine.book import default_phrasebook


@pytest.mark.parametrize("label, role", [
    ("Officer Smith", "officer"), ("OFC. RAMOS #4471", "officer"), ("Sgt. Diaz", "officer"),
    ("Deputy Holt", "officer"), ("Trooper Hale", "officer"), ("Lt. Harper", "officer"), ("Cpl. Nez", "officer"),
    ("Det. Ruiz", "officer"), ("SRO", "officer"), ("School Resource Officer Benally", "officer"),
    ("Unit 14", "officer"), ("Badge 2231", "officer"), ("#4412", "officer"), ("OFFICER (Christensen)", "officer"),
    ("Suspect", "subject"), ("DRIVER", "subject"), ("Arrestee", "subject"), ("SUBJECT (Dwyer)", "subject"),
    ("Witness 2", "bystander"), ("Teacher (Ms. Cruz)", "bystander"), ("Assistant Principal Ruiz", "bystander"),
    ("School nurse", "bystander"), ("Mother", "bystander"), ("Passerby", "bystander"),
    ("Security Officer Lopez", "bystander"), ("Bus driver", "bystander"), ("Woman filming", "bystander"),
    ("Dispatch", "dispatch"), ("RADIO", "dispatch"), ("911 operator", "dispatch"), ("DISP", "dispatch"),
    ("CALL TAKER", "dispatch"), ("911 Call Taker", "dispatch"), ("CALLER", "bystander"),
    ("911 CALLER", "bystander"), ("Complainant", "bystander"), ("Citizen", "bystander"),
    ("3A21", "officer"), ("1-Adam-12", "officer"), ("4 David 31", "officer"), ("W1", "bystander"),
    ("V-2", "bystander"), ("C1", "bystander"), ("S1", "subject"), ("CORRESPONDENT", "bystander"),
    ("Oficial Ramos", "officer"), ("AGENTE", "officer"), ("Sospechoso", "subject"), ("TESTIGO", "bystander"),
    ("Madre", "bystander"), ("Q", "bystander"), ("Attorney Klein", "bystander"), ("DEFENSE ATTORNEY", "bystander"),
    ("SPEAKER_00", None), ("Unidentified male", None), ("Mr. Jackson", None), ("Speaker 2", None),
    ("Host", None), ("12", None),
])
def test_roles_from_labels(label, role):
    found, strength = default_phrasebook().labels.role_of(label)
    assert found == role


def test_weak_labels_lean_but_words_decide():
    text = ("Officer Diaz: Get on the ground!\n"
            "Student 1: I'm not resisting! You're hurting me!\n"
            "Student 2: He's not resisting! Leave him alone! I'm recording this!\n"
            "Unidentified male: Hey! Let him up!\n")
    speakers = analyze_text(text).transcript.speakers
    assert speakers == {"Officer Diaz": "officer", "Student 1": "subject", "Student 2": "bystander",
                        "Unidentified male": "bystander"}


def test_diarised_speakers_get_roles_from_their_words():
    text = ("SPEAKER_00: Step out of the car. Put your hands behind your back.\n"
            "SPEAKER_01: Why did you stop me? What did I do?\n"
            "SPEAKER_00: Stop resisting.\n"
            "SPEAKER_01: I'm not resisting!\n"
            "SPEAKER_02: That's my son! He didn't do anything!\n"
            "SPEAKER_03: Be advised, caller states the suspect fled on foot.\n"
            "SPEAKER_04: okay\n")
    assert analyze_text(text).transcript.speakers == {
        "SPEAKER_00": "officer", "SPEAKER_01": "subject", "SPEAKER_02": "bystander", "SPEAKER_03": "dispatch",
        "SPEAKER_04": "unknown"}


DIARISED_STRUGGLE = ("SPEAKER_00: Step out of the car. Get on the ground! Hands behind your back!\n"
                     "SPEAKER_01: What did I do? Why are you stopping me?\n"
                     "SPEAKER_00: I'm not resisting! You're hurting me!\n"
                     "SPEAKER_00: Stop resisting! Stop resisting!\n"
                     "SPEAKER_00: What did I do?\n"
                     "SPEAKER_01: I can't breathe. Please.\n")


def test_a_plea_that_diarisation_gave_to_the_officers_voice_is_the_subjects():
    # two people shouting at once: diarisation puts the subject's cry in the officer's voice
    analysis = analyze_text(DIARISED_STRUGGLE)
    assert analysis.transcript.speakers == {"SPEAKER_00": "officer", "SPEAKER_01": "subject"}
    assert [s.role for s in analysis.transcript.segments] == [
        "officer", "subject", "subject", "officer", "officer", "subject"]
    assert any(s.category == "subject_distress" and s.segment == 2 for s in analysis.signals)


@pytest.mark.parametrize("officer", ["Officer Diaz", "Diaz"])
def test_a_speaker_named_by_a_person_keeps_one_role_in_every_segment(officer):
    # a name written by whoever transcribed the recording is not a guess from the sound of a voice
    text = DIARISED_STRUGGLE.replace("SPEAKER_00", officer).replace("SPEAKER_01", "Moore")
    roles = {s.role for s in analyze_text(text).transcript.segments if s.speaker == officer}
    assert roles == {"officer"}


MIXED_VOICE = ("SPEAKER_00: Put your hands behind your back. Don't pull away.\n"
               "SPEAKER_00: Get on the ground! Get on the ground!\n"
               "SPEAKER_00: I'm not resisting, I'm not resisting! You're hurting my arm!\n"
               "SPEAKER_00: Please, please, I can't breathe.\n")


def test_a_diarised_voice_of_orders_and_cries_beside_the_subjects_voice_is_an_officers():
    # half its words are the subject's: diarisation gave them to the officer's voice
    with_subject = MIXED_VOICE + "SPEAKER_01: Why? What did I do? I didn't do anything!\n"
    analysis = analyze_text(with_subject)
    assert analysis.transcript.speakers == {"SPEAKER_00": "officer", "SPEAKER_01": "subject"}
    assert [s.role for s in analysis.transcript.segments][:4] == ["officer", "officer", "subject", "subject"]
    # with no other voice to be the subject, nothing tells whose voice it is
    assert analyze_text(MIXED_VOICE).transcript.speakers == {"SPEAKER_00": "unknown"}


def test_one_weak_sign_in_a_diarised_voice_does_not_move_its_segment():
    # "What did I do?" alone (segment 4) is not enough to take it from the officer's voice
    assert analyze_text(DIARISED_STRUGGLE).transcript.segments[4].role == "officer"


def test_names_without_titles_are_inferred_officer_and_subject():
    text = ("Floyd: I can't breathe.\nKueng: You're fine, you're talking fine.\nThao: Relax.\n"
            "Floyd: Please, I can't breathe.\nChauvin: Stop talking, stop yelling.\n")
    speakers = analyze_text(text).transcript.speakers
    assert speakers["Floyd"] == "subject"
    assert speakers["Kueng"] == speakers["Thao"] == speakers["Chauvin"] == "officer"


def test_orders_to_get_in_the_car_and_stay_up_tell_an_officer_by_name_alone():
    text = ("Lane: Step out of the car.\nMoore: I didn't do nothing.\n"
            "Kueng: You're going in the car. Stop falling down. Stay on your feet.\nMoore: Okay.\n")
    speakers = analyze_text(text).transcript.speakers
    assert speakers["Kueng"] == "officer"
    assert speakers["Moore"] == "subject"


def test_override_wins_over_label_and_words():
    text = "Administrator: Get on the ground!\nJordan: Please stop!\n"
    analysis = analyze_text(text, roles={"administrator": "bystander", "JORDAN": "subject"})
    assert analysis.transcript.speakers == {"Administrator": "bystander", "Jordan": "subject"}
    assert all(s.role == {"Administrator": "bystander", "Jordan": "subject"}[s.speaker]
               for s in analysis.transcript.segments)


def test_segments_without_speakers_get_a_role_only_when_their_words_agree():
    text = "stop resisting stop resisting\ni'm not resisting\nget on the ground i'm not resisting\nokay\n"
    roles = [s.role for s in analyze_text(text).transcript.segments]
    assert roles == ["officer", "subject", "unknown", "unknown"]


def test_a_role_stated_by_json_is_kept():
    text = '{"segments": [{"text": "hello there", "speaker": "A", "role": "dispatch"}]}'
    assert analyze_text(text).transcript.speakers == {"A": "dispatch"}


def test_a_label_several_people_share_is_judged_segment_by_segment():
    text = ("OFFICER 1: Put your hands behind your back.\n"
            "UNIDENTIFIED MALE: I'm not resisting! You're hurting me!\n"
            "UNIDENTIFIED MALE: Get off of his neck! He's not resisting!\n"
            "UNIDENTIFIED MALE: I'm scared.\n")
    analysis = analyze_text(text)
    assert [s.role for s in analysis.transcript.segments] == ["officer", "subject", "bystander", "subject"]
    assert {s.category for s in analysis.signals if s.segment == 2} == {"bystander_objection"}


def test_the_one_person_answering_an_officer_is_the_subject():
    text = ("Deputy Harris: Good afternoon. I stopped you for speeding.\n"
            "Jordan: Oh, I'm sorry.\nDeputy Harris: License, please.\nJordan: Here you go.\n"
            "Deputy Harris: Have a good day.\n")
    assert analyze_text(text).transcript.speakers == {"Deputy Harris": "officer", "Jordan": "subject"}


def test_no_conversation_partner_is_guessed_among_several_or_against_an_override():
    two = ("Deputy Harris: What happened here?\nJordan: I don't know.\nSam: Me neither.\n"
           "Deputy Harris: Anyone hurt?\nJordan: No.\nSam: No.\n")
    assert analyze_text(two).transcript.speakers == {"Deputy Harris": "officer", "Jordan": "unknown", "Sam": "unknown"}
    one = "Deputy Harris: Hi.\nJordan: Hi.\nDeputy Harris: Ok.\nJordan: Ok.\n"
    assert analyze_text(one, roles={"Jordan": "unknown"}).transcript.speakers["Jordan"] == "unknown"


def _labelled_transcripts():
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    return sorted(p for folder in ("transcripts", "heldout") for p in (data / folder).iterdir()
                  if p.suffix in (".txt", ".vtt", ".srt", ".json"))


def test_words_are_weighed_for_roles_only_where_labels_leave_them_open(monkeypatch):
    from forcereview.engine import analysis, analyze_file

    paths = _labelled_transcripts()
    skipped = [p for p in paths if analysis.settled_by_labels(
        [s.speaker for s in analyze_file(p).transcript.segments], {}, default_phrasebook().labels, {})]
    assert len(skipped) >= 10  # many transcripts name every speaker's role in its label
    quick = [analyze_file(p).to_dict(segments=True) for p in paths]
    monkeypatch.setattr(analysis, "settled_by_labels", lambda *args: False)
    assert [analyze_file(p).to_dict(segments=True) for p in paths] == quick


def test_a_speaker_without_a_strong_label_leaves_roles_open():
    from forcereview.engine.roles import settled_by_labels

    labels = default_phrasebook().labels
    assert settled_by_labels(["Officer Diaz", "Suspect"], {}, labels, {})
    assert not settled_by_labels(["Officer Diaz", "Student 1"], {}, labels, {})  # a weak label word
    assert not settled_by_labels(["Officer Diaz", None], {}, labels, {})  # a segment with no speaker
    assert not settled_by_labels(["Officer Diaz", "Unidentified male"], {}, labels, {})
    assert settled_by_labels(["Officer Diaz", "Mr. Price"], {}, labels, {"mr. price": "bystander"})
    assert settled_by_labels(["Officer Diaz", "Mr. Price"], {"Mr. Price": "subject"}, labels, {})


RIDE_ALONG = """\
SPEAKER_00: So how long have you been doing this?
SPEAKER_01: About twelve years. I was in the academy in 2012.
SPEAKER_00: Have you ever had to use it?
SPEAKER_01: A couple of times. Our policy says only for active aggression.
SPEAKER_00: That's interesting.
SPEAKER_01: Hang on. Copy, en route.
"""


def test_an_officer_on_the_radio_talking_about_the_job_is_no_dispatcher():
    # "copy" and "en route" are said on both sides of the radio; the academy and "our policy"
    # are an officer's, and the questions about the job an observer's
    assert analyze_text(RIDE_ALONG).transcript.speakers == {"SPEAKER_00": "bystander", "SPEAKER_01": "officer"}


def test_a_dispatcher_saying_copy_is_still_a_dispatcher():
    text = ("SPEAKER_00: Copy unit 14, be advised the caller states he has a knife.\n"
            "SPEAKER_01: Copy, en route.\n"
            "SPEAKER_00: Units responding, stand by for an update.\n")
    assert analyze_text(text).transcript.speakers["SPEAKER_00"] == "dispatch"


def test_a_teacher_speaking_of_her_pupil_is_a_bystander():
    text = ("Speaker 1: Hey bud, come on out of the hallway, let's talk.\n"
            "Speaker 2: I don't want to. Leave me alone.\n"
            "Speaker 3: He's one of our fourth graders. I already called his mom.\n"
            "Speaker 1: Let's go sit in the office, okay?\n"
            "Speaker 3: He's had a rough morning. He's usually a great kid.\n")
    assert analyze_text(text).transcript.speakers["Speaker 3"] == "bystander"


NURSE_ARRESTED = """\
Det. Harlan: Keep it up and you're going to jail. You're under arrest.
Nurse Walsh: Help me! Help me! Stop! You're assaulting me!
Det. Harlan: Put your hands behind your back.
Nurse Walsh: You're hurting my wrist! I've done nothing wrong!
Charge Nurse: Sir, she's not doing anything!
"""


def test_a_witness_by_label_who_comes_under_force_speaks_as_the_subject_in_those_lines():
    analysis = analyze_text(NURSE_ARRESTED)
    assert analysis.transcript.speakers["Nurse Walsh"] == "bystander"  # the speaker keeps her label
    cries = [s for s in analysis.signals if s.category == "subject_distress"]
    assert [s.speaker for s in cries] == ["Nurse Walsh", "Nurse Walsh"] and {s.role for s in cries} == {"subject"}
    assert [s.role for s in analysis.signals if s.category == "bystander_objection"] == ["bystander"]


def test_a_witness_objecting_stays_a_witness_in_every_line():
    text = ("Officer: Stop resisting!\nWitness: He's not resisting! You're hurting him!\n"
            "Witness: What are you doing to him?\nMother: He doesn't like to be touched! Please don't grab him!\n")
    assert {s.role for s in analyze_text(text).transcript.segments if s.speaker != "Officer"} == {"bystander"}


def test_an_officer_keeping_the_crowd_back_is_known_by_it():
    text = ("Lane: Put your hands up.\nFloyd: I can't breathe.\n"
            "Thao: Get back on the sidewalk.\nThao: Stay out of the street.\n")
    assert analyze_text(text).transcript.speakers["Thao"] == "officer"


def test_a_teacher_bitten_by_a_pupil_stays_a_witness_telling_of_it():
    text = "Officer: What is going on?\nTeacher: Ow! Ow! She bit me! Help me! Help me!\nStudent: Leave me alone!\n"
    analysis = analyze_text(text)
    assert {s.role for s in analysis.transcript.segments if s.speaker == "Teacher"} == {"bystander"}
    assert [s.role for s in analysis.signals if s.category == "subject_aggression"] == ["bystander"]
