"""Evaluate the engine on a labelled set: the corpus (tests/data/transcripts/) or the held-out set.

Every transcript has a label file ``NAME.label.yaml``::

    kind: force | calm
    level: high            # the expected risk level
    also_ok: [elevated]    # other levels that are acceptable (optional)
    present: [force_command, ...]   # categories that must be found; all others must not
    context: {subject_age: 11, location_type: school}   # optional
    roles: {Student: subject}                             # optional overrides
    source: where the text comes from
    speakers: {Speaker 1: officer}                        # optional: the role each speaker should get

The held-out set (tests/data/heldout/, ``--set heldout``) was written and labelled without
looking at the phrase lists, in the layouts of published material; its figures say more about
real transcripts than the corpus's, which was written together with the phrase lists.

Prints, per category, precision and recall of "the category is present in the transcript",
the confusion matrix of risk levels, the transcripts that disagree with their labels, and
whether the goals hold (every force transcript elevated or high, no calm one high).

    python bench/evaluate.py            # summary
    python bench/evaluate.py -v         # also every transcript
    python bench/evaluate.py --strict   # exit 1 when a goal fails
    python bench/evaluate.py --set heldout -v   # the held-out set
    python bench/evaluate.py --set all          # both, each reported separately
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "transcripts"
HELDOUT = ROOT / "tests" / "data" / "heldout"
SETS = {"corpus": CORPUS, "heldout": HELDOUT}
sys.path.insert(0, str(ROOT / "src"))

from forcereview.engine import analyze_file  # noqa: E402
from forcereview.engine.errors import TranscriptError  # noqa: E402
from forcereview.engine.model import CATEGORIES, RISK_LEVELS  # noqa: E402


@dataclass
class Case:
    path: Path
    kind: str
    level: str
    also_ok: tuple[str, ...]
    present: frozenset[str]
    context: dict
    roles: dict
    source: str
    speakers: dict = field(default_factory=dict)
    found: frozenset[str] = frozenset()
    got_level: str = ""
    score: int = 0
    notes: list[str] = field(default_factory=list)
    roles_got: dict = field(default_factory=dict)

    @property
    def level_ok(self) -> bool:
        return self.got_level == self.level or self.got_level in self.also_ok


def load_corpus(folder: Path = CORPUS) -> list[Case]:
    import yaml

    cases = []
    for label in sorted(folder.glob("*.label.yaml")):
        spec = yaml.safe_load(label.read_text())
        path = label.with_name(label.name[: -len(".label.yaml")])
        if not path.exists():
            raise SystemExit(f"{label.name}: no transcript {path.name}")
        unknown = set(spec.get("present", [])) - set(CATEGORIES)
        if unknown or spec.get("kind") not in ("force", "calm") or spec.get("level") not in RISK_LEVELS:
            raise SystemExit(f"{label.name}: bad label (kind, level or categories {sorted(unknown)})")
        cases.append(Case(path=path, kind=spec["kind"], level=spec["level"], also_ok=tuple(spec.get("also_ok", ())),
                          present=frozenset(spec.get("present", [])), context=spec.get("context") or {},
                          roles=spec.get("roles") or {}, source=spec.get("source", ""),
                          speakers=spec.get("speakers") or {}))
    return cases


def run(cases: list[Case]) -> list[Case]:
    for case in cases:
        try:
            analysis = analyze_file(case.path, case.context.get("subject_age"), case.context.get("location_type"),
                                    case.roles or None)
        except TranscriptError as exc:
            # A file the engine cannot read finds nothing: every present category is missed.
            case.got_level = "unreadable"
            case.notes.append(f"unreadable ({exc})")
            if case.present:
                case.notes.append("missed " + ", ".join(sorted(case.present)))
            continue
        case.found = frozenset(s.category for s in analysis.signals)
        case.got_level = analysis.risk.level
        case.score = analysis.risk.score
        case.roles_got = {name: analysis.transcript.speakers.get(name, "(absent)") for name in case.speakers}
        missed = sorted(case.present - case.found)
        extra = sorted(case.found - case.present)
        if missed:
            case.notes.append("missed " + ", ".join(missed))
        if extra:
            case.notes.append("extra " + ", ".join(extra))
        wrong_roles = [f"{n} {case.roles_got[n]} not {r}" for n, r in case.speakers.items() if case.roles_got[n] != r]
        if wrong_roles:
            case.notes.append("roles: " + ", ".join(wrong_roles))
        if not case.level_ok:
            case.notes.append(f"level {case.got_level} ({case.score}), expected {case.level}")
    return cases


def category_scores(cases: list[Case]) -> dict[str, tuple[int, int, int, int]]:
    """category -> (true positives, false positives, false negatives, true negatives)."""
    scores = {}
    for category in CATEGORIES:
        tp = sum(1 for c in cases if category in c.present and category in c.found)
        fp = sum(1 for c in cases if category not in c.present and category in c.found)
        fn = sum(1 for c in cases if category in c.present and category not in c.found)
        tn = len(cases) - tp - fp - fn
        scores[category] = (tp, fp, fn, tn)
    return scores


def goals(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """Force transcripts that are low, calm transcripts that are high."""
    low_force = [c for c in cases if c.kind == "force" and c.got_level not in ("elevated", "high")]
    high_calm = [c for c in cases if c.kind == "calm" and c.got_level == "high"]
    return low_force, high_calm


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def role_scores(cases: list[Case]) -> tuple[int, int]:
    """(speakers given the labelled role, speakers labelled)."""
    right = sum(1 for c in cases for n, r in c.speakers.items() if c.roles_got.get(n) == r)
    return right, sum(len(c.speakers) for c in cases)


def report(cases: list[Case], verbose: bool = False, folder: Path = CORPUS) -> str:
    lines = []
    force = sum(1 for c in cases if c.kind == "force")
    lines.append(f"set: {len(cases)} labelled transcripts ({force} force, {len(cases) - force} calm) in "
                 f"{folder.relative_to(ROOT)}")
    formats = {}
    for c in cases:
        formats[c.path.suffix] = formats.get(c.path.suffix, 0) + 1
    lines.append("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(formats.items())))
    if verbose:
        lines.append("")
        for c in cases:
            mark = "ok " if not c.notes else "!! "
            lines.append(f"{mark}{c.path.name:40s} {c.kind:5s} {c.got_level:8s} {c.score:3d}  " + "; ".join(c.notes))
    lines.append("")
    lines.append(f"{'category':22s} {'precision':>9s} {'recall':>7s}   tp  fp  fn")
    total = [0, 0, 0]
    for category, (tp, fp, fn, _) in category_scores(cases).items():
        total[0] += tp
        total[1] += fp
        total[2] += fn
        lines.append(f"{category:22s} {ratio(tp, tp + fp):9.2f} {ratio(tp, tp + fn):7.2f}  {tp:3d} {fp:3d} {fn:3d}")
    tp, fp, fn = total
    lines.append(f"{'all (micro)':22s} {ratio(tp, tp + fp):9.2f} {ratio(tp, tp + fn):7.2f}  {tp:3d} {fp:3d} {fn:3d}")
    lines.append("")
    lines.append("risk level confusion (rows: expected, columns: analysed)")
    columns = [*RISK_LEVELS, "unreadable"] if any(c.got_level == "unreadable" for c in cases) else list(RISK_LEVELS)
    lines.append(f"{'':10s}" + "".join(f"{lv:>11s}" for lv in columns))
    for expected in RISK_LEVELS:
        row = [sum(1 for c in cases if c.level == expected and c.got_level == got) for got in columns]
        lines.append(f"{expected:10s}" + "".join(f"{n:11d}" for n in row))
    exact = sum(1 for c in cases if c.got_level == c.level)
    acceptable = sum(1 for c in cases if c.level_ok)
    lines.append(f"levels as labelled: {exact}/{len(cases)}; acceptable (label or also_ok): {acceptable}/{len(cases)}")
    right, labelled = role_scores(cases)
    if labelled:
        lines.append(f"speaker roles as labelled: {right}/{labelled}")
    low_force, high_calm = goals(cases)
    lines.append("")
    lines.append(f"goal: every force transcript elevated or high: "
                 f"{'MET' if not low_force else 'NOT MET: ' + ', '.join(c.path.name for c in low_force)}")
    lines.append(f"goal: no calm transcript high: "
                 f"{'MET' if not high_calm else 'NOT MET: ' + ', '.join(c.path.name for c in high_calm)}")
    disagreements = [c for c in cases if c.notes]
    if disagreements and not verbose:
        lines.append("")
        lines.append("disagreements with labels:")
        for c in disagreements:
            lines.append(f"  {c.path.name}: " + "; ".join(c.notes))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per transcript")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    parser.add_argument("--set", choices=[*SETS, "all"], default="corpus",
                        help="which labelled set: the corpus (default), the held-out set, or both")
    args = parser.parse_args(argv)
    failed = False
    names = list(SETS) if args.set == "all" else [args.set]
    for number, name in enumerate(names):
        if number:
            print("\n" + "=" * 60 + "\n")
        cases = run(load_corpus(SETS[name]))
        print(report(cases, args.verbose, SETS[name]))
        low_force, high_calm = goals(cases)
        failed = failed or bool(low_force or high_calm)
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
