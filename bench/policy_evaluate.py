"""Policy evaluation of one incident with the analyses of its recordings (default policy).

Prints the median and 95th percentile of each step (building the facts, evaluating every
rule with the plain-words reasons of the rules that fire, checking the report against the
evidence) and of the whole, which is what judging one incident takes once its rows are read:
check the report against the recordings, build the facts (with the open flags), evaluate.
Wall time, and the process's CPU time, which a busy shared machine does not inflate.
Target: the whole under 5 ms for the default policy.

    python bench/policy_evaluate.py [--runs N] [--signals N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from forcereview.engine.model import CATEGORIES, ROLES
from forcereview.policy import build_facts, default_policy_text, evaluate, load_policy
from forcereview.policy.evidence_check import check_report
from forcereview.policy.facts import SAMPLE_REPORT


def recordings(signals_each: int) -> list[dict]:
    out = []
    for n in range(3):
        signals = [
            {"category": CATEGORIES[i % len(CATEGORIES)], "role": ROLES[i % len(ROLES)], "start": float(i), "end": i + 1.5,
             "speaker": "X", "text": "stop resisting" if i % 7 == 0 else "words", "detector": "x.v1", "explanation": ""}
            for i in range(signals_each)
        ]
        out.append({"evidence_id": n, "kind": "video", "analysis": {"risk": {"level": "high", "score": 81}, "signals": signals}})
    return out


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds per run: wall clock and process CPU time."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return wall, cpu


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--signals", type=int, default=200, help="signals per recording (3 recordings)")
    args = parser.parse_args()

    start = time.perf_counter()
    policy = load_policy(default_policy_text())
    load_ms = (time.perf_counter() - start) * 1000
    analyses = recordings(args.signals)
    flags = [{"kind": f.kind} for f in check_report(SAMPLE_REPORT, analyses)]
    facts = build_facts(SAMPLE_REPORT, analyses=analyses, flags=flags)
    outcome = evaluate(policy, facts)

    def whole():
        found = check_report(SAMPLE_REPORT, analyses)
        evaluate(policy, build_facts(SAMPLE_REPORT, analyses=analyses, flags=[{"kind": f.kind} for f in found]))

    for _ in range(50):  # warm the caches a running server has warm
        whole()
    figures = {
        "build facts": timed(lambda: build_facts(SAMPLE_REPORT, analyses=analyses, flags=flags), args.runs),
        "evaluate policy": timed(lambda: evaluate(policy, facts), args.runs),
        "report vs evidence": timed(lambda: check_report(SAMPLE_REPORT, analyses), args.runs),
        "whole incident": timed(whole, args.runs),
    }
    print(f"default policy: {len(policy.rules)} rules, loaded and compiled in {load_ms:.1f} ms (once per version)")
    print(f"incident: {len(analyses)} recordings x {args.signals} signals; {len(outcome.fired)} rules fire; "
          f"{len(flags)} report-against-evidence flags; {args.runs} runs; load average {os.getloadavg()[0]:.2f}")
    print(f"{'':>20}  {'median':>9} {'p95':>9}   {'cpu median':>10} {'cpu p95':>9}")
    for name, (wall, cpu) in figures.items():
        print(f"{name:>20}: {statistics.median(wall):6.3f} ms {p95(wall):6.3f} ms   {statistics.median(cpu):7.3f} ms "
              f"{p95(cpu):6.3f} ms")
    wall, cpu = figures["whole incident"]
    for what, times in (("wall", wall), ("CPU", cpu)):
        median = statistics.median(times)
        print(f"target < 5 ms per incident (whole, {what} median): {'met' if median < 5 else 'NOT met'} "
              f"({median:.3f} ms; p95 {p95(times):.3f} ms)")
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print("the machine is busy (load above its cores): the CPU figures are the ones to go by")


if __name__ == "__main__":
    main()
