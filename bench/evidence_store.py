"""Hashing and storing a large video through the evidence store, with memory kept flat.

Writes a file of random blocks (default 1 GiB), then runs the store's real path on it:
stream into a temporary file while hashing with SHA-256 (written with O_DIRECT where the
filesystem allows), fsync, chmod 0444, atomic rename into objects/ab/cd/<sha256>. Prints MB/s,
the CPU seconds the process spent (a figure the machine's load changes far less than the
wall time) and the peak resident memory before and after (the target: at least 300 MB/s, and
a peak that does not grow with the file).

    python bench/evidence_store.py            # 1024 MiB
    python bench/evidence_store.py --size-mb 256 --repeat 3
    python bench/evidence_store.py --buffered # page-cache writes, for comparison
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

BLOCK = 1024 * 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def make_file(path: Path, size_mb: int) -> str:
    """Random-looking content, quickly: one random MiB, varied per block so no two match."""
    base = bytearray(os.urandom(BLOCK))
    digest = hashlib.sha256()
    with open(path, "wb") as fh:
        for n in range(size_mb):
            base[:8] = n.to_bytes(8, "little")
            fh.write(base)
            digest.update(base)
        fh.flush()
        os.fsync(fh.fileno())  # the test file's own write-back must not be charged to the store
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--dir", help="where to put the file and the store (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=1, help="store the file this many times (fresh store each)")
    parser.add_argument("--buffered", action="store_true", help="write through the page cache (no O_DIRECT)")
    args = parser.parse_args()

    from forcereview.evidence import hashcopy
    from forcereview.evidence.storage import LocalStore

    if args.buffered:
        hashcopy.try_direct = lambda fd: False

    work = Path(tempfile.mkdtemp(prefix="bench-evidence-", dir=args.dir))
    try:
        source = work / "bodycam.mp4"
        t0 = time.perf_counter()
        expected = make_file(source, args.size_mb)
        print(f"wrote a {args.size_mb} MiB test file in {time.perf_counter() - t0:.1f} s")
        probe = os.open(work / "probe", os.O_WRONLY | os.O_CREAT, 0o600)
        writes = "O_DIRECT" if hashcopy.try_direct(probe) else "buffered (page cache)"
        os.close(probe)
        mb = args.size_mb * BLOCK / 1e6
        rates = []
        for run in range(1, args.repeat + 1):
            store = LocalStore(work / f"store{run}")
            before, cpu0, load0 = peak_rss_mb(), cpu_seconds(), os.getloadavg()[0]
            t0 = time.perf_counter()
            with open(source, "rb") as fh:
                incoming = store.receive(fh, max_bytes=1 << 40, what=source.name)
            received = time.perf_counter() - t0
            stored = store.keep(incoming)
            elapsed = time.perf_counter() - t0
            cpu, after, load = cpu_seconds() - cpu0, peak_rss_mb(), os.getloadavg()[0]
            assert stored and incoming.sha256 == expected, "hash mismatch"
            target = store.path_of(expected)
            assert target.stat().st_size == args.size_mb * BLOCK and target.stat().st_mode & 0o777 == 0o444
            rates.append(mb / elapsed)
            print(f"run {run}: {mb:,.0f} MB in {elapsed:.2f} s = {mb / elapsed:,.0f} MB/s (target >= 300 MB/s); "
                  f"stream+hash+fsync {received:.2f} s, keep {elapsed - received:.3f} s; "
                  f"CPU {cpu:.2f} s ({mb / cpu:,.0f} MB per CPU-second); writes {writes}; "
                  f"load average {load0:.1f} -> {load:.1f}")
            print(f"       peak RSS {before:.1f} MiB before, {after:.1f} MiB after (growth {after - before:.1f} MiB "
                  f"for a {args.size_mb} MiB file); stored as {target.relative_to(work)} mode "
                  f"{oct(target.stat().st_mode & 0o777)}")
            shutil.rmtree(work / f"store{run}")
        best = max(rates)
        print(f"best {best:,.0f} MB/s of {len(rates)} run(s); {os.cpu_count()} CPUs, load average now "
              f"{os.getloadavg()[0]:.1f}" + (" (busy: figures are lower than on an idle machine)"
                                            if os.getloadavg()[0] > (os.cpu_count() or 1) else ""))
        return 0 if best >= 300 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
