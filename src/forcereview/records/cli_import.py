"""``forcereview import FILE --agency SLUG [--dry-run] [--as USERNAME]``.

Reads CSV, JSON or JSON Lines (told apart by content; see ``docs/import.md``), checks every
report, and writes all of them in one transaction or none. Exit status: 0 imported (or, with
``--dry-run``, all valid); 1 the file has problems, each printed with its row and column, and
nothing was written; 2 the command could not run (no such file, agency or user).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time

MAX_PRINTED = 200


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="forcereview import",
        description="Import incidents from a CSV, JSON or JSON Lines file. Everything is checked first; "
        "nothing is written unless every report is valid.",
    )
    parser.add_argument("file", help="the file to import ('-' reads standard input)")
    parser.add_argument("--agency", required=True, help="slug of the agency the incidents belong to")
    parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    parser.add_argument("--as", dest="username", help="record the import in the audit log as this user "
                        "(an investigator, command or admin of the agency)")
    parser.add_argument("--format", choices=("csv", "json", "jsonl"), help="skip detection of the format")
    return parser


class Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.checked = 0

    def __call__(self, stage: str, n: int) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if stage == "checked":
            self.checked = n
            line = f"checking: {n:,} reports ({elapsed:.0f} s)"
        else:
            total = max(self.checked, n, 1)
            filled = int(30 * n / total)
            line = f"writing:  [{'#' * filled}{'.' * (30 - filled)}] {n:,}/{total:,} ({elapsed:.0f} s)"
        self.stream.write("\r" + line.ljust(72))
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 72 + "\r")
            self.stream.flush()


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)

    from forcereview import djangoenv

    djangoenv.ensure_database()
    from forcereview.accounts.models import User
    from forcereview.records.access import IMPORTERS, can_import
    from forcereview.records.importer import import_file
    from forcereview.records.models import Agency

    agency = Agency.objects.filter(slug=args.agency).first()
    if agency is None:
        known = ", ".join(Agency.objects.order_by("slug").values_list("slug", flat=True)[:20]) or "none yet"
        print(f"forcereview import: no agency {args.agency!r} (agencies: {known})", file=sys.stderr)
        return 2
    if args.username:
        by = User.objects.filter(username=args.username, is_active=True).first()
        if by is None:
            print(f"forcereview import: no active user {args.username!r}", file=sys.stderr)
            return 2
        if not can_import(by, agency):
            print(f"forcereview import: {by.username} may not import into {agency.slug} "
                  f"(needs role {', '.join(sorted(IMPORTERS))} in that agency)", file=sys.stderr)
            return 2
    else:
        by = f"command line ({getpass.getuser()})"

    try:
        stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    except OSError as exc:
        print(f"forcereview import: cannot open {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    progress = Progress()
    started = time.monotonic()
    with stream:
        size = None if args.file == "-" else _size(stream)
        outcome = import_file(agency, stream, by=by, size=size, dry_run=args.dry_run, format=args.format,
                              progress=progress)
    progress.done()
    seconds = time.monotonic() - started
    name = "standard input" if args.file == "-" else args.file

    if not outcome.ok:
        for problem in outcome.problems[:MAX_PRINTED]:
            print(f"{name}: {problem}", file=sys.stderr)
        if len(outcome.problems) > MAX_PRINTED:
            print(f"... and {len(outcome.problems) - MAX_PRINTED:,} more problems", file=sys.stderr)
        print(f"{name}: {len(outcome.problems):,} problem(s); nothing was imported.", file=sys.stderr)
        return 1
    kind = outcome.format.upper() if outcome.format else "file"
    if args.dry_run:
        print(f"Checked {outcome.count:,} incidents in {name} ({kind}) in {seconds:.1f} s: all valid. "
              "Nothing was written (dry run).")
    else:
        print(f"Imported {outcome.count:,} incidents into {agency.name} from {name} ({kind}) in {seconds:.1f} s.")
    return 0


def _size(stream) -> int | None:
    import os

    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        return None
