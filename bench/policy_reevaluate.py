"""Re-evaluating every incident after a policy change, on SQLite (default 100,000 incidents).

Loads N synthetic incidents through the import's fast path (other apps' hooks switched off
for the load), gives a share of them a video with a stored analysis (analyses of real
transcripts from tests/data/transcripts/ by the engine), evaluates them all once under the
default policy, then stores a new policy version in force since always (force on a child
under 16, not 13, goes to internal affairs: a change that alters a few outcomes, as most
policy changes do; ``--wide`` also gives the lieutenant 10 days instead of 7, which alters
nearly every outcome) and runs what
``forcereview policy evaluate --all`` runs, with its progress bar. Prints the total time,
incidents per second, how many outcomes changed and what was written.

    .venv/bin/python bench/policy_reevaluate.py                  # 100,000 incidents
    .venv/bin/python bench/policy_reevaluate.py -n 10000         # a quicker look
    .venv/bin/python bench/policy_reevaluate.py --keep /tmp/frv-reeval   # reuse the loaded database
    .venv/bin/python bench/policy_reevaluate.py --closed-share 0.8       # 80% of incidents closed

Target: under 2 minutes for 100,000 incidents on SQLite.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

import _synthetic as synthetic

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPTS = ["school_sro_takedown.vtt", "bar_fight_arrest.srt", "calm_traffic_stop.vtt",
               "crowd_objection_filming.txt", "handcuffed_beating.srt", "calm_domestic_call.vtt"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--incidents", type=int, default=100_000)
    parser.add_argument("--recorded-share", type=float, default=0.3, help="share of incidents with an analysed video")
    parser.add_argument("--closed-share", type=float, default=0.0,
                        help="share of incidents closed (a policy change does not judge them again)")
    parser.add_argument("--keep", metavar="DIR", help="keep the SQLite database in DIR and reuse it when loaded")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--wide", action="store_true", help="a change that alters nearly every outcome")
    args = parser.parse_args()

    loaded = bool(args.keep) and (Path(args.keep) / "forcereview.sqlite3").exists()
    synthetic.fresh_django(keep=args.keep, reset=not loaded)
    from forcereview.records.models import Agency, Incident
    from forcereview.reviews.cli import ProgressBar
    from forcereview.reviews.models import PolicyEvaluation

    if loaded and Incident.objects.exists():
        agency = Agency.objects.get(slug="bench")
        print(f"reusing {Incident.objects.count():,} incidents")
        PolicyEvaluation.objects.all().delete()
        from forcereview.reviews.models import PolicyVersion

        PolicyVersion.objects.filter(number__gt=1).delete()
    else:
        agency, _ = synthetic.make_agency()
        started = time.perf_counter()
        _load(agency, args.incidents)
        print(f"loaded {args.incidents:,} incidents in {time.perf_counter() - started:.0f} s (import_reports)")
        started = time.perf_counter()
        recorded = _analyses(agency, args.recorded_share)
        print(f"stored an analysed video for {recorded:,} incidents in {time.perf_counter() - started:.0f} s")
    ids = list(Incident.objects.filter(agency=agency).order_by("pk").values_list("pk", flat=True))
    rng = random.Random(7)
    closed = [pk for pk in ids if rng.random() < args.closed_share]
    Incident.objects.filter(pk__in=closed).update(status="closed") if closed else None
    Incident.objects.exclude(pk__in=closed).update(status="reported")

    from forcereview.reviews.actions import reevaluate

    started = time.perf_counter()
    first = reevaluate(ids, by="bench", trigger=PolicyEvaluation.Trigger.IMPORTED, apply=False,
                       batch_size=args.batch_size)
    print(f"first evaluation under the default policy: {first['evaluated']:,} in {time.perf_counter() - started:.0f} s")

    version = _change_policy(agency, wide=args.wide)
    from forcereview.reviews.actions import affected_incident_ids

    affected = affected_incident_ids(version)
    counts = _counts()
    bar = ProgressBar(len(affected), "evaluating")
    wall, cpu = time.perf_counter(), time.process_time()
    result = reevaluate(affected, by="cli", trigger=PolicyEvaluation.Trigger.POLICY, batch_size=args.batch_size,
                        progress=bar.update)
    bar.finish()
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    written = {name: n - counts[name] for name, n in _counts().items()}
    print(f"\npolicy version {version.number}: {len(affected):,} incidents under it, {len(closed):,} of them closed")
    print(f"re-evaluated {result['evaluated']:,}, skipped {result.get('skipped_closed', 0):,} closed; "
          f"{result['changed']:,} changed outcome")
    print("written: " + ", ".join(f"{n:,} {name}" for name, n in written.items()))
    print(f"total {seconds:.1f} s ({len(affected) / seconds:,.0f} incidents/s); process CPU {cpu_seconds:.1f} s; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"target < 120 s for 100,000 incidents: {'met' if seconds < 120 * len(affected) / 100_000 else 'NOT met'}")
    return 0


def _load(agency, n: int) -> None:
    from forcereview.records.actions import INCIDENT_CHANGED_HOOKS, import_reports

    INCIDENT_CHANGED_HOOKS.clear()  # the first evaluation is done below, on its own
    result = import_reports(agency, ((f"item {k}", r) for k, r in enumerate(synthetic.reports(n), 1)), by="bench")
    if not result.ok:
        raise SystemExit(f"load failed: {result.errors[:3]}")


def _analyses(agency, share: float) -> int:
    """A video with the engine's analysis of a real transcript for ``share`` of the incidents."""
    from forcereview.engine import analyze_file
    from forcereview.evidence.models import Analysis, EvidenceItem
    from forcereview.records.models import Incident

    results = [analyze_file(ROOT / "tests" / "data" / "transcripts" / name).to_dict() for name in TRANSCRIPTS]
    rng = random.Random(3)
    chosen = [pk for pk in Incident.objects.filter(agency=agency).values_list("pk", flat=True) if rng.random() < share]
    for start in range(0, len(chosen), 5000):
        items = EvidenceItem.objects.bulk_create([
            EvidenceItem(incident_id=pk, kind="video", sha256=f"{pk:064x}", size=1, content_type="video/mp4",
                         format="mp4", original_name=f"bwc-{pk}.mp4", uploaded_by_label="bench")
            for pk in chosen[start : start + 5000]
        ])
        analyses = []
        for item in items:
            result = results[item.incident_id % len(results)]
            analyses.append(Analysis(item=item, engine_version="bench", result=result,
                                     risk_level=result["risk"]["level"], risk_score=result["risk"]["score"],
                                     input_digest="bench", trigger="bench"))
        Analysis.objects.bulk_create(analyses)
    return len(chosen)


def _change_policy(agency, *, wide: bool):
    from forcereview.policy import default_policy_text
    from forcereview.reviews.actions import save_policy_version
    from forcereview.reviews.versions import SINCE_ALWAYS

    text = default_policy_text()
    changed = text.replace("subject.youngest_age < 13", "subject.youngest_age < 16")
    if wide:
        changed = changed.replace("higher_review: {level: lieutenant, within_days: 7}",
                                  "higher_review: {level: lieutenant, within_days: 10}")
    assert changed != text
    return save_policy_version(agency, by="bench", text=changed, effective_from=SINCE_ALWAYS,
                               note="Young child: under 16." + (" Lieutenant's review within 10 days." if wide else ""))


def _counts() -> dict[str, int]:
    from forcereview.audit.models import AuditEntry
    from forcereview.reviews.models import PolicyEvaluation, Referral, ReviewTask

    return {"evaluations": PolicyEvaluation.objects.count(), "audit entries": AuditEntry.objects.count(),
            "review tasks": ReviewTask.objects.count(), "referrals": Referral.objects.count()}


if __name__ == "__main__":
    raise SystemExit(main())
