"""A reviewer opens a recording's evidence page, clicks a signal and the player jumps there.
Opening the page is logged as viewed; only playing it is logged as played."""

from __future__ import annotations

import io
import time

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import report, require_tool
from tests.evidence.conftest import FAKE_SEGMENTS, FakeSpeech, tone_wav

pytestmark = pytest.mark.browser


def _entries(item, action: str) -> list:
    from forcereview.audit.models import AuditEntry

    return list(AuditEntry.objects.for_object(item).filter(action=action))


def _wait_for(check, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.1)
    return check()


def test_clicking_a_signal_plays_the_recording_from_there_and_only_then_logs_played(
        world, browser_page, artifacts, monkeypatch):
    from forcereview.evidence import engine_bridge
    from forcereview.evidence.actions import add_evidence
    from forcereview.evidence.models import Analysis
    from forcereview.records.actions import create_incident

    require_tool("ffprobe")
    require_tool("ffmpeg")
    monkeypatch.setattr(engine_bridge, "transcribe", FakeSpeech())
    incident = create_incident(world.agency, report(), by=world.users["officer"])
    item = add_evidence(incident, io.BytesIO(tone_wav(4.0)), by=world.users["officer"], name="bodycam.wav")
    assert Analysis.objects.filter(item=item).exists()  # inline work ran after the upload committed

    page = browser_page
    sign_in(page, "supervisor", world.password)
    page.goto(f"/evidence/{item.pk}/")
    player = page.locator("#player")
    assert player.get_attribute("preload") == "none"
    page.wait_for_timeout(1000)  # time for a browser that preloads to do so
    assert len(_entries(item, "evidence.viewed")) == 1
    assert _entries(item, "evidence.played") == []

    objection_at = FAKE_SEGMENTS[1][0]
    signal = page.locator("#signals li.signal", has_text="not a threat")
    signal.locator("button.seek").click()
    page.wait_for_function("document.getElementById('player').currentTime > 0")
    position = player.evaluate("p => p.currentTime")
    assert objection_at <= position < objection_at + 1.5, position
    assert _wait_for(lambda: len(_entries(item, "evidence.played")) == 1)
    [played] = _entries(item, "evidence.played")
    assert played.actor_label == "supervisor"
    page.screenshot(path=str(artifacts / "evidence-player-after-signal-click.png"), full_page=True)
