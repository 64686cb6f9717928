"""``forcereview cases check-rules [FILE]``: validate a case rules file before using it."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="forcereview cases", description="Internal-affairs case tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-rules", help="Validate a case rules file (default: the shipped rules).")
    check.add_argument("file", nargs="?", help="YAML rules file (see docs/cases.md)")
    args = parser.parse_args(argv)

    from forcereview.cases.rules import RulesInvalid, load_rules

    try:
        rules = load_rules(args.file)
    except RulesInvalid as exc:
        print(f"{exc.source}: {len(exc.errors)} problem(s)", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 2
    m = rules.discipline
    print(f"{rules.source}: valid (version {rules.version})")
    print(f"  investigation {rules.investigation.period}, command review {rules.command_review.period}")
    print(f"  discipline: {len(m.categories)} categories x {len(m.history)} history levels, "
          f"{len(m.penalties)} penalties")
    print(f"  standards board: {rules.board.name}, {rules.board.sustained_finding} after a sustained finding")
    for code, j in sorted(rules.jurisdictions.items()):
        print(f"  {code}: " + "; ".join(f"{p.label} {p.period}" for p in j.periods))
    return 0
