"""``forcereview policy``: check, load, show and apply the review policy.

    forcereview policy check FILE                    check a rules file (exit 2 on problems)
    forcereview policy load FILE [--effective DATE] [--agency SLUG] [--note TEXT]
    forcereview policy evaluate [NUMBER...] [--all] [--agency SLUG]
    forcereview policy show [--default | --version N] [--agency SLUG]
    forcereview policy facts                         the facts and actions a rule can use

``evaluate`` with no incident numbers evaluates the incidents that have no evaluation yet
(those imported before the evaluation caught up); ``--all`` evaluates every incident again
(after a policy change), with a progress bar.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="forcereview policy", description="The review policy: rules as code.")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="Check a rules file; every problem with its rule and position.")
    check.add_argument("file")
    load = sub.add_parser("load", help="Check a rules file and store it as the agency's next policy version.")
    load.add_argument("file")
    load.add_argument("--effective", type=_date, default=None, help="In force from this date (default: today).")
    load.add_argument("--agency", help="Agency slug (needed when there are several).")
    load.add_argument("--note", default="", help="What changed and why.")
    load.add_argument("--evaluate", action="store_true", help="Evaluate again the incidents the version judges.")
    ev = sub.add_parser("evaluate", help="Evaluate incidents against the policy.")
    ev.add_argument("numbers", nargs="*", help="Incident numbers (default: incidents not evaluated yet).")
    ev.add_argument("--all", action="store_true", help="Every incident, again.")
    ev.add_argument("--agency", help="Agency slug.")
    ev.add_argument("--batch-size", type=int, default=500)
    show = sub.add_parser("show", help="Print a policy version (default: the latest).")
    show.add_argument("--default", action="store_true", help="The default policy shipped with forcereview.")
    show.add_argument("--version", type=int)
    show.add_argument("--agency")
    sub.add_parser("facts", help="The facts and actions a rule can use (Markdown).")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.command == "facts":
        from forcereview.policy.docs import actions_markdown, facts_markdown

        print("## Facts\n\n" + facts_markdown() + "\n## Actions\n\n" + actions_markdown())
        return 0
    if args.command == "check":
        return _check(args.file)
    if args.command == "show" and args.default:
        from forcereview.policy import default_policy_text

        print(default_policy_text(), end="")
        return 0
    from forcereview import djangoenv

    djangoenv.ensure_database()
    return {"load": _load, "evaluate": _evaluate, "show": _show}[args.command](args)


def _check(path: str) -> int:
    from forcereview.policy import PolicyInvalid, load_policy_file

    try:
        policy = load_policy_file(path)
    except PolicyInvalid as invalid:
        _print_problems(path, invalid)
        return 2
    print(f"{path}: {policy.name}: {len(policy.rules)} rules, no problems")
    return 0


def _print_problems(path: str, invalid) -> None:
    print(f"{path}: {len(invalid.problems)} problem{'s' if len(invalid.problems) != 1 else ''}; nothing was stored",
          file=sys.stderr)
    for problem in invalid.problems:
        print(f"  {problem}", file=sys.stderr)


class Refused(Exception):
    pass


def _agency(slug: str | None):
    from forcereview.records.models import Agency

    if slug:
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            raise Refused(f"no agency with slug {slug!r}")
        return agency
    agencies = list(Agency.objects.all()[:2])
    if len(agencies) != 1:
        raise Refused("there are several agencies (or none): name one with --agency SLUG")
    return agencies[0]


def _load(args) -> int:
    from django.utils import timezone

    from forcereview.policy import PolicyInvalid, load_policy_file
    from forcereview.reviews import actions

    try:
        load_policy_file(args.file)
        agency = _agency(args.agency)
    except PolicyInvalid as invalid:
        _print_problems(args.file, invalid)
        return 2
    except Refused as refused:
        print(f"forcereview policy: {refused}", file=sys.stderr)
        return 2
    with open(args.file, encoding="utf-8") as handle:
        text = handle.read()
    effective = args.effective or timezone.localdate()
    version = actions.save_policy_version(agency, by="cli", text=text, effective_from=effective, note=args.note)
    print(f"{agency.slug}: stored policy version {version.number} ({version.name}), in force from {effective}")
    affected = actions.affected_incident_ids(version)
    if args.evaluate:
        _run(affected, batch_size=500)
    elif affected:
        print(f"{len(affected)} incidents fall under it: run 'forcereview policy evaluate --all' to evaluate them again")
    return 0


def _evaluate(args) -> int:
    from forcereview.records.models import Incident
    from forcereview.reviews.models import PolicyEvaluation

    try:
        agency = _agency(args.agency) if (args.agency or args.numbers) else None
    except Refused as refused:
        print(f"forcereview policy: {refused}", file=sys.stderr)
        return 2
    qs = Incident.objects.all() if agency is None else Incident.objects.filter(agency=agency)
    if args.numbers:
        found = dict(qs.filter(number__in=args.numbers).values_list("number", "pk"))
        missing = [n for n in args.numbers if n not in found]
        if missing:
            print(f"forcereview policy: no incident numbered {', '.join(missing)}", file=sys.stderr)
            return 2
        ids = [found[n] for n in args.numbers]
    elif args.all:
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
    else:
        evaluated = PolicyEvaluation.objects.filter(current=True).values("incident_id")
        ids = list(qs.exclude(pk__in=evaluated).order_by("pk").values_list("pk", flat=True))
    _run(ids, batch_size=args.batch_size, trigger="manual" if args.numbers else "policy")
    return 0


def _run(ids: list[int], *, batch_size: int, trigger: str = "policy") -> None:
    from forcereview.reviews.actions import reevaluate

    bar = ProgressBar(len(ids), "evaluating")
    started = time.perf_counter()
    result = reevaluate(ids, by="cli", trigger=trigger, batch_size=batch_size, progress=bar.update)
    bar.finish()
    seconds = time.perf_counter() - started
    skipped = f"; {result['skipped_closed']} closed incidents left as they were" if result["skipped_closed"] else ""
    rate = f" ({result['evaluated'] / seconds:,.0f}/s)" if seconds > 0 and result["evaluated"] else ""
    print(f"{result['evaluated']} incidents evaluated in {seconds:.1f} s{rate}; {result['changed']} changed outcome"
          f"{skipped}")


class ProgressBar:
    """A one-line progress bar on a terminal (stderr); a line every tenth elsewhere."""

    def __init__(self, total: int, label: str, stream=None):
        self.total, self.label = total, label
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.perf_counter()
        self.last_tenth = -1

    def update(self, done: int) -> None:
        if not self.total:
            return
        fraction = min(1.0, done / self.total)
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else 0.0
        if self.tty:
            width = 30
            filled = int(width * fraction)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} "
                              f"{rate:,.0f}/s, {left:,.0f} s left ")
            self.stream.flush()
        elif int(fraction * 10) > self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stream.write(f"{self.label}: {done}/{self.total} ({fraction:.0%})\n")

    def finish(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")


def _show(args) -> int:
    from forcereview.reviews.models import PolicyVersion
    from forcereview.reviews.versions import latest_version

    try:
        agency = _agency(args.agency)
    except Refused as refused:
        print(f"forcereview policy: {refused}", file=sys.stderr)
        return 2
    version = (
        PolicyVersion.objects.filter(agency=agency, number=args.version).first()
        if args.version else latest_version(agency)
    )
    if version is None:
        print("forcereview policy: no such policy version (the default is stored at the first evaluation)", file=sys.stderr)
        return 2
    print(f"# version {version.number}, in force from {version.effective_from}", file=sys.stderr)
    print(version.text, end="")
    return 0
