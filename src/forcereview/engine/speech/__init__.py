"""Speech-to-text: a backend contract, faster-whisper behind it, and one entry point::

    from forcereview.engine.speech import transcribe_path
    transcript = transcribe_path("bodycam.mp4")          # model from the setting or the package
    transcript.transcription.model, transcript.loudness.dbfs[:10]

Importing this package is light; numpy and faster-whisper load on first use.
"""

from __future__ import annotations

from .backend import Progress, SpeechBackend
from .errors import ModelNotFound, SpeechError
from .models import ModelChoice, resolve_model, resolve_threads
from .pipeline import transcribe_path
from .serialize import transcript_from_dict, transcript_to_dict

__all__ = [
    "ModelChoice",
    "ModelNotFound",
    "Progress",
    "SpeechBackend",
    "SpeechError",
    "resolve_model",
    "resolve_threads",
    "transcribe_path",
    "transcript_from_dict",
    "transcript_to_dict",
]
