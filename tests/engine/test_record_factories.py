"""Segments and signals made the fast way are the very records their constructors make."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from forcereview.engine.context import make_signal
from forcereview.engine.formats.common import make_segment, make_segments
from forcereview.engine.model import Segment, Signal, unfrozen_twin


def test_fast_segments_and_signals_equal_frozen_records():
    fast = make_segment(3, "Stop resisting!", 1.5, 2.0, "Ofc. Diaz", "officer", ("yelling",), 7)
    slow = Segment(3, "Stop resisting!", 1.5, 2.0, "Ofc. Diaz", "officer", ("yelling",), 7)
    assert type(fast) is Segment and fast == slow and hash(fast) == hash(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert dataclasses.replace(fast, role="subject") == dataclasses.replace(slow, role="subject")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "changed"
    run = make_segments(5, ["a", "b"], [0.0, 1.0], [1.0, 2.0], [None, "X"], ["unknown", "subject"], [1, 2])
    assert run == [Segment(5, "a", 0.0, 1.0, None, "unknown", (), 1), Segment(6, "b", 1.0, 2.0, "X", "subject", (), 2)]
    signal = make_signal("force_command", 1.0, 2.0, "A", "officer", "x", "d", "e", 0, 1.0, ("force",), 2)
    assert type(signal) is Signal
    assert signal == Signal("force_command", 1.0, 2.0, "A", "officer", "x", "d", "e", 0, 1.0, ("force",), 2)


def test_a_record_whose_fields_changed_gets_no_twin():
    fields = tuple(Segment.__slots__)
    assert unfrozen_twin(Segment, fields) is not None
    assert unfrozen_twin(Segment, fields[:-1]) is None
    assert unfrozen_twin(Segment, fields + ("confidence",)) is None
