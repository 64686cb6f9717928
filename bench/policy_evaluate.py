"""Policy evaluation of one incident with the analyses of its recordings (default policy).

Prints the time to build the facts, to evaluate every rule (with the plain-words reasons of
the rules that fire) and to check the report against the evidence. Target: under 5 ms for
facts + evaluation of the default policy.

    python bench/policy_evaluate.py [--runs N] [--signals N]
"""

from __future__ import annotations

import argparse
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


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--signals", type=int, default=200, help="signals per recording (3 recordings)")
    args = parser.parse_args()

    start = time.perf_counter()
    policy = load_policy(default_policy_text())
    load_ms = (time.perf_counter() - start) * 1000
    analyses = recordings(args.signals)
    facts = build_facts(SAMPLE_REPORT, analyses=analyses)
    outcome = evaluate(policy, facts)

    def whole():
        evaluate(policy, build_facts(SAMPLE_REPORT, analyses=analyses))

    figures = {
        "build facts": timed(lambda: build_facts(SAMPLE_REPORT, analyses=analyses), args.runs),
        "evaluate policy": timed(lambda: evaluate(policy, facts), args.runs),
        "facts + evaluate": timed(whole, args.runs),
        "report vs evidence": timed(lambda: check_report(SAMPLE_REPORT, analyses), args.runs),
    }
    print(f"default policy: {len(policy.rules)} rules, loaded and compiled in {load_ms:.1f} ms")
    print(f"incident: {len(analyses)} recordings x {args.signals} signals; {len(outcome.fired)} rules fire")
    for name, times in figures.items():
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:>20}: mean {statistics.fmean(times):.3f} ms  median {times[len(times) // 2]:.3f} ms  p95 {p95:.3f} ms")
    mean = statistics.fmean(figures["facts + evaluate"])
    print(f"target < 5 ms per incident (facts + evaluate): {'met' if mean < 5 else 'NOT met'} ({mean:.3f} ms)")


if __name__ == "__main__":
    main()
