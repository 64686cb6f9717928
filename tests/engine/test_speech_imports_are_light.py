"""Importing the speech and audio entry points loads neither numpy, faster-whisper nor Django,
so ``forcereview analyze`` on a transcript stays quick and the engine stays Django-free."""

from __future__ import annotations

import subprocess
import sys


def test_speech_and_audio_imports_load_no_heavy_modules():
    code = (
        "import sys\n"
        "import forcereview.engine.speech, forcereview.engine.audio, forcereview.engine.audio.shouting\n"
        "print(sorted(m for m in ('numpy', 'faster_whisper', 'ctranslate2', 'soundfile', 'django')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
