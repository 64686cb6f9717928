"""Speed and memory of the transcript analysis engine. Prints its figures.

    python bench/bench_engine.py            # everything (a few minutes on 2 cores)
    python bench/bench_engine.py --quick    # smaller batch (2,000 files)
    python bench/bench_engine.py --only inprocess,startup

Sections:
- inprocess: a one-hour transcript (about 9,000 words, 1,200 segments) in each format,
  analysed in this process: CPU milliseconds per transcript, transcript-hours per CPU-second,
  and the ratio to a bare baseline that only reads the file and splits it into lower-case
  words with one regular expression;
- startup: `forcereview analyze one.vtt` wall time, a fresh interpreter each run;
- batch: a folder of short transcripts with --jobs 1 and --jobs 2 (JSON Lines to /dev/null),
  wall time, speed-up and the peak resident memory of the whole process tree;
- shapes: transcripts of unusual shapes (one utterance of 100,000 words, 20,000 caption cues),
  whose time must grow with their length and not with its square.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Most of an hour of body-camera audio is ordinary talk; the incident lines come in bursts.
ORDINARY = [
    ("Ofc. Ramirez", "Okay, and what's your date of birth, sir?"),
    ("Ofc. Ramirez", "Is this still your current address?"),
    ("Ofc. Ramirez", "Hang on one second for me, okay?"),
    ("Ofc. Ramirez", "Dispatch, show me out at the gas station."),
    ("Ofc. Ramirez", "Alright, I'll be right back with your paperwork."),
    ("Ofc. Ramirez", "uh copy that um we're clear"),
    ("Ofc. Ramirez", "Where were you headed tonight?"),
    ("Ofc. Ramirez", "Can you spell your last name for me?"),
    ("Driver", "Yeah, it's on Fifth Street, the blue house."),
    ("Driver", "I was going over to my sister's place."),
    ("Driver", "It's in the glove box I think."),
    ("Driver", "Sure, no problem, whatever you need."),
    ("Driver", "How long is this going to take?"),
    ("Witness", "Hey, what's going on over here?"),
    ("Witness", "I just saw the car pull in, that's all."),
    ("Dispatch", "Unit 14, copy, you are returning to service."),
    ("Dispatch", "Be advised the plate comes back clear."),
    ("Ofc. Ortiz", "I'm going to check the back of the car."),
    ("Ofc. Ortiz", "Nothing back here, we're good."),
    ("Ofc. Ortiz", "Alright, let's go ahead and wrap this up."),
]
INCIDENT = [
    ("Ofc. Ramirez", "Good evening, the reason I stopped you is your tail light is out."),
    ("Ofc. Ramirez", "Step out of the car. Keep your hands where I can see them."),
    ("Ofc. Ramirez", "Get on the ground! Get on the ground now!"),
    ("Ofc. Ramirez", "Stop resisting! Hands behind your back!"),
    ("Ofc. Ortiz", "stop resistin st- stop moving"),
    ("Ofc. Ortiz", "Taser! Taser! Taser!"),
    ("Driver", "I'm not resisting! You're hurting me!"),
    ("Driver", "I can't breathe, please, I can't breathe."),
    ("Driver", "[crying] please let me go"),
    ("Witness", "He's not resisting! Let him up!"),
    ("Witness", "That's my son, he's only 15!"),
    ("Ofc. Ramirez", "Take your time, I'm not going to hurt you."),
]


def one_hour(fmt: str, seed: int = 7, segments: int = 1200) -> str:
    """An hour of audio as a transcript: about 9,000 words in 1,200 segments, one in eight
    from an incident (force commands, distress, objections), the rest ordinary talk."""
    rng = random.Random(seed)
    cues = []
    step = 3600.0 / segments
    for i in range(segments):
        name, text = rng.choice(INCIDENT if rng.random() < 0.125 else ORDINARY)
        t = i * step
        cues.append((i, t, t + min(step, max(1.0, len(text.split()) * 0.38)), name, text))
    if fmt == "webvtt":
        out = ["WEBVTT", ""]
        for i, a, b, name, text in cues:
            out += [f"{_clock(a, '.')} --> {_clock(b, '.')}", f"<v {name}>{text}", ""]
        return "\n".join(out)
    if fmt == "srt":
        out = []
        for i, a, b, name, text in cues:
            out += [str(i + 1), f"{_clock(a, ',')} --> {_clock(b, ',')}", f"{name.upper()}: {text}", ""]
        return "\n".join(out)
    if fmt == "json":
        return json.dumps({"segments": [{"id": i, "start": round(a, 2), "end": round(b, 2), "speaker": name,
                                         "text": " " + text} for i, a, b, name, text in cues]})
    return "\n".join(f"[{_clock(a, '.')[:8]}] {name}: {text}" for i, a, b, name, text in cues) + "\n"


def _clock(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cpu_per_call(fn, *, min_seconds: float = 1.0, min_calls: int = 5) -> float:
    """Median CPU seconds of one call, over batches that each run at least ~0.2 s."""
    fn()  # warm up (phrasebook, caches)
    samples = []
    spent = 0.0
    calls = 0
    while spent < min_seconds or calls < min_calls:
        start = time.process_time()
        fn()
        took = time.process_time() - start
        samples.append(took)
        spent += took
        calls += 1
    return statistics.median(samples)


def bench_inprocess(tmp: Path) -> None:
    from forcereview.engine import analyze_file, analyze_transcript, parse_file

    word = re.compile(r"[a-z0-9']+")
    sample = one_hour("text")
    spoken = sum(len(line.split(": ", 1)[1].split()) for line in sample.splitlines())
    print(f"== in-process analysis of a one-hour transcript ({spoken} spoken words, 1200 segments)")
    print(f"{'format':8s} {'words':>6s} {'segs':>5s} {'baseline ms':>12s} {'analyse ms':>11s} {'ratio':>6s} "
          f"{'h/CPU-s':>8s} {'analyse parsed ms':>18s}")
    for fmt, suffix in (("webvtt", "vtt"), ("srt", "srt"), ("json", "json"), ("text", "txt")):
        path = tmp / f"hour.{suffix}"
        path.write_text(one_hour(fmt))

        def baseline():
            return word.findall(path.read_text().lower())

        words = len(baseline())
        transcript = parse_file(path)
        base = cpu_per_call(baseline)
        full = cpu_per_call(lambda: analyze_file(path))
        parsed = cpu_per_call(lambda: analyze_transcript(transcript))
        print(f"{fmt:8s} {words:6d} {len(transcript.segments):5d} {base * 1000:12.2f} {full * 1000:11.2f} "
              f"{full / base:6.1f} {1 / full:8.0f} {parsed * 1000:18.2f}")
    print("(analyse = read + detect format + parse + analyse; h/CPU-s = transcript-hours per CPU-second)")


def bench_startup(tmp: Path, runs: int = 7) -> None:
    exe = shutil.which("forcereview") or str(Path(sys.executable).with_name("forcereview"))
    path = tmp / "one.vtt"
    path.write_text(one_hour("webvtt", segments=40))
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([exe, "analyze", str(path), "--format", "json"], capture_output=True)
        walls.append(time.perf_counter() - start)
        assert done.returncode == 0, done.stderr
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
        bare.append(time.perf_counter() - start)
    print("== start-up: forcereview analyze one.vtt (40 segments), fresh interpreter each run")
    print(f"wall median {statistics.median(walls) * 1000:.0f} ms, best {min(walls) * 1000:.0f} ms "
          f"(a bare 'python -c pass': median {statistics.median(bare) * 1000:.0f} ms)")


def bench_shapes(tmp: Path) -> None:
    """Transcripts of unusual shapes, each 100,000 words or more: the time must grow with the
    words, not with their square (one utterance holding every match, captions cut into cues)."""
    from forcereview.engine import analyze_file

    rng = random.Random(3)
    words = ("get on the ground stop resisting i cant breathe please youre hurting me taser officer "
             "hes not resisting and then we went to the store").split()
    shapes = {
        "one utterance, one phrase said 100,000 times": "Officer: " + " ".join(["taser"] * 100_000) + "\n",
        "one utterance of 100,000 mixed words": "Officer: " + " ".join(rng.choice(words) for _ in range(100_000)) + "\n",
        "20,000 caption cues without speakers": "".join(
            f"{i + 1}\n{_clock(i * 2.0, ',')} --> {_clock(i * 2.0 + 1.9, ',')}\n"
            f"{' '.join(rng.choice(words) for _ in range(5))}\n\n" for i in range(20_000)),
        "50,000 questions in one utterance": "Witness: " + " ".join(["is he breathing?"] * 50_000) + "\n",
    }
    print("== unusual shapes (CPU seconds of one analysis)")
    for name, text in shapes.items():
        path = tmp / ("shape.srt" if "cues" in name else "shape.txt")
        path.write_text(text)
        start = time.process_time()
        analysis = analyze_file(path)
        took = time.process_time() - start
        print(f"{name:48s} {took:6.2f} s  ({len(analysis.signals)} signals)")


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds of the whole process tree, peak RSS of the tree, exit status."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
        proc.stderr.read()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak, proc.returncode


def bench_batch(tmp: Path, files: int) -> None:
    folder = tmp / "batch"
    folder.mkdir()
    templates = [one_hour(fmt, seed=i, segments=30) for i, fmt in enumerate(("webvtt", "srt", "json", "text") * 3)]
    suffix = {"W": "vtt", "1": "srt", "{": "json", "[": "txt"}
    for i in range(files):
        text = templates[i % len(templates)]
        (folder / f"{i:05d}.{suffix[text[0]]}").write_text(text)
    exe = shutil.which("forcereview") or str(Path(sys.executable).with_name("forcereview"))
    print(f"== batch: {files} files of 30 segments each, JSON Lines to /dev/null")
    results = {}
    for jobs in (1, 2):
        load = os.getloadavg()[0]
        wall, cpu, peak, status = run_measured([exe, "analyze", str(folder), "--jobs", str(jobs)])
        assert status == 0, status
        results[jobs] = (wall, cpu)
        print(f"--jobs {jobs}: {wall:6.1f} s wall, {cpu:6.1f} CPU-s, {files / wall:6.0f} files/s, "
              f"peak RSS of the process tree {peak / 2**20:5.0f} MB (load average {load:.1f})")
    (w1, c1), (w2, c2) = results[1], results[2]
    print(f"speed-up --jobs 2 over --jobs 1: {w1 / w2:.2f}x wall on {os.cpu_count()} CPUs")
    print(f"work done in parallel: --jobs 2 spends {c2 / c1:.2f}x the CPU of --jobs 1, so on two idle cores "
          f"it would run {2 * c1 / c2:.2f}x as fast (the wall figure only means something when the "
          f"machine is otherwise idle)")


def _interpreter() -> str:
    """Which build of Python runs the bench: its figures depend on it (a build without
    profile-guided optimisation, such as pyenv's default, is about a fifth slower)."""
    return os.path.realpath(getattr(sys, "_base_executable", sys.executable))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a batch of 2,000 files instead of 10,000")
    parser.add_argument("--files", type=int, help="batch size")
    parser.add_argument("--only", default="inprocess,startup,batch,shapes", help="comma-separated sections")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    print(f"python {sys.version.split()[0]} ({_interpreter()}), {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="frv-bench-") as tmp:
        tmp = Path(tmp)
        if "inprocess" in sections:
            bench_inprocess(tmp)
        if "startup" in sections:
            bench_startup(tmp)
        if "batch" in sections:
            bench_batch(tmp, args.files or (2000 if args.quick else 10_000))
        if "shapes" in sections:
            bench_shapes(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
