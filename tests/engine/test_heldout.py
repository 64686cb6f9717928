"""The held-out set (tests/data/heldout), written apart from the phrase lists in the layouts of
published material, stays readable and meets the goals; bench/evaluate.py --set heldout prints
the full figures. The floors here are guards against regressions, not targets to tune to."""

from __future__ import annotations

import pytest

from tests.engine.evaluation import load_evaluate


@pytest.fixture(scope="module")
def evaluated():
    module = load_evaluate()
    return module, module.run(module.load_corpus(module.HELDOUT))


def test_the_heldout_set_is_large_varied_and_sourced(evaluated):
    _, cases = evaluated
    assert len(cases) >= 30
    assert {c.path.suffix for c in cases} >= {".vtt", ".srt", ".json", ".txt"}
    assert all(c.source for c in cases)
    assert sum(len(c.speakers) for c in cases) >= 60


def test_every_heldout_transcript_is_read(evaluated):
    _, cases = evaluated
    assert [c.path.name for c in cases if c.got_level == "unreadable"] == []


def test_heldout_goals_and_floors(evaluated):
    module, cases = evaluated
    low_force, high_calm = module.goals(cases)
    assert not low_force and not high_calm, module.report(cases)
    tp = fp = fn = 0
    for category_tp, category_fp, category_fn, _ in module.category_scores(cases).values():
        tp, fp, fn = tp + category_tp, fp + category_fp, fn + category_fn
    assert tp / (tp + fp) >= 0.88 and tp / (tp + fn) >= 0.88, module.report(cases)
    right, labelled = module.role_scores(cases)
    assert right / labelled >= 0.9, module.report(cases)
