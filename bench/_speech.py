"""Shared by the speech benches: a clip of synthetic speech made with espeak-ng and sox."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

# A short encounter, read at a natural pace and repeated to fill the clip.
SCRIPT = (
    "Dispatch, this is unit twelve, I am out with a vehicle on Main Street near the school. "
    "Good afternoon, the reason I stopped you is that your brake light is out. "
    "Can I see your license and registration please? "
    "Sir, step out of the car. Keep your hands where I can see them. "
    "Stop resisting! Get on the ground! Put your hands behind your back! "
    "I am not resisting, you are hurting me, please stop. "
    "She is not a threat, this is excessive force, let him up. "
    "He says he cannot breathe, call an ambulance now. "
    "Okay, take your time, nobody is going to hurt you, we are going to sit you up. "
)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} is not installed (apt-get install {name})")
    return path


def speech_clip(folder: Path, seconds: float, *, rate: int = 16000) -> Path:
    """``seconds`` of espeak-ng speech (looped as needed), mono, at ``rate`` Hz, as WAV."""
    voice = folder / "voice.wav"
    subprocess.run([tool("espeak-ng"), "-v", "en-us", "-s", "160", "-w", str(voice), SCRIPT * 2],
                   check=True, capture_output=True)
    clip = folder / f"speech-{int(seconds)}s.wav"
    subprocess.run(
        [tool("ffmpeg"), "-nostdin", "-y", "-v", "error", "-stream_loop", "-1", "-i", str(voice),
         "-t", str(seconds), "-ac", "1", "-ar", str(rate), str(clip)],
        check=True, capture_output=True,
    )
    return clip
