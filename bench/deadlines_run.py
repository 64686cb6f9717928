"""Deadline processor throughput: how long ``forcereview deadlines run`` takes to send the
escalations of many overdue deadlines, and a run with nothing due (what cron pays every few
minutes). Uses a fresh SQLite database in a temporary folder (or DATABASE_URL if set).

    python bench/deadlines_run.py [--count 5000] [--quick]

Prints the time to open the deadlines, to process them (each claimed with its own
conditional UPDATE and audited), the rate per second, and the idle run.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date, timedelta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--quick", action="store_true", help="500 deadlines")
    args = parser.parse_args()
    count = 500 if args.quick else args.count

    folder = tempfile.mkdtemp(prefix="frv-bench-")
    os.environ["FORCEREVIEW_DATA_DIR"] = folder
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    from forcereview import djangoenv

    djangoenv.ensure_database()
    from django.db import transaction
    from django.utils import timezone

    from forcereview.deadlines import actions, processor
    from forcereview.deadlines.registry import DeadlineKind, register
    from forcereview.records.actions import create_agency, create_unit

    register(DeadlineKind("bench.thing", "Bench deadline", escalate=lambda d, n: None))
    agency = create_agency(by=None, name="Bench PD", slug=f"bench-{os.getpid()}")
    start = time.perf_counter()
    with transaction.atomic():
        units = [create_unit(agency, by=None, name=f"Unit {i}", kind="patrol") for i in range(count)]
        for unit in units:
            actions.open_deadline(by=None, agency=agency, kind="bench.thing", target=unit,
                                  due=date.today() - timedelta(days=2), title="Overdue thing", basis="bench",
                                  assignee_role="command")
    opened = time.perf_counter() - start

    start = time.perf_counter()
    result = processor.run(now=timezone.now())
    busy = time.perf_counter() - start
    start = time.perf_counter()
    idle_result = processor.run(now=timezone.now())
    idle = time.perf_counter() - start

    print(f"deadlines:            {count}")
    print(f"open (one transaction): {opened:.2f} s")
    print(f"process:              {busy:.2f} s  ({result.escalated} escalations, {result.escalated / busy:.0f}/s)")
    print(f"idle run:             {idle * 1000:.1f} ms  ({idle_result.escalated + idle_result.reminded} steps)")


if __name__ == "__main__":
    main()
