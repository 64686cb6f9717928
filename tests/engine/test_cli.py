"""`forcereview analyze` through its front door: exit codes, outputs, batches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from forcereview.cli import main

FORCE = "[00:01] Ofc. Diaz: Get on the ground! Stop resisting!\n[00:03] Suspect: I'm not resisting!\n"
CALM = ("[00:01] Trooper Hale: Good evening, the reason I stopped you is your tail light is out.\n"
        "[00:09] Driver: Oh, I didn't know.\n[00:12] Trooper Hale: Just a warning tonight. Drive safe.\n")


@pytest.fixture
def files(tmp_path: Path):
    (tmp_path / "force.txt").write_text(FORCE)
    (tmp_path / "calm.txt").write_text(CALM)
    (tmp_path / "bad.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nfine\n\n00:03.000 -> 00:04.000\nbroken\n")
    return tmp_path


def test_one_file_json_prints_one_object_and_exits_zero(files, capsys):
    assert main(["analyze", str(files / "force.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["risk"]["level"] in ("elevated", "high")
    assert {s["category"] for s in data["signals"]} >= {"force_command", "subject_distress"}


def test_one_file_text_shows_risk_on_top_and_signals(files, capsys):
    assert main(["analyze", str(files / "force.txt")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "RISK" in lines[1]
    assert "FORCE COMMAND" in out and "SUBJECT DISTRESS" in out
    assert "\033[" not in out  # no colours when not a terminal


def test_bad_file_exits_two_naming_file_and_line(files, capsys):
    assert main(["analyze", str(files / "bad.vtt")]) == 2
    err = capsys.readouterr().err
    assert "bad.vtt:6:" in err
    assert "timing" in err


def test_batch_gives_json_lines_reports_the_bad_file_and_exits_one(files, capsys):
    status = main(["analyze", str(files / "force.txt"), str(files / "bad.vtt"), str(files / "calm.txt")])
    captured = capsys.readouterr()
    assert status == 1
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert len(rows) == 3
    assert rows[0]["risk"]["level"] in ("elevated", "high")
    assert rows[1]["error"]["line"] == 6
    assert rows[2]["risk"]["level"] == "low"
    assert "bad.vtt:6" in captured.err


def test_folder_is_a_batch_in_name_order(files, capsys):
    (files / "bad.vtt").unlink()
    (files / "notes.md").write_text("not a transcript")
    (files / "exhibit.rtf").write_text("{\\rtf1\\ansi\\pard OFFICER: Stop resisting!\\par}")
    assert main(["analyze", str(files)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["path"]).name for r in rows] == ["calm.txt", "exhibit.rtf", "force.txt"]


def test_role_override_changes_the_speakers_role(files, capsys):
    path = files / "school.txt"
    path.write_text("Mr. Ruiz: Get on the ground!\nJordan: Please stop!\n")
    assert main(["analyze", str(path), "--format", "json", "--role", "Jordan=subject", "--role", "Mr. Ruiz=officer"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["speakers"] == {"Mr. Ruiz": "officer", "Jordan": "subject"}


def test_bad_role_option_exits_two(files, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["analyze", str(files / "force.txt"), "--role", "Jordan=chief"])
    assert caught.value.code == 2
    assert "role must be one of" in capsys.readouterr().err


def test_audio_without_speech_to_text_is_a_clear_error(tmp_path, capsys, monkeypatch):
    audio = tmp_path / "bodycam.bin"  # recognised by its bytes, not its name
    audio.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(64))
    monkeypatch.setitem(sys.modules, "forcereview.engine.speech", None)  # as if not installed
    assert main(["analyze", str(audio)]) == 2
    err = capsys.readouterr().err
    assert "bodycam.bin" in err and "wav recording" in err
    assert "speech-to-text is not available" in err and "pip install" in err


def test_recordings_speech_to_text_refuses_are_bad_input_naming_the_file(tmp_path, capsys, monkeypatch):
    import forcereview.engine.speech as speech
    from forcereview.engine.audio.errors import MediaError
    from forcereview.engine.speech.errors import ModelNotFound

    audio = tmp_path / "cut.wav"
    audio.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(8))

    def damaged(path, model=None):
        raise MediaError(path, "is a damaged WAV file: no audio data chunk found")

    monkeypatch.setattr(speech, "transcribe_path", damaged)
    assert main(["analyze", str(audio)]) == 2
    err = capsys.readouterr().err
    assert "cut.wav" in err and "damaged WAV" in err and "Traceback" not in err

    def no_model(path, model=None):
        raise ModelNotFound("no speech-to-text model in /models/none")

    monkeypatch.setattr(speech, "transcribe_path", no_model)
    assert main(["analyze", str(audio), "--model", "/models/none"]) == 2
    err = capsys.readouterr().err
    assert "cut.wav" in err and "cannot run" in err and "/models/none" in err


def test_jobs_two_gives_the_same_lines_as_one(files, tmp_path, capsys):
    (files / "bad.vtt").unlink()
    for i in range(6):
        (files / f"more{i}.txt").write_text(FORCE if i % 2 else CALM)
    assert main(["analyze", str(files), "--jobs", "1"]) == 0
    one = capsys.readouterr().out
    assert main(["analyze", str(files), "--jobs", "2"]) == 0
    two = capsys.readouterr().out
    assert one == two and len(one.splitlines()) == 8


def test_installed_command_runs(files):
    result = subprocess.run([sys.executable, "-m", "forcereview.cli", "analyze", str(files / "force.txt"),
                             "--format", "json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["signals"]


def test_a_transcript_piped_in_is_read_from_standard_input(files):
    def run(*args, data=FORCE.encode()):
        return subprocess.run([sys.executable, "-m", "forcereview.cli", "analyze", *args], input=data,
                              capture_output=True, timeout=60)

    piped = run("-", "--format", "json")
    assert piped.returncode == 0, piped.stderr
    data = json.loads(piped.stdout)
    assert data["source"] == "stdin" and {s["category"] for s in data["signals"]} >= {"force_command"}
    assert json.loads(run("-", "--format", "json").stdout)["signals"] == json.loads(
        run(str(files / "force.txt"), "--format", "json").stdout)["signals"]
    empty = run("-", data=b"")
    assert empty.returncode == 2 and b"stdin: the file is empty" in empty.stderr
    mixed = run("-", str(files / "calm.txt"))
    assert mixed.returncode == 2 and b"standard input" in mixed.stderr
