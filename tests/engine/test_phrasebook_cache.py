"""The compiled phrasebook is cached as JSON; the cache never changes a result."""

from __future__ import annotations

import os

from forcereview.engine import analyze_text, load_phrasebook
from forcereview.engine.bookcache import cache_dir

TEXT = ("Officer: Stop resisting! Get on the ground! I'll tase you!\nSuspect: I can't breathe, I'm not resisting!\n"
        "Witness: He's only 14! Get off him!\nOfficer: Taser! Taser!\n[crying]\n")


def _result(book):
    return analyze_text(TEXT, phrasebook=book).to_dict()


def test_a_cached_phrasebook_gives_the_same_analysis(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled = load_phrasebook(cache=False)
    first = load_phrasebook()  # compiles and writes the cache
    files = list((tmp_path / "forcereview").glob("phrasebook-*.json"))
    assert len(files) == 1
    assert oct(os.stat(tmp_path / "forcereview").st_mode & 0o777) == "0o700"
    cached = load_phrasebook()  # reads it back
    assert cached.words.root is not first.words.root
    assert _result(cached) == _result(compiled) == _result(first)


def test_a_changed_data_file_is_never_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    agency = tmp_path / "agency.yaml"
    agency.write_text("groups:\n  force_command:\n    phrases: [no chao]\n")
    assert any(s.category == "force_command" for s in
               analyze_text("Policial: no chão", phrasebook=load_phrasebook([agency])).signals)
    agency.write_text("groups:\n  force_command:\n    phrases: [parado]\n")
    book = load_phrasebook([agency])
    assert not analyze_text("Policial: no chão", phrasebook=book).signals
    assert analyze_text("Policial: parado", phrasebook=book).signals


def test_a_damaged_or_unsafe_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_phrasebook()
    (path,) = (tmp_path / "forcereview").glob("phrasebook-*.json")
    path.write_text('{"format": 1, "digest": "x"')
    assert _result(load_phrasebook()) == _result(load_phrasebook(cache=False))
    os.chmod(tmp_path / "forcereview", 0o777)  # anyone could write it: not used, not written
    path.write_text("{}")
    assert _result(load_phrasebook()) == _result(load_phrasebook(cache=False))
    assert path.read_text() == "{}"


def test_the_cache_lives_under_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "forcereview"
