"""``forcereview deadlines run``: send due reminders and escalations (run it from cron)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time (use 2026-03-01T08:00:00-07:00)") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} needs a time zone offset (e.g. -07:00 or Z)")
    return value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="forcereview deadlines", description="Deadline tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="Send the reminders and escalations that are due now (for cron).")
    run.add_argument("--now", type=_instant, help="Act as if it were this time (for catching up or testing).")
    args = parser.parse_args(argv)

    from forcereview import djangoenv

    djangoenv.ensure_database()
    from forcereview.deadlines.processor import run as run_processor

    result = run_processor(now=args.now)
    print(f"deadlines: {result}")
    for pk, error in result.failed:
        print(f"deadline #{pk}: {error}", file=sys.stderr)
    return 1 if result.failed else 0
