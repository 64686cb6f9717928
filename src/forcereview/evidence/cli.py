"""``forcereview evidence add | verify | purge | worker``."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="forcereview evidence", description="Evidence store tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    add = sub.add_parser("add", help="Store recordings or transcripts as evidence of an incident.")
    add.add_argument("incident", help="incident number (or #ID for the database id)")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--agency", help="agency slug, when several agencies use that incident number")
    add.add_argument("--as", dest="username", help="act as this user (their access rules apply); "
                                                   "default: recorded as the operator of this command")
    add.add_argument("--camera", default="", help="camera serial number")
    add.add_argument("--officer", default="", help="badge number of the officer who wore the camera")
    add.add_argument("--recorded-start", default="", help="when the recording started (ISO 8601 with time zone)")
    add.add_argument("--retention", default="evidentiary",
                     help="retention class: non_evidentiary, evidentiary (default) or homicide")
    add.add_argument("--description", default="")

    sub.add_parser("verify", help="Re-hash every stored file; report missing or changed ones (exit 1).")

    purge = sub.add_parser("purge", help="Delete recordings whose retention period has ended (lists them first).")
    purge.add_argument("--yes", action="store_true", help="delete them (without it: only list)")

    worker = sub.add_parser("worker", help="Run a Celery worker for transcription and analysis (needs CELERY_BROKER_URL).")
    worker.add_argument("--concurrency", type=int, default=1)
    worker.add_argument("--loglevel", default="INFO")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from forcereview import djangoenv

    if args.command == "worker":
        djangoenv.setup()  # workers share a migrated database; several starting at once must not all migrate it
    else:
        djangoenv.ensure_database()
    return {"add": add, "verify": verify, "purge": purge, "worker": worker}[args.command](args)


def _operator() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in a container
        return "cli"


def _incident(args):
    from forcereview.records.models import Incident

    qs = Incident.objects.select_related("agency")
    if args.agency:
        qs = qs.filter(agency__slug=args.agency)
    if args.incident.startswith("#") and args.incident[1:].isdigit():
        found = list(qs.filter(pk=int(args.incident[1:])))
    else:
        found = list(qs.filter(number=args.incident))
    if not found:
        raise SystemExit(f"forcereview evidence add: no incident {args.incident!r}"
                         + (f" in agency {args.agency!r}" if args.agency else ""))
    if len(found) > 1:
        slugs = ", ".join(i.agency.slug for i in found)
        raise SystemExit(f"forcereview evidence add: incident {args.incident!r} exists in several agencies ({slugs}); use --agency")
    return found[0]


def _fail(message: str) -> int:
    print(f"forcereview evidence add: {message}", file=sys.stderr)
    return 2


def add(args) -> int:
    from pathlib import Path

    from forcereview.accounts.models import User
    from forcereview.evidence import access, actions
    from forcereview.records.models import Officer

    try:
        incident = _incident(args)
    except SystemExit as exc:
        return _fail(str(exc).split(": ", 1)[-1])
    by = _operator()
    if args.username:
        user = User.objects.filter(username=args.username, is_active=True).first()
        if user is None:
            return _fail(f"no active user {args.username!r}")
        try:
            access.access_incident_for_upload(user, incident.pk)
        except Exception:
            return _fail(f"{args.username} may not add evidence to incident {incident.number}")
        by = user
    officer = None
    if args.officer:
        officer = Officer.objects.filter(agency=incident.agency, badge_number=args.officer).first()
        if officer is None:
            return _fail(f"--officer: no officer with badge #{args.officer} in {incident.agency.name}")
    start = None
    if args.recorded_start:
        try:
            start = datetime.fromisoformat(args.recorded_start.replace("Z", "+00:00"))
        except ValueError:
            return _fail(f"--recorded-start: {args.recorded_start!r} is not an ISO 8601 date and time")
    meta = actions.Metadata(camera_serial=args.camera, officer=officer, recorded_start=start,
                            retention_class=args.retention, description=args.description)
    failures = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: no such file; nothing stored", file=sys.stderr)
            failures += 1
            continue
        try:
            with open(path, "rb") as fh:
                item = actions.add_evidence(incident, fh, by=by, name=path.name, meta=meta)
        except actions.EvidenceRefused as exc:
            print(f"{name}: {exc.message}; nothing stored", file=sys.stderr)
            failures += 1
            continue
        print(f"{name}: stored as evidence #{item.pk} of incident {incident.number} (sha256 {item.sha256})")
        _report_jobs(item)
    if failures:
        return 2 if failures == len(args.files) else 1
    return 0


def _report_jobs(item) -> None:
    from forcereview.evidence.models import Analysis, Job

    for job in Job.objects.filter(item=item).order_by("id"):
        line = f"  {job.get_kind_display().lower()}: {job.get_state_display().lower()}"
        if job.error:
            line += f" ({job.error})"
        elif job.message:
            line += f" ({job.message})"
        print(line)
    latest = Analysis.objects.filter(item=item).order_by("-id").first()
    if latest is not None:
        print(f"  risk: {latest.risk_level} ({latest.risk_score}/100), {len(latest.result.get('signals') or [])} signals")


def verify(args) -> int:
    from forcereview.evidence.verify import verify_store

    report = verify_store(progress=_progress("verified") if sys.stderr.isatty() else None)
    for problem in report.problems:
        print(f"evidence #{problem.item_ids}: {problem.sha256}: {problem.message}", file=sys.stderr)
    if report.ok:
        print(f"evidence store intact: {report.checked} stored files re-hashed in {report.where}")
        return 0
    print(f"evidence store DAMAGED: {len(report.problems)} of {report.checked} stored files missing or changed",
          file=sys.stderr)
    return 1


def _progress(word: str):
    def show(done: int, total: int) -> None:
        print(f"\r{done}/{total} {word}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def purge(args) -> int:
    from forcereview.evidence.actions import EvidenceRefused, purge_item
    from forcereview.evidence.retention import review_all

    decisions = review_all()
    due = [d for d in decisions if d.due]
    kept = len(decisions) - len(due)
    if not due:
        print(f"nothing to delete ({kept} stored items kept)")
        return 0
    print(f"{len(due)} stored item(s) past their retention period ({kept} kept):")
    for d in due:
        item = d.item
        print(f"  evidence #{item.pk} {item.original_name} ({item.size:,} bytes, incident {item.incident.number}): {d.reason}")
    if not args.yes:
        print("dry run: nothing deleted. Run again with --yes to delete them.")
        return 0
    deleted = 0
    by = _operator()
    for d in due:
        try:
            purge_item(d.item, by=by)
        except EvidenceRefused as exc:
            print(f"  evidence #{d.item.pk} kept: {exc.message}", file=sys.stderr)
            continue
        deleted += 1
    print(f"deleted {deleted} stored file(s); their records and custody logs remain")
    return 0


def worker(args) -> int:
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        print("forcereview evidence worker: CELERY_BROKER_URL is not set; without it work runs inline "
              "and no worker is needed", file=sys.stderr)
        return 2
    from forcereview.evidence.celery_app import current_app

    app = current_app()
    app.worker_main(["worker", f"--loglevel={args.loglevel}", f"--concurrency={args.concurrency}",
                     "--queues", settings.TASK_QUEUE, "--without-gossip", "--without-mingle",
                     "--without-heartbeat", "--pool", "prefork"])
    return 0
