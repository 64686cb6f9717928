"""Speech-to-text with faster-whisper (CTranslate2) on the CPU, fully offline."""

from __future__ import annotations

import functools
import os
import time

from ..model import Segment, Transcript, TranscriptionInfo, Word
from .backend import Progress
from .errors import SpeechError
from .models import ModelChoice, resolve_model, resolve_threads

COMPUTE_TYPE = "int8"
BEAM_SIZE = 1  # greedy decoding: meets the real-time target on two threads; beam 5 costs ~3x
SAMPLE_RATE = 16000


def offline() -> None:
    """Forbid model-hub traffic before faster-whisper (and huggingface_hub) load."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"


@functools.lru_cache(maxsize=2)
def load_model(path: str, threads: int, compute_type: str):
    """The loaded model, kept so a worker process loads it once."""
    offline()
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(
            path, device="cpu", compute_type=compute_type, cpu_threads=threads, local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:  # CTranslate2's own wording follows
        raise SpeechError(f"{path}: the speech-to-text model cannot be loaded ({exc})") from None


class FasterWhisperBackend:
    name = "faster-whisper"

    def __init__(
        self,
        model: ModelChoice | str | os.PathLike | None = None,
        *,
        threads: int | None = None,
        compute_type: str = COMPUTE_TYPE,
        beam_size: int = BEAM_SIZE,
        vad_filter: bool = True,
        condition_on_previous_text: bool = False,
        word_timestamps: bool = True,
        split_sentences: bool = True,
    ):
        self.choice = model if isinstance(model, ModelChoice) else resolve_model(model)
        self.threads = resolve_threads(threads)
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.vad_filter = vad_filter
        # decoding each 30-second window without the text before it keeps the model out of the
        # loops it falls into on noisy audio, where one phrase ("stop resisting") comes out again
        # and again after it was said: in a transcript read for repeated commands, an invented
        # repetition is worse than a sentence punctuated less evenly
        self.condition_on_previous_text = condition_on_previous_text
        self.word_timestamps = word_timestamps
        self.split_sentences = split_sentences
        started = time.perf_counter()  # near zero when this process loaded the model before
        self.model = load_model(str(self.choice.path), self.threads, compute_type)
        self.load_seconds = time.perf_counter() - started

    def transcribe(self, audio, *, language: str = "en", progress: Progress | None = None) -> Transcript:
        import faster_whisper

        if not isinstance(audio, (str, os.PathLike)):
            samples = audio
        else:
            from ..audio.decode import read_pcm

            samples = read_pcm(audio)
        duration = len(samples) / SAMPLE_RATE
        started = time.perf_counter()
        try:
            pieces, info = self.model.transcribe(
                samples,
                language=language,
                beam_size=self.beam_size,
                word_timestamps=self.word_timestamps,
                vad_filter=self.vad_filter,
                condition_on_previous_text=self.condition_on_previous_text,
            )
            segments = []
            for piece in pieces:  # a generator: the work happens while iterating
                segments.extend(to_segments(len(segments), piece, split_sentences=self.split_sentences))
                if progress is not None and duration:
                    progress("transcribe", min(1.0, piece.end / duration))
        except (RuntimeError, ValueError) as exc:
            raise SpeechError(f"speech-to-text failed ({type(exc).__name__}: {exc})") from None
        elapsed = time.perf_counter() - started
        return Transcript(
            segments=tuple(segments),
            source=os.fspath(audio) if isinstance(audio, (str, os.PathLike)) else None,
            format="asr",
            transcription=TranscriptionInfo(
                backend=self.name,
                model=self.choice.name,
                model_path=str(self.choice.path),
                model_source=self.choice.source,
                backend_version=faster_whisper.__version__,
                device="cpu",
                compute_type=self.compute_type,
                cpu_threads=self.threads,
                beam_size=self.beam_size,
                vad_filter=self.vad_filter,
                condition_on_previous_text=self.condition_on_previous_text,
                word_timestamps=self.word_timestamps,
                language=info.language,
                duration=round(duration, 3),
                elapsed=round(elapsed, 3),
                load_seconds=round(self.load_seconds, 3),
            ),
        )


SENTENCE_END = (".", "!", "?", '."', '!"', '?"')


def to_segments(first_index: int, piece, *, split_sentences: bool = True) -> list[Segment]:
    """One Whisper segment as one Segment per sentence.

    Whisper runs several speakers' sentences together in one segment; a sentence is the
    smallest piece that usually has one speaker, which role inference and loudness need.
    """
    words = [w for w in (piece.words or ()) if w.word.strip()]
    if not words or not split_sentences:
        text = piece.text.strip()
        if not text:
            return []
        return [Segment(index=first_index, text=text, start=seconds(piece.start), end=seconds(piece.end),
                        words=tuple(to_word(w) for w in words))]
    sentences, current = [], []
    for word in words:
        current.append(word)
        if word.word.strip().endswith(SENTENCE_END):
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    segments = []
    for group in sentences:
        text = "".join(w.word for w in group).strip()
        segments.append(Segment(
            index=first_index + len(segments), text=text,
            start=seconds(group[0].start), end=seconds(group[-1].end),
            words=tuple(to_word(w) for w in group),
        ))
    return segments


def to_word(word) -> Word:
    return Word(
        text=word.word.strip(),
        start=seconds(word.start),
        end=seconds(word.end),
        probability=round(float(word.probability), 3),
    )


def seconds(value) -> float:
    return round(float(value), 3)
