"""Recordings in: content sniffing, probing, decoding to 16 kHz mono, the loudness track.

Light to import (no numpy) for the parts a router needs::

    from forcereview.engine.audio import MediaError, is_media, probe, sniff

The numpy parts live in their modules::

    from forcereview.engine.audio.decode import read_pcm, stream_pcm
    from forcereview.engine.audio.loudness import LoudnessMeter, loudness_track
"""

from __future__ import annotations

from .errors import MediaError, ToolMissing
from .probe import MediaInfo, probe
from .sniff import MediaKind, is_media, sniff

__all__ = ["MediaError", "MediaInfo", "MediaKind", "ToolMissing", "is_media", "probe", "sniff"]
