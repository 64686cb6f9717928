"""Speech-to-text speed: real-time factor of faster-whisper tiny.en on a one-minute clip.

    python bench/transcribe_rtf.py [--threads 2] [--seconds 60] [--beam-size 1] [--model DIR] [--audio FILE]

Prints the audio duration, the model load time (once per process), the time spent
transcribing, the real-time factor (transcribing time / audio duration; the goal is at
most 0.05 on two threads), the whole transcribe_path time (decoding and loudness included),
and the CPU seconds spent, which give the RTF the same work would reach on idle cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _speech import speech_clip

from forcereview.engine.speech import transcribe_path
from forcereview.engine.speech.whisper import BEAM_SIZE, FasterWhisperBackend

GOAL_RTF = 0.05


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the synthetic clip")
    parser.add_argument("--beam-size", type=int, default=BEAM_SIZE)
    parser.add_argument("--model", help="CTranslate2 Whisper model folder (default: as configured)")
    parser.add_argument("--audio", help="transcribe this file instead of synthetic speech")
    parser.add_argument("--repeat", type=int, default=1, help="transcribe this many times, report each")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        audio = Path(args.audio) if args.audio else speech_clip(Path(folder), args.seconds)
        started = time.perf_counter()
        backend = FasterWhisperBackend(args.model, threads=args.threads, beam_size=args.beam_size)
        load = time.perf_counter() - started
        print(f"model            {backend.choice.name} ({backend.choice.path})")
        print(f"settings         {args.threads} CPU threads, {backend.compute_type}, beam {args.beam_size}, "
              f"VAD on, word timestamps on; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.2f}")
        print(f"model load       {load:.2f} s")
        for run in range(1, args.repeat + 1):
            load_before = os.getloadavg()[0]
            cpu_before = cpu_seconds()
            started = time.perf_counter()
            transcript = transcribe_path(audio, backend=backend)
            total = time.perf_counter() - started
            cpu = cpu_seconds() - cpu_before
            info = transcript.transcription
            rtf = info.elapsed / info.duration
            words = sum(len(s.words) for s in transcript.segments)
            print(f"run {run}: audio {info.duration:.1f} s, transcribing {info.elapsed:.2f} s, "
                  f"RTF {rtf:.3f} (goal <= {GOAL_RTF}), whole transcribe_path {total:.2f} s "
                  f"(decode and loudness {total - info.elapsed:.2f} s), "
                  f"{len(transcript.segments)} segments, {words} words; load average {load_before:.1f}")
            # CPU time barely depends on what else the machine runs; with the threads to itself
            # the wall time would be about the CPU time spread over them.
            print(f"       CPU {cpu:.2f} s for the whole run: about RTF {cpu / args.threads / info.duration:.3f} "
                  f"on {args.threads} otherwise idle cores")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory      {peak:.0f} MB (resident, this process)")
        print("first words      " + " ".join(s.text for s in transcript.segments[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
