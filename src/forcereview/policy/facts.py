"""The facts a policy condition can read about one incident.

``FACTS`` describes every fact: its name, its kind, its plain-language label and, for words,
the values it may take. ``build_facts`` turns an incident (the plain dict of
``records.snapshot.incident_snapshot``, with each officer's ``rank`` and ``assignment`` added)
and the analyses of its recordings into those facts. Both are pure Python; the Django side
gathers the inputs (``reviews.facts``).

In a condition, facts are read by their dotted names::

    subject.youngest_age < 13 && incident.location_type == "school"
    "neck_restraint" in force.types
    signals.bystander_objection > 0
    signals_by_role.subject.subject_aggression == 0
    subjects.exists(s, s.juvenile && "handcuffs" in s.force_types)

Every fact is always present (counts are 0, lists empty, flags false), so a condition never
fails for a missing key. Ages can be null where a report gives only a range (``subjects[].age``)
or, in principle, lists no subject (``subject.youngest_age``; every valid report has one). Numbers are whole numbers: compare them with whole numbers (``risk.score >= 70``).

``docs/policy.md`` lists every fact; ``forcereview policy facts`` prints the same list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from forcereview.engine.model import CATEGORIES, RISK_LEVELS, ROLES
from forcereview.policy.evidence_check import KINDS as FLAG_KINDS
from forcereview.policy.types import ListOf, Record, Scalar, walk
from forcereview.records import vocab

RISK_RANKS = {"none": 0, **{level: n for n, level in enumerate(RISK_LEVELS, 1)}}

CLAIMS_OF_RESISTANCE = frozenset(
    {"subject_assaulted_officer", "subject_assaulted_other", "subject_threatened", "subject_actively_resisted",
     "subject_passively_resisted"}
)
# Injuries someone can see: Lexipol Policy 300 has a supervisor respond to any of these.
INVISIBLE_INJURIES = frozenset({"none", "complaint_of_pain", "internal_injury"})
RESTRAINING_FORCE = frozenset({"handcuffs"})


def _words(v: vocab.Vocabulary) -> tuple[str, ...]:
    return v.codes


def _b(label: str, true_text: str, false_text: str = "", help: str = "") -> Scalar:
    return Scalar("bool", label, help=help, true_text=true_text, false_text=false_text or f"not: {true_text}")


def _n(label: str, help: str = "", nullable: bool = False) -> Scalar:
    return Scalar("int", label, help=help, nullable=nullable)


def _s(label: str, values: Iterable[str] | None = None, help: str = "") -> Scalar:
    return Scalar("string", label, help=help, values=tuple(values) if values is not None else None)


def _list(label: str, values: Iterable[str] | None = None, help: str = "") -> ListOf:
    return ListOf(_s(label, values), label, help=help)


SUBJECT = Record(
    {
        "ref": _s("subject reference"),
        "age": _n("subject age", nullable=True),
        "age_min": _n("lowest possible subject age", nullable=True),
        "age_max": _n("highest possible subject age", nullable=True),
        "youngest_age": _n("subject age", "The age, or the low end of the range when only a range is known.", nullable=True),
        "juvenile": _b("juvenile", "the subject is a juvenile (17 or younger)"),
        "sex": _s("subject sex", _words(vocab.SEX)),
        "armed": _s("subject weapon", _words(vocab.ARMED)),
        "impairments": _list("subject impairments", _words(vocab.IMPAIRMENTS)),
        "resistance": _list("subject resistance", _words(vocab.RESISTANCE_TYPES)),
        "injuries": _list("subject injuries", _words(vocab.INJURY_TYPES)),
        "injured": _b("injured", "the subject was injured or complained of pain"),
        "visible_injury": _b("visible injury", "the subject has a visible injury"),
        "serious_injury": _b("serious injury", "the subject has a serious bodily injury"),
        "medical_treatment": _s("medical treatment", _words(vocab.MEDICAL_TREATMENT)),
        "hospital_admitted": _b("hospital admission", "the subject was admitted to hospital"),
        "died": _b("death", "the subject died"),
        "force_types": _list("force used on the subject", _words(vocab.FORCE_TYPES)),
        "force_while_restrained": _b("force on a restrained person", "force was used on the subject after they were restrained"),
    },
    label="subject",
)

OFFICER = Record(
    {
        "badge": _s("badge number"),
        "role": _s("officer role", _words(vocab.INVOLVEMENT_ROLES)),
        "rank": _s("officer rank", _words(vocab.RANKS)),
        "assignment": _s("officer assignment", _words(vocab.ASSIGNMENTS)),
        "used_force": _b("used force", "the officer used force"),
        "camera_activated": Scalar("bool", "camera activated", nullable=True, true_text="the officer's camera was on",
                                   false_text="the officer's camera was not activated"),
        "injured": _b("officer injured", "the officer was injured"),
        "claims": _list("officer's claims", _words(vocab.CLAIMS)),
    },
    label="officer",
)

SIGNAL_COUNTS = Record(
    {c: _n(f"{c.replace('_', ' ')} signals in the recordings") for c in CATEGORIES},
    label="signals",
)

FACTS = Record(
    {
        "incident": Record(
            {
                "number": _s("incident number"),
                "occurred_at": _s("time of the incident", help="ISO 8601, in the agency's time zone"),
                "location_type": _s("location type", _words(vocab.LOCATION_TYPES)),
                "contact_reason": _s("reason for contact", _words(vocab.CONTACT_REASONS)),
                "offense": _s("offense"),
                "supervisor_present": _b("supervisor present", "a supervisor was present or consulted"),
                "recording_required": _b("recording required", "policy required the encounter to be recorded"),
            },
            label="incident",
        ),
        "subjects": ListOf(SUBJECT, "subjects", help="Each subject, with the fields below."),
        "subject": Record(
            {
                "count": _n("number of subjects"),
                "youngest_age": _n("subject age", "The youngest subject's age (or the low end of a range).", nullable=True),
                "juvenile": _b("juvenile", "a subject is a juvenile (17 or younger)"),
                "injured": _b("injured", "a subject was injured or complained of pain"),
                "visible_injury": _b("visible injury", "a subject has a visible injury"),
                "serious_injury": _b("serious injury", "a subject has a serious bodily injury"),
                "hospital_admitted": _b("hospital admission", "a subject was admitted to hospital"),
                "died": _b("death", "a subject died"),
                "armed": _b("armed", "a subject was armed or believed armed"),
                "injuries": _list("subject injuries", _words(vocab.INJURY_TYPES)),
                "medical_treatments": _list("medical treatment", _words(vocab.MEDICAL_TREATMENT)),
                "impairments": _list("subject impairments", _words(vocab.IMPAIRMENTS)),
                "resistance": _list("subject resistance recorded", _words(vocab.RESISTANCE_TYPES)),
            },
            label="subjects together",
        ),
        "force": Record(
            {
                "count": _n("number of force applications"),
                "types": _list("force types", _words(vocab.FORCE_TYPES)),
                "max_level": _n("highest force severity", "1 (lowest) to 6 (firearm discharged)"),
            },
            label="force",
        ),
        "restraint": Record(
            {
                "handcuffed": _b("handcuffed", "a subject was handcuffed against resistance"),
                "prone": _b("prone restraint", "a subject was held prone with body weight"),
                "force_while_restrained": _b(
                    "force on a restrained person", "force was used on a person after they were restrained",
                    help="A force application recorded after the same subject was handcuffed, or one the report marks "
                         "as used on a restrained subject.",
                ),
            },
            label="restraint",
        ),
        "officers": ListOf(OFFICER, "officers", help="Each officer involved, with the fields below."),
        "officer": Record(
            {
                "count": _n("number of officers involved"),
                "assignments": _list("officer assignments", _words(vocab.ASSIGNMENTS)),
                "force_assignments": _list("assignments of officers who used force", _words(vocab.ASSIGNMENTS)),
                "camera_not_activated": _b("camera not activated", "an officer's camera was not activated"),
                "injured": _b("officer injured", "an officer was injured"),
            },
            label="officers together",
        ),
        "claims": _list("officers' claims", _words(vocab.CLAIMS), help="Every justification an officer claimed."),
        "witnesses": Record(
            {"count": _n("number of witnesses"), "roles": _list("witness roles", _words(vocab.WITNESS_ROLES))},
            label="witnesses",
        ),
        "recordings": Record(
            {
                "count": _n("number of recordings"),
                "analysed": _n("number of analysed recordings"),
                "any": _b("recorded", "the incident was recorded"),
                "required": _b("recording required", "policy required the encounter to be recorded"),
                "missing": _b("recording missing", "no recording is attached although one was required"),
            },
            label="recordings",
        ),
        "signals": SIGNAL_COUNTS,
        "signals_by_role": Record(
            {role: Record({c: _n(f"{c.replace('_', ' ')} signals from the {role}") for c in CATEGORIES},
                          label=f"signals from the {role}") for role in ROLES},
            label="signals by speaker role",
        ),
        "risk": Record(
            {
                "level": _s("highest recording risk level", ("none",) + RISK_LEVELS),
                "rank": _n("highest recording risk rank", "0 none, 1 low, 2 elevated, 3 high"),
                "score": _n("highest recording risk score", "0 to 100"),
            },
            label="risk",
        ),
        "report_flags": Record(
            {
                "count": _n("open report-against-evidence flags"),
                "kinds": _list("kinds of open report-against-evidence flags", tuple(FLAG_KINDS)),
            },
            label="report against evidence",
        ),
    }
)


def node_at(path: str):
    """The fact description at a dotted path (``subject.youngest_age``), or None."""
    node = FACTS
    for part in path.split("."):
        if isinstance(node, ListOf):
            node = node.item
        if not isinstance(node, Record) or part not in node.fields:
            return None
        node = node.fields[part]
    return node


def documented_facts() -> list[tuple[str, object]]:
    """Every fact path with its description, for documentation and the policy editor."""
    return list(walk(FACTS))


# -- building the facts of one incident ------------------------------------------------------------


def _youngest(s: dict) -> int | None:
    for key in ("age", "age_min", "age_max"):
        if s.get(key) is not None:
            return int(s[key])
    return None


def _is_juvenile(s: dict) -> bool:
    if "is_juvenile" in s:
        return bool(s["is_juvenile"])
    if s.get("age") is not None:
        return s["age"] <= vocab.JUVENILE_MAX_AGE
    return s.get("age_max") is not None and s["age_max"] <= vocab.JUVENILE_MAX_AGE


def _when(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _restrained_force(force: list[dict]) -> set[str]:
    """Refs of subjects on whom force was used after they were restrained."""
    out: set[str] = set()
    cuffed_at: dict[str, datetime] = {}
    for f in force:
        at = _when(f.get("at"))
        if f.get("type") in RESTRAINING_FORCE and at is not None:
            ref = f.get("subject")
            if ref not in cuffed_at or at < cuffed_at[ref]:
                cuffed_at[ref] = at
    for f in force:
        if f.get("subject_restrained"):
            out.add(f.get("subject"))
            continue
        at, ref = _when(f.get("at")), f.get("subject")
        if f.get("type") not in RESTRAINING_FORCE and at is not None and ref in cuffed_at and at > cuffed_at[ref]:
            out.add(ref)
    return out


def _signal_counts(analyses: list[dict]) -> tuple[dict, dict, str, int]:
    by_category = {c: 0 for c in CATEGORIES}
    by_role = {r: {c: 0 for c in CATEGORIES} for r in ROLES}
    level, score = "none", 0
    for item in analyses:
        analysis = item.get("analysis") or {}
        for signal in analysis.get("signals") or ():
            category = signal.get("category")
            if category not in by_category:
                continue
            role = signal.get("role") if signal.get("role") in by_role else "unknown"
            by_category[category] += 1
            by_role[role][category] += 1
        risk = analysis.get("risk") or {}
        if RISK_RANKS.get(risk.get("level"), 0) > RISK_RANKS[level]:
            level = risk["level"]
        try:
            score = max(score, int(round(float(risk.get("score") or 0))))
        except (TypeError, ValueError):
            pass
    return by_category, by_role, level, score


def build_facts(
    report: dict,
    *,
    analyses: list[dict] = (),
    recording_count: int | None = None,
    flags: Iterable[dict] = (),
) -> dict:
    """The facts of one incident.

    ``report`` is an incident in the report shape (``records.snapshot.incident_snapshot``);
    each officer may carry ``rank`` and ``assignment``. ``analyses`` are the analyses of its
    recordings (each a dict with ``analysis`` = the engine's JSON). ``recording_count`` is the
    number of recordings attached, analysed or not (default: the number of analyses).
    ``flags`` are the open report-against-evidence flags (dicts with ``kind``).
    """
    analyses = list(analyses)
    force = list(report.get("force") or ())
    restrained = _restrained_force(force)
    subjects_in = list(report.get("subjects") or ())
    force_by_subject: dict[str, list[str]] = {}
    for f in force:
        force_by_subject.setdefault(f.get("subject"), []).append(f.get("type"))

    subjects = []
    for s in subjects_in:
        injuries = list(s.get("injuries") or ())
        real = [i for i in injuries if i != "none"]
        treatment = s.get("medical_treatment") or "none"
        subjects.append(
            {
                "ref": s.get("ref") or "",
                "age": s.get("age"),
                "age_min": s.get("age_min"),
                "age_max": s.get("age_max"),
                "youngest_age": _youngest(s),
                "juvenile": _is_juvenile(s),
                "sex": s.get("sex") or "unknown",
                "armed": s.get("armed") or "unarmed",
                "impairments": list(s.get("impairments") or ()),
                "resistance": list(s.get("resistance") or ()),
                "injuries": injuries,
                "injured": bool(real),
                "visible_injury": any(i not in INVISIBLE_INJURIES for i in real),
                "serious_injury": any(i in vocab.SERIOUS_INJURIES for i in real),
                "medical_treatment": treatment,
                "hospital_admitted": treatment in {"hospital_admitted", "died"},
                "died": treatment == "died" or "death" in real,
                "force_types": force_by_subject.get(s.get("ref"), []),
                "force_while_restrained": s.get("ref") in restrained,
            }
        )
    ages = [s["youngest_age"] for s in subjects if s["youngest_age"] is not None]

    used_force = {f.get("officer") for f in force}
    officers = []
    for o in report.get("officers") or ():
        officers.append(
            {
                "badge": o.get("badge") or "",
                "role": o.get("role") or "",
                "rank": o.get("rank") or "officer",
                "assignment": o.get("assignment") or "patrol",
                "used_force": o.get("badge") in used_force or o.get("role") in {"primary", "assisting"},
                "camera_activated": o.get("camera_activated"),
                "injured": any(i != "none" for i in (o.get("injuries") or ())),
                "claims": [c.get("kind") if isinstance(c, dict) else c for c in (o.get("claims") or ())],
            }
        )

    by_category, by_role, level, score = _signal_counts(analyses)
    count = len(analyses) if recording_count is None else max(int(recording_count), len(analyses))
    required = bool(report.get("recording_expected", report.get("recording_required", True)))
    open_flags = [f for f in flags if f.get("status", "open") == "open"]
    force_levels = [vocab.FORCE_TYPES.get(f.get("type")).level for f in force if vocab.FORCE_TYPES.get(f.get("type"))]

    return {
        "incident": {
            "number": report.get("number") or "",
            "occurred_at": report.get("occurred_at") or "",
            "location_type": report.get("location_type") or "unknown",
            "contact_reason": report.get("contact_reason") or "unknown",
            "offense": report.get("offense") or "",
            "supervisor_present": bool(report.get("supervisor_present")),
            "recording_required": required,
        },
        "subjects": subjects,
        "subject": {
            "count": len(subjects),
            "youngest_age": min(ages) if ages else None,
            "juvenile": any(s["juvenile"] for s in subjects),
            "injured": any(s["injured"] for s in subjects),
            "visible_injury": any(s["visible_injury"] for s in subjects),
            "serious_injury": any(s["serious_injury"] for s in subjects),
            "hospital_admitted": any(s["hospital_admitted"] for s in subjects),
            "died": any(s["died"] for s in subjects),
            "armed": any(s["armed"] != "unarmed" for s in subjects),
            "injuries": _union(s["injuries"] for s in subjects),
            "medical_treatments": _union([s["medical_treatment"]] for s in subjects),
            "impairments": _union(s["impairments"] for s in subjects),
            "resistance": _union(s["resistance"] for s in subjects),
        },
        "force": {
            "count": len(force),
            "types": _union([f.get("type")] for f in force),
            "max_level": max(force_levels, default=0),
        },
        "restraint": {
            "handcuffed": any(f.get("type") == "handcuffs" for f in force),
            "prone": any(f.get("type") == "prone_restraint" for f in force),
            "force_while_restrained": bool(restrained),
        },
        "officers": officers,
        "officer": {
            "count": len(officers),
            "assignments": _union([o["assignment"]] for o in officers),
            "force_assignments": _union([o["assignment"]] for o in officers if o["used_force"]),
            "camera_not_activated": any(o["camera_activated"] is False for o in officers),
            "injured": any(o["injured"] for o in officers),
        },
        "claims": _union(o["claims"] for o in officers),
        "witnesses": {
            "count": len(report.get("witnesses") or ()),
            "roles": _union([w.get("role")] for w in report.get("witnesses") or ()),
        },
        "recordings": {
            "count": count,
            "analysed": len(analyses),
            "any": count > 0,
            "required": required,
            "missing": required and count == 0,
        },
        "signals": by_category,
        "signals_by_role": by_role,
        "risk": {"level": level, "rank": RISK_RANKS[level], "score": score},
        "report_flags": {"count": len(open_flags), "kinds": _union([f.get("kind")] for f in open_flags)},
    }


def _union(lists: Iterable[Iterable]) -> list:
    out: dict = {}
    for items in lists:
        for item in items:
            if item is not None:
                out[item] = None
    return list(out)


SAMPLE_REPORT = {
    "number": "SAMPLE-1",
    "occurred_at": "2019-08-27T12:05:00-06:00",
    "location_type": "school",
    "contact_reason": "school_call",
    "offense": "",
    "supervisor_present": False,
    "recording_expected": True,
    "officers": [
        {"badge": "1", "role": "primary", "rank": "officer", "assignment": "school_resource",
         "camera_activated": True, "injuries": [], "claims": [{"kind": "subject_actively_resisted"}]},
    ],
    "subjects": [{"ref": "S1", "age": 11, "sex": "female", "injuries": ["abrasion"], "medical_treatment": "on_scene",
                  "resistance": ["pulled_away"], "impairments": [], "armed": "unarmed"}],
    "force": [{"officer": "1", "subject": "S1", "type": "takedown", "at": "2019-08-27T12:06:20-06:00"}],
    "witnesses": [{"name": "W", "role": "school_staff"}],
}


def sample_facts() -> list[dict]:
    """Facts of a few made-up incidents; every condition is tried on them when it is loaded,
    so a condition that cannot be evaluated (a null compared with a number) is found then."""
    sample_analysis = {
        "analysis": {
            "risk": {"level": "high", "score": 80, "reasons": []},
            "signals": [{"category": c, "role": r, "text": "", "start": 0.0, "end": 1.0}
                        for c in CATEGORIES for r in ROLES],
        }
    }
    adult = dict(SAMPLE_REPORT, location_type="street", contact_reason="traffic_stop", recording_expected=False,
                 subjects=[dict(SAMPLE_REPORT["subjects"][0], age=None, age_min=30, age_max=40, injuries=[])])
    return [
        build_facts(SAMPLE_REPORT, analyses=[sample_analysis], flags=[{"kind": "claim_without_aggression"}]),
        build_facts(SAMPLE_REPORT),
        build_facts(adult),
    ]
