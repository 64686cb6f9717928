"""Hashing and storing a large video through the evidence store, with memory kept flat.

Writes a file of random blocks (default 1 GiB), then runs the store's real path on it:
stream into a temporary file while hashing with SHA-256, fsync, chmod 0444, atomic rename
into objects/ab/cd/<sha256>. Prints MB/s and the process's peak resident memory before and
after (the target: at least 300 MB/s, and a peak that does not grow with the file).

    python bench/evidence_store.py            # 1024 MiB
    python bench/evidence_store.py --size-mb 256
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
    args = parser.parse_args()

    from forcereview.evidence.storage import LocalStore

    work = Path(tempfile.mkdtemp(prefix="bench-evidence-", dir=args.dir))
    try:
        source = work / "bodycam.mp4"
        t0 = time.perf_counter()
        expected = make_file(source, args.size_mb)
        print(f"wrote a {args.size_mb} MiB test file in {time.perf_counter() - t0:.1f} s")
        store = LocalStore(work / "store")
        before = peak_rss_mb()
        t0 = time.perf_counter()
        with open(source, "rb") as fh:
            incoming = store.receive(fh, max_bytes=1 << 40, what=source.name)
        received = time.perf_counter() - t0
        stored = store.keep(incoming)
        elapsed = time.perf_counter() - t0
        after = peak_rss_mb()
        assert stored and incoming.sha256 == expected, "hash mismatch"
        target = store.path_of(expected)
        assert target.stat().st_size == args.size_mb * BLOCK and target.stat().st_mode & 0o777 == 0o444
        mb = args.size_mb * BLOCK / 1e6
        print(f"hashed and stored {mb:,.0f} MB in {elapsed:.2f} s (stream+hash+fsync {received:.2f} s, "
              f"keep {elapsed - received:.3f} s)")
        print(f"throughput: {mb / elapsed:,.0f} MB/s (target >= 300 MB/s)")
        print(f"peak RSS: {before:.1f} MiB before, {after:.1f} MiB after (growth {after - before:.1f} MiB "
              f"for a {args.size_mb} MiB file)")
        print(f"stored as {target.relative_to(work)} mode {oct(target.stat().st_mode & 0o777)}")
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} during the run"
              + (" (busy: figures are lower than on an idle machine)" if load > (os.cpu_count() or 1) else ""))
        return 0 if mb / elapsed >= 300 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
