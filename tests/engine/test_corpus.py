"""The labelled corpus (tests/data/transcripts) meets the goals, and detection stays accurate.

bench/evaluate.py prints the full figures; this test guards them."""

from __future__ import annotations

import pytest

from tests.engine.evaluation import load_evaluate


@pytest.fixture(scope="module")
def evaluated():
    module = load_evaluate()
    return module, module.run(module.load_corpus())


def test_the_corpus_is_large_and_varied(evaluated):
    _, cases = evaluated
    assert len(cases) >= 40
    assert {c.path.suffix for c in cases} >= {".vtt", ".srt", ".json", ".txt"}
    assert sum(c.kind == "force" for c in cases) >= 15 and sum(c.kind == "calm" for c in cases) >= 15
    assert all(c.source for c in cases)


def test_every_force_transcript_is_elevated_or_high_and_no_calm_one_is_high(evaluated):
    module, cases = evaluated
    low_force, high_calm = module.goals(cases)
    assert not low_force, [c.path.name for c in low_force]
    assert not high_calm, [c.path.name for c in high_calm]


def test_precision_and_recall_per_category(evaluated):
    module, cases = evaluated
    for category, (tp, fp, fn, _) in module.category_scores(cases).items():
        assert tp, category
        assert tp / (tp + fp) >= 0.85, (category, module.report(cases))
        assert tp / (tp + fn) >= 0.9, (category, module.report(cases))


def test_levels_match_the_labels(evaluated):
    _, cases = evaluated
    wrong = [c.path.name for c in cases if not c.level_ok]
    assert len(wrong) <= 2, wrong
