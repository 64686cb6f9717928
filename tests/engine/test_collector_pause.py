"""The cyclic garbage collector is held off during an analysis and left as it was found."""

from __future__ import annotations

import gc
import threading

import pytest

from forcereview.engine import analyze_text, parse_text
from forcereview.engine.collector import collector_paused
from forcereview.engine.errors import TranscriptError

TRANSCRIPT = "[00:01] Ofc. Diaz: Get on the ground! Stop resisting!\n[00:03] Suspect: I'm not resisting!\n"


@pytest.fixture
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_paused_during_an_analysis_and_enabled_after(collector_enabled):
    seen = []
    with collector_paused():
        seen.append(gc.isenabled())
    analyze_text(TRANSCRIPT)
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled(collector_enabled):
    gc.disable()
    analyze_text(TRANSCRIPT)
    assert not gc.isenabled()


def test_the_collector_is_enabled_again_when_the_transcript_is_bad(collector_enabled):
    with pytest.raises(TranscriptError):
        parse_text("WEBVTT\n\n00:01.000 -> 00:02.000\nbroken\n")
    assert gc.isenabled()


def test_the_collector_stays_paused_until_the_last_of_several_threads_is_done(collector_enabled):
    inside, release = threading.Event(), threading.Event()

    def analyse_slowly():
        with collector_paused():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=analyse_slowly)
    other.start()
    inside.wait(5)
    analyze_text(TRANSCRIPT)
    paused_while_the_other_runs = not gc.isenabled()
    release.set()
    other.join(5)
    assert paused_while_the_other_runs
    assert gc.isenabled()


def test_an_analysis_leaves_no_reference_cycles_to_collect(collector_enabled):
    analyze_text(TRANSCRIPT)
    gc.collect()
    analysis = analyze_text(TRANSCRIPT * 40)
    del analysis
    assert gc.collect() == 0
