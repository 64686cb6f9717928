"""A deposition's questions and answers are an account of the scene, not the scene."""

from __future__ import annotations

from forcereview.engine import analyze_text
from forcereview.engine.testimony import question_and_answer_segments

DEPOSITION = """\
Q. Officer, what did you tell him when you got out of the car?
A. I told him to get on the ground several times.
Q. Did you use your taser?
A. I deployed my taser once.
Q. After the taser, did he say anything?
A. He said "I can't breathe" once, I believe.
Q. Was he resisting at that point?
A. He was not resisting at that point, no.
"""


def test_orders_told_and_statements_under_oath_are_no_orders_or_objections_at_the_scene():
    found = {s.category for s in analyze_text(DEPOSITION).signals}
    assert "force_command" not in found and "bystander_objection" not in found


def test_force_and_a_medical_complaint_told_under_oath_still_count_as_told():
    signals = analyze_text(DEPOSITION).signals
    medical = [s for s in signals if s.category == "medical_distress"]
    used = [s for s in signals if s.category == "weapon_mention" and "weapon_use" in s.tags]
    assert medical and used and all("reported" in s.tags for s in medical + used)


def test_the_answers_say_nothing_of_who_answers():
    assert analyze_text(DEPOSITION).transcript.speakers == {"Q.": "bystander", "A.": "unknown"}


def test_only_questions_and_answers_making_most_of_the_lines_are_testimony():
    assert question_and_answer_segments(["Q", "A", "Q", "A"]) == frozenset(range(4))
    assert question_and_answer_segments(["QUESTION", "ANSWER"]) == frozenset(range(2))
    assert not question_and_answer_segments(["A", "B", "A", "B"])  # two voices diarisation named
    assert not question_and_answer_segments(["Q", "A", "Officer", "Suspect", "Officer", "Suspect"])
    assert not question_and_answer_segments([None, "Officer"])
