"""`forcereview evidence verify` re-hashes every stored file and names the damaged ones."""

from __future__ import annotations

import io
import os

from forcereview.cli import main
from forcereview.evidence.actions import add_evidence
from forcereview.evidence.storage import get_store
from tests.evidence.conftest import tone_wav


def _two_items(incident, world):
    a = add_evidence(incident, io.BytesIO(tone_wav(1.0)), by=world.users["officer"], name="a.wav")
    b = add_evidence(incident, io.BytesIO(tone_wav(1.0, freq=220)), by=world.users["officer"], name="b.wav")
    return a, b


def test_verify_passes_on_an_intact_store(incident, world, media_tools, capsys):
    _two_items(incident, world)
    assert main(["evidence", "verify"]) == 0
    assert "evidence store intact: 2 stored files re-hashed" in capsys.readouterr().out


def test_verify_reports_a_corrupted_file(incident, world, media_tools, capsys):
    a, b = _two_items(incident, world)
    path = get_store().path_of(b.sha256)
    os.chmod(path, 0o644)  # someone with access to the disk flips one byte
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))

    assert main(["evidence", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"evidence #{b.pk}: {b.sha256}: the stored file was CHANGED" in err
    assert f"evidence #{a.pk}" not in err
    assert "1 of 2 stored files missing or changed" in err


def test_verify_reports_a_missing_file(incident, world, media_tools, capsys):
    a, _ = _two_items(incident, world)
    get_store().path_of(a.sha256).unlink()
    assert main(["evidence", "verify"]) == 1
    assert f"evidence #{a.pk}: {a.sha256}: the stored file is MISSING" in capsys.readouterr().err
