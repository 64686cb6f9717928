"""Detectors read each segment's tokens from one flat token list, as the segment alone gives them."""

from __future__ import annotations

import pytest

from forcereview.engine.text import SegmentTokens, flat_tokens, normalize

TEXTS = ["Get on the ground!", "", "I can't breathe, uh, I can't breathe.", "Taser! Taser!"]


@pytest.fixture
def tokens() -> SegmentTokens:
    return SegmentTokens(*flat_tokens(TEXTS))


def test_each_segment_has_the_tokens_of_its_own_text(tokens):
    assert len(tokens) == len(TEXTS)
    assert [tokens[k] for k in range(len(TEXTS))] == [normalize(text) for text in TEXTS]


def test_asking_again_gives_the_same_list(tokens):
    assert tokens[2] is tokens[2]


def test_negative_indices_and_slices_read_like_a_list(tokens):
    assert tokens[-1] == normalize(TEXTS[-1])
    assert tokens[1:3] == [normalize(TEXTS[1]), normalize(TEXTS[2])]
    assert list(tokens) == [normalize(text) for text in TEXTS]


def test_a_segment_past_the_end_is_an_index_error(tokens):
    with pytest.raises(IndexError):
        tokens[len(TEXTS)]
