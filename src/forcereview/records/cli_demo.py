"""``forcereview demo``: load the demo agency (once) and serve the web app.

Uses the database of ``FORCEREVIEW_DATA_DIR`` (``./var`` by default) or ``DATABASE_URL``.
Running it again finds the demo agency already there and only serves; ``--reset`` starts
over with a fresh SQLite database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from forcereview.records.cli_serve import add_server_arguments, database_description, prepare, serve

PUBLIC_PASSWORD_WARNING = (
    "These passwords are public: use this database for trying forcereview, never for real records."
)


def _parser() -> argparse.ArgumentParser:
    from forcereview.records.demo.generate import DEFAULT_INCIDENTS, DEFAULT_SEED

    parser = argparse.ArgumentParser(
        prog="forcereview demo",
        description="Load a demo agency (Mesa Verde Police Department, New Mexico) with two years of "
                    "use-of-force incidents, then serve the web app.",
    )
    add_server_arguments(parser)
    parser.add_argument("--no-serve", action="store_true", help="load the demo data, print the logins and stop")
    parser.add_argument("--reset", action="store_true",
                        help="delete the SQLite database in the data folder and load the demo again")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--incidents", type=int, default=DEFAULT_INCIDENTS,
                        help=f"number of incidents to generate (default {DEFAULT_INCIDENTS})")
    return parser


def reset_database() -> str | None:
    """Remove the SQLite database files, and the evidence stored beside them in the data
    folder. Returns an error message when that is not possible."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        return ("--reset deletes the built-in SQLite database only; with DATABASE_URL set, drop and "
                "re-create that database yourself, then run 'forcereview demo' again.")
    connection.close()
    name = Path(settings.DATABASES["default"]["NAME"])
    for path in (name, name.with_name(name.name + "-wal"), name.with_name(name.name + "-shm")):
        path.unlink(missing_ok=True)
    # Evidence kept elsewhere (FORCEREVIEW_EVIDENCE_DIR, object storage) is never touched.
    evidence = Path(settings.DATA_DIR) / "evidence"
    if not settings.EVIDENCE_DIR and not settings.EVIDENCE_S3_BUCKET and evidence.is_dir():
        for root, dirs, files in os.walk(evidence):
            os.chmod(root, 0o700)  # stored files and folders may be read-only
            for name_ in files:
                os.chmod(os.path.join(root, name_), 0o600)
        shutil.rmtree(evidence)
    return None


def logins_table(data) -> str:
    rows = [("role", "user name", "password", "who")]
    officers = data.roster.officers
    for login in data.logins:
        who = login.about
        if login.officer:
            officer = officers[login.officer]
            who = f"{officer.rank.replace('_', ' ').capitalize()} {officer.name}: {login.about}"
        else:
            who = f"{login.first_name} {login.last_name}: {login.about}"
        rows.append((login.role, login.username, login.password, who))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join("  " + "  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = width * done // total
        print(f"\r  loading incidents [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
              end="" if done < total else "\n", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.incidents < 0:
        print("forcereview demo: --incidents must be 0 or more", file=sys.stderr)
        return 2
    from forcereview import djangoenv

    djangoenv.setup()
    if args.reset:
        problem = reset_database()
        if problem:
            print(f"forcereview demo: {problem}", file=sys.stderr)
            return 2
    prepare()

    from forcereview.records.demo.generate import generate
    from forcereview.records.demo.load import DemoRefused, demo_agency, load

    started = time.monotonic()
    data = generate(args.seed, incidents=args.incidents)
    if demo_agency() is None:
        print(f"Loading the demo agency ({args.incidents} incidents, seed {args.seed}) ...", flush=True)
    try:
        summary = load(data, progress=_progress)
    except DemoRefused as exc:
        print(f"forcereview demo: {exc}", file=sys.stderr)
        return 2
    how = f"loaded in {time.monotonic() - started:.1f} s" if summary.created else "already loaded"
    header = (f"Demo agency: {summary.agency.name} ({summary.officers} officers, {summary.incidents} incidents, "
              f"{how})\nData: {database_description()}")

    def banner(url: str | None) -> str:
        where = f"\nOpen {url} and sign in as one of:\n" if url else "\nSign in as one of:\n"
        return f"{header}\n{where}\n{logins_table(data)}\n\n{PUBLIC_PASSWORD_WARNING}"

    if args.no_serve:
        print(banner(None))
        return 0
    return serve(args.host, args.port, threads=args.threads, banner=banner)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
