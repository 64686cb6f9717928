"""Import of N incidents (default 100,000) with their subjects, officers and force
applications into a fresh SQLite database, through the real path (``forcereview import``'s
``records.importer.import_file`` -> ``records.actions.import_reports``).

    .venv/bin/python bench/bench_import.py                 # 100,000 incidents, CSV
    .venv/bin/python bench/bench_import.py --format json
    .venv/bin/python bench/bench_import.py --quick         # 10,000
    .venv/bin/python bench/bench_import.py --profile       # cProfile of the import, top 25
    .venv/bin/python bench/bench_import.py --quick --profile --sort tottime

The generated file is kept in the temporary folder and reused for the rest of the day
(--regenerate writes it anew).

Target: 100,000 incidents in under 60 s on SQLite.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import _synthetic as synthetic


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--incidents", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 incidents")
    parser.add_argument("--format", choices=("csv", "json", "jsonl"), default="csv")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="import into this database instead of a fresh SQLite file")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the import")
    parser.add_argument("--sort", default="cumulative", help="order of the profile (cumulative, tottime, ...)")
    parser.add_argument("--regenerate", action="store_true",
                        help="write the file anew instead of reusing the one generated earlier today")
    parser.add_argument("--with-hooks", action="store_true",
                        help="keep other apps' hooks on imported incidents (policy evaluation and review routing "
                             "after the commit) and time them separately; off by default")
    args = parser.parse_args()
    n = 10_000 if args.quick else args.incidents

    folder = synthetic.fresh_django(args.database_url)
    from forcereview.records.importer import import_file
    from forcereview.records.importer.csvfile import write_csv
    from forcereview.records.models import Claim, ForceApplication, Incident, OfficerInvolvement, Subject, Witness
    from forcereview.audit.models import AuditEntry

    from django.db import transaction

    from forcereview.records.actions import INCIDENT_CHANGED_HOOKS

    agency, _ = synthetic.make_agency()
    if not args.with_hooks:
        INCIDENT_CHANGED_HOOKS.clear()

    started = time.perf_counter()
    # The reports end yesterday, so a file written today for the same size and seed is the
    # same file: keep it between runs (generating 100,000 reports takes a minute).
    cache = Path(tempfile.gettempdir()) / "frv-bench-import"
    cache.mkdir(exist_ok=True)
    path = cache / f"incidents-{n}-{args.seed}-{date.today().isoformat()}.{args.format}"
    reused = path.exists() and not args.regenerate
    if not reused:
        for old in cache.glob("incidents-*"):
            if date.today().isoformat() not in old.name:
                old.unlink(missing_ok=True)  # an earlier day's file
        partial = path.with_suffix(".partial")
        with open(partial, "w", encoding="utf-8", newline="") as out:
            reports = synthetic.reports(n, seed=args.seed)
            if args.format == "csv":
                write_csv(reports, out)
            elif args.format == "jsonl":
                for r in reports:
                    out.write(json.dumps(r) + "\n")
            else:
                json.dump(list(reports), out)
        partial.replace(path)
    generated = time.perf_counter() - started
    size = path.stat().st_size

    stages: dict[str, tuple[float, float]] = {}
    began, began_cpu = time.perf_counter(), time.process_time()

    def progress(stage: str, done: int) -> None:
        stages[stage] = (time.perf_counter() - began, time.process_time() - began_cpu)

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
        profiler.enable()
    committed: list[tuple[float, float]] = []
    # An outer transaction so that work other apps defer until the commit (review routing of
    # the imported incidents) can be timed apart from the import; the first callback marks
    # the moment of the commit.
    with open(path, "rb") as stream, transaction.atomic():
        transaction.on_commit(lambda: committed.append((time.perf_counter(), time.process_time())))
        outcome = import_file(agency, stream, by="bench", size=size, progress=progress)
    end, end_cpu = committed[0] if committed else (time.perf_counter(), time.process_time())
    total, total_cpu = end - began, end_cpu - began_cpu
    after_commit = time.perf_counter() - end
    if profiler:
        import pstats

        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(args.sort).print_stats(25)
        print(text.getvalue())

    if not outcome.ok:
        print("import failed:", *outcome.problems[:10], sep="\n  ")
        return 1
    checked, checked_cpu = stages.get("checked", (0.0, 0.0))
    counts = {m.__name__: m.objects.count() for m in (Incident, Subject, OfficerInvolvement, ForceApplication, Claim, Witness)}
    audit = AuditEntry.objects.filter(action="incident.imported").count()
    from django.db import connection

    print(f"database          {connection.vendor} ({Path(folder).name})")
    made = f"reused from {path}" if reused else f"generated in {generated:.1f} s"
    print(f"file              {args.format}, {size / 1e6:.1f} MB, {made}")
    print(f"incidents         {outcome.count:,}")
    print("rows written      " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f", audit entries {audit:,}")
    # CPU time is printed too: on a shared machine the wall clock also counts other programs.
    print(f"read + validate   {checked:.1f} s wall, {checked_cpu:.1f} s CPU")
    print(f"write             {total - checked:.1f} s wall, {total_cpu - checked_cpu:.1f} s CPU")
    print(f"total             {total:.1f} s wall, {total_cpu:.1f} s CPU  ({outcome.count / total:,.0f} incidents/s)  "
          "target < 60 s for 100,000")
    print(f"load average      {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(wall times count other programs too)")
    if args.with_hooks:
        print(f"after the commit  {after_commit:.1f} s wall (other apps' hooks on the imported incidents)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
