"""Loudness-track throughput and memory on a long recording (one hour by default).

    python bench/loudness_track.py [--hours 1] [--format wav|m4a|mp4] [--rate 16000]

wav: mono WAV read through libsndfile (resampled in numpy unless --rate is 16000); m4a: AAC
audio decoded by ffmpeg; mp4: the same
sound in a video container with a test pattern. Prints the audio length, the time taken, the
speed against real time and the peak resident memory of this process before and after, to show
that memory stays flat (the decoded hour would take 230 MB as float32 if it were held whole).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _speech import speech_clip, tool

from forcereview.engine.audio import probe
from forcereview.engine.audio.loudness import loudness_track


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def long_recording(folder: Path, seconds: float, fmt: str, rate: int) -> Path:
    clip = speech_clip(folder, 60.0)
    out = folder / f"long.{fmt}"
    command = [tool("ffmpeg"), "-nostdin", "-y", "-v", "error", "-stream_loop", "-1", "-i", str(clip)]
    if fmt == "mp4":
        command += ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=1", "-map", "0:a", "-map", "1:v",
                    "-c:v", "libx264", "-preset", "ultrafast"]
    command += ["-t", str(seconds), "-ac", "1", "-ar", str(rate)]
    command += ["-c:a", "aac", "-b:a", "48k"] if fmt in ("m4a", "mp4") else []
    subprocess.run(command + [str(out)], check=True, capture_output=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--format", choices=("wav", "m4a", "mp4"), default="wav")
    parser.add_argument("--rate", type=int, default=16000, help="sample rate of the file made")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = long_recording(Path(folder), args.hours * 3600, args.format, args.rate)
        print(f"made {path.name}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - started:.1f} s")
        info = probe(path)
        before = peak_mb()
        started = time.perf_counter()
        track = loudness_track(path)
        elapsed = time.perf_counter() - started
        after = peak_mb()
        print(f"audio            {track.duration / 3600:.2f} h ({info.codec}, {info.sample_rate} Hz, "
              f"{info.channels} channel(s), {args.format})")
        print(f"loudness track   {len(track.dbfs)} windows of {track.window * 1000:.0f} ms in {elapsed:.1f} s: "
              f"{track.duration / elapsed:.0f}x real time, {path.stat().st_size / 1e6 / elapsed:.0f} MB/s of file")
        print(f"peak memory      {before:.0f} MB before, {after:.0f} MB after (+{after - before:.0f} MB); "
              f"largest child process (ffmpeg, making or decoding the file) "
              f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
