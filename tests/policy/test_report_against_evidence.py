"""The officer's claims against what the recordings show, each flag with the claim and the
quotes (with times) side by side."""

from __future__ import annotations

from forcereview.policy.evidence_check import check_report
from tests.policy.helpers import analysis, base_report, signal


def claims(*kinds: str) -> list[dict]:
    o = base_report()["officers"][0]
    o["claims"] = [{"kind": k, "subject": "S1", "detail": "she kicked me"} for k in kinds]
    return [o]


def test_assault_claim_without_any_aggression_on_the_recording_is_flagged():
    report = base_report(officers=claims("subject_assaulted_officer"))
    recording = analysis(signal("subject_distress", "subject", "You're hurting me!", start=75.5))
    (flag,) = check_report(report, [recording])
    assert flag.kind == "claim_without_aggression"
    assert flag.claim["kind"] == "subject_assaulted_officer"
    assert flag.claim["label"] == "Subject assaulted an officer"
    assert flag.claim["detail"] == "she kicked me"
    assert "no aggression by the subject" in flag.summary
    assert flag.evidence == ("The 1 analysed recording contains no threat or blow by the subject; "
                             "the subject is heard in distress 1 time.")
    assert [(q.text, q.time) for q in flag.quotes] == [("You're hurting me!", "1:15")]


def test_the_evidence_of_several_recordings_is_told_in_the_plural():
    report = base_report(officers=claims("subject_assaulted_officer"))
    recordings = [analysis(signal("subject_distress", "subject", "Stop!", start=3)), analysis()]
    (flag,) = check_report(report, recordings)
    assert flag.evidence.startswith("The 2 analysed recordings contain no threat or blow by the subject")


def test_claim_is_not_flagged_when_the_recording_shows_aggression():
    report = base_report(officers=claims("subject_assaulted_officer"))
    recording = analysis(signal("subject_aggression", "subject", "I'll punch you"))
    assert check_report(report, [recording]) == []


def test_subject_saying_not_resisting_disputes_active_resistance():
    report = base_report(officers=claims("subject_actively_resisted"))
    recording = analysis(
        signal("subject_aggression", "subject", "Get away from me or I'll hit you", start=5),
        signal("subject_distress", "subject", "im not resistin!", start=42),
        signal("subject_distress", "subject", "I'm not resisting, please", start=50),
    )
    (flag,) = check_report(report, [recording])
    assert flag.kind == "subject_denies_resisting"
    assert [q.time for q in flag.quotes] == ["0:42", "0:50"]


def test_bystander_saying_no_threat_disputes_the_claim():
    report = base_report(officers=claims("subject_actively_resisted"))
    recording = analysis(signal("bystander_objection", "bystander", "She is not a threat!", start=3725))
    kinds = {f.kind: f for f in check_report(report, [recording])}
    assert set(kinds) == {"claim_without_aggression", "bystander_disputes_claim"}
    assert kinds["bystander_disputes_claim"].quotes[0].time == "1:02:05"


def test_repeated_stop_resisting_with_no_resistance_in_the_report_is_flagged():
    subjects = [dict(base_report()["subjects"][0], resistance=[])]
    force = [dict(base_report()["force"][0], resistance="")]
    report = base_report(officers=claims("effect_arrest"), subjects=subjects, force=force)
    shouts = [signal("force_command", "officer", "Stop resisting!", start=t) for t in (10, 14, 19)]
    (flag,) = check_report(report, [analysis(*shouts)])
    assert flag.kind == "resistance_not_reported"
    assert flag.claim is None
    assert "3 times" in flag.summary and len(flag.quotes) == 3


def test_one_stop_resisting_or_reported_resistance_is_not_flagged():
    report = base_report(officers=claims("effect_arrest"))  # the subject's resistance is recorded
    shouts = [signal("force_command", "officer", "Stop resisting!", start=t) for t in (10, 14)]
    assert check_report(report, [analysis(*shouts)]) == []
    quiet = base_report(officers=claims("effect_arrest"), subjects=[dict(base_report()["subjects"][0], resistance=[])],
                        force=[dict(base_report()["force"][0], resistance="")])
    assert check_report(quiet, [analysis(shouts[0])]) == []


def test_nothing_is_flagged_without_an_analysed_recording():
    report = base_report(officers=claims("subject_assaulted_officer"))
    assert check_report(report, []) == []


def test_flag_keys_are_stable_across_checks():
    report = base_report(officers=claims("subject_assaulted_officer"))
    first = check_report(report, [analysis()])
    again = check_report(report, [analysis(signal("subject_distress", "subject", "ow"))])
    assert [f.key for f in first] == [f.key for f in again] == ["claim_without_aggression:101:subject_assaulted_officer:S1"]
