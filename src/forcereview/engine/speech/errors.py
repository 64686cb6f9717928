"""Errors of the speech-to-text step, worded for the person who has to fix the setup."""

from __future__ import annotations


class SpeechError(RuntimeError):
    """Speech-to-text could not run (no model, a damaged model, a backend failure)."""


class ModelNotFound(SpeechError):
    """No usable speech-to-text model in any of the places looked in."""
