"""Server time of the incident list, on the web page and through the API, at 200,000 incidents.

Loads N synthetic incidents (default 200,000) through the import's fast path
(``records.actions.import_reports``: validation, then executemany inserts; other apps' hooks
on new incidents are switched off for the load), then requests
the list, 50 per page, with two filters, through Django's test client: the time measured is
everything the server does for a request (middleware, access scoping, filters, count, page,
template or JSON), without the network. Prints the median and 95th percentile per scenario,
and how much of it was SQL.

    .venv/bin/python bench/bench_incident_list.py                          # SQLite, 200,000
    .venv/bin/python bench/bench_incident_list.py --quick                  # 20,000
    .venv/bin/python bench/bench_incident_list.py --database-url postgres://postgres@127.0.0.1:5432/frv_bench
    .venv/bin/python bench/bench_incident_list.py --keep /tmp/frv-list     # reuse the loaded database

Target: median under 100 ms on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import argparse
import statistics
import time
from contextlib import contextmanager
from datetime import date, timedelta

import _synthetic as synthetic


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--incidents", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="20,000 incidents, fewer requests")
    parser.add_argument("--database-url", help="PostgreSQL URL (the database is emptied first unless --keep finds it loaded)")
    parser.add_argument("--keep", metavar="DIR", help="keep the SQLite database in DIR and reuse it when already loaded")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per scenario")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.incidents
    requests = 10 if args.quick else args.requests

    reuse = _loaded(args)
    synthetic.fresh_django(args.database_url, keep=args.keep, reset=not reuse)
    from django.db import connection
    from django.test import Client

    from forcereview.accounts.actions import create_user, issue_token
    from forcereview.accounts.models import User
    from forcereview.records.models import Agency, Incident

    if reuse and Incident.objects.exists():
        agency = Agency.objects.get(slug="bench")
        print(f"reusing {Incident.objects.count():,} incidents")
    else:
        agency, officers = synthetic.make_agency()
        load_seconds = _load(agency, n)
        create_user(by=None, username="command", password=None, role="command", agency=agency, officer=officers["10"])
        create_user(by=None, username="sergeant", password=None, role="supervisor", agency=agency, officer=officers["200"])
        print(f"loaded {n:,} incidents in {load_seconds:.0f} s (import_reports)")
    if connection.vendor == "postgresql":
        # What autovacuum does after a load this size: statistics, and the visibility map that
        # lets index-only scans skip the table (a server may run with autovacuum off).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    newest = Incident.objects.filter(agency=agency).order_by("-occurred_at").values_list("occurred_at", flat=True).first()
    end = newest.date() if newest else date.today()
    start = end - timedelta(days=90)
    scenarios = [
        ("school + juvenile", {"location_type": "school", "juvenile": "yes"}),
        ("takedown + 90 days", {"force_type": "takedown", "date_from": start.isoformat(), "date_to": end.isoformat()}),
        ("no filter", {}),
        ("no filter, page 40", {"page": "40"}),
    ]
    print(f"database {connection.vendor}, {Incident.objects.count():,} incidents, {requests} requests per row\n")
    # "cpu" is this process's CPU time per request: on SQLite (in-process) it is the server
    # time a busy shared machine would not inflate; on PostgreSQL it leaves out the server.
    print(f"{'who':<10} {'where':<5} {'filters':<20} {'rows':>7} {'median':>8} {'p95':>8} {'sql':>8} {'cpu':>8}")
    worst = 0.0
    for username in ("command", "sergeant"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        token = issue_token(user, by=None, name="bench")[1]
        for label, params in scenarios:
            for where in ("page", "api"):
                query = dict(params)
                path = "/incidents/" if where == "page" else "/api/incidents/"
                headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if where == "api" else {}
                times, sql, cpu, count = _measure(client, path, query, headers, requests)
                median = statistics.median(times)
                if len(params) == 2:
                    worst = max(worst, median)
                print(f"{username:<10} {where:<5} {label:<20} {count:>7} {median:>6.1f}ms {_p95(times):>6.1f}ms "
                      f"{statistics.median(sql):>6.1f}ms {statistics.median(cpu):>6.1f}ms")
    print(f"\nslowest median with two filters: {worst:.1f} ms (target < 100 ms)")
    return 0


def _loaded(args) -> bool:
    return bool(args.keep or args.database_url) and _has_data(args)


def _has_data(args) -> bool:
    from pathlib import Path

    if args.database_url:
        return args.keep is not None
    return (Path(args.keep) / "forcereview.sqlite3").exists()


def _load(agency, n: int) -> float:
    from forcereview.records.actions import INCIDENT_CHANGED_HOOKS, import_reports

    # Other apps' reactions to new incidents (policy evaluation and review routing after the
    # import commits) are not what this bench measures, and would take far longer than the load.
    INCIDENT_CHANGED_HOOKS.clear()
    started = time.perf_counter()
    result = import_reports(agency, ((f"item {k}", r) for k, r in enumerate(synthetic.reports(n), 1)), by="bench")
    if not result.ok:
        raise SystemExit(f"load failed: {result.errors[:3]}")
    return time.perf_counter() - started


@contextmanager
def _sql_timer(spent: list[float]):
    from django.db import connection

    def wrapper(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - began

    with connection.execute_wrapper(wrapper):
        yield


def _measure(client, path, query, headers, requests):
    times, sql, cpu = [], [], []
    count = ""
    for i in range(requests + 3):  # three warm-up requests
        spent = [0.0]
        with _sql_timer(spent):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(path, query, **headers)
            elapsed = (time.perf_counter() - began) * 1000
            used = (time.process_time() - began_cpu) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} {query} answered {response.status_code}: {response.content[:300]!r}")
        if i >= 3:
            times.append(elapsed)
            sql.append(spent[0] * 1000)
            cpu.append(used)
        if path.startswith("/api/"):
            body = response.json()
            count = str(body["count"]) if body["count_exact"] else f">{body['count']}"
    return times, sql, cpu, count or "-"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


if __name__ == "__main__":
    raise SystemExit(main())
