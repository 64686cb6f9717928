"""``forcereview audit verify``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="forcereview audit", description="Audit log tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("verify", help="Re-compute the hash chain and name the first broken entry.")
    args = parser.parse_args(argv)

    from forcereview import djangoenv

    djangoenv.ensure_database()
    from forcereview.audit.verify import verify_chain

    if args.command == "verify":
        report = verify_chain()
        if report.ok:
            print(f"audit log intact: {report.checked} entries verified")
            return 0
        print(f"audit log BROKEN at entry #{report.broken_id}: {report.problem}", file=sys.stderr)
        print(f"{report.checked} entries before it verified", file=sys.stderr)
        return 1
    return 2
