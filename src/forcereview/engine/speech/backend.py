"""The contract every speech-to-text backend keeps."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import Transcript

if TYPE_CHECKING:
    import numpy as np

# progress(stage, fraction): stage is "decode" or "transcribe", fraction runs 0..1
Progress = Callable[[str, float], None]


@runtime_checkable
class SpeechBackend(Protocol):
    name: str

    def transcribe(
        self,
        audio: str | os.PathLike | np.ndarray,
        *,
        language: str = "en",
        progress: Progress | None = None,
    ) -> Transcript:
        """Speech in ``audio`` (a file, or 16 kHz mono float32 samples) as timed segments
        with word times; ``Transcript.transcription`` records the model and settings."""
        ...
