"""The transcript analysis engine: pure Python, no Django.

Public API::

    from forcereview.engine import analyze_file, analyze_text
    analysis = analyze_file("bodycam.vtt", subject_age=11, location_type="school")
    analysis.to_dict()  # {"risk": {...}, "signals": [...], ...}

Also ``analyze_transcript(transcript, ...)`` for a ``Transcript`` built elsewhere (speech-to-text),
``parse_file`` / ``parse_text`` / ``parse_bytes`` for the transcript alone, and
``TranscriptError`` (``forcereview.engine.errors``), the one error bad input raises.
The names are imported on first use, so ``import forcereview.engine`` stays cheap.
"""

from __future__ import annotations

__version__ = "1.3"

_EXPORTS = {
    "Analysis": "analysis",
    "analyze_file": "analysis",
    "analyze_text": "analysis",
    "analyze_transcript": "analysis",
    "parse_file": "formats",
    "parse_text": "formats",
    "parse_bytes": "formats",
    "detect_format": "formats",
    "TranscriptError": "errors",
    "DataFileError": "errors",
    "SpeechUnavailable": "errors",
    "load_phrasebook": "book",
    "default_phrasebook": "book",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'forcereview.engine' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
