"""The officer's report against what the recordings show.

An officer's structured claims (``records.Claim``: the subject assaulted an officer, actively
resisted, ...) are compared with the signals the analysis engine found in every recording of
the incident. A flag is raised where the evidence does not support the report:

- ``claim_without_aggression``: a claim of assault, threats or active resistance while no
  recording has any aggression by the subject;
- ``subject_denies_resisting``: the same claims while the subject is heard saying "I'm not
  resisting" (or "I didn't do anything");
- ``bystander_disputes_claim``: the same claims while a bystander objects or says the subject
  is no threat;
- ``resistance_not_reported``: the report mentions no resistance at all while an officer is
  heard shouting "stop resisting" again and again (either resistance went unreported, or
  the words were said for the camera).

Each flag carries the claim and the quotes, with their times, to show side by side. Pure
Python: the Django side stores the flags and lets a reviewer resolve them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forcereview.records import vocab

AGGRESSION_CLAIMS = frozenset(
    {"subject_assaulted_officer", "subject_assaulted_other", "subject_threatened", "subject_actively_resisted"}
)
RESISTANCE_CLAIMS = AGGRESSION_CLAIMS | {"subject_passively_resisted", "subject_fled"}
# "stop resisting" heard this many times or more, with no resistance in the report, is a flag.
REPEATED_COMMANDS = 2
MAX_QUOTES = 8

KINDS = {
    "claim_without_aggression": "Claim not supported: no aggression by the subject on the recordings",
    "subject_denies_resisting": "The subject is heard saying they are not resisting",
    "bystander_disputes_claim": "A bystander objects or says the subject is no threat",
    "resistance_not_reported": "Officers shouted \"stop resisting\" but the report mentions no resistance",
}


_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def _normal(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("'", "")
    return _NOT_WORD.sub(" ", text)


_NOT_RESISTING = re.compile(
    r"\b(im|i am|i m|am)\s+not\s+resist|\bnot\s+resistin|\bi\s+(didnt|did not|aint)\s+do\s+(anything|nothing)"
    r"|\b(im|i am)\s+not\s+(fighting|doing anything)|\bi\s+(wasnt|was not)\s+resist"
)
_STOP_RESISTING = re.compile(r"\bstop\s+resistin")
_DETECTOR_DENIAL = re.compile(r"not.?resisting|denial|denies", re.I)


@dataclass(frozen=True)
class Quote:
    evidence_id: object
    start: float | None
    end: float | None
    speaker: str | None
    role: str
    text: str
    category: str

    @property
    def time(self) -> str:
        if self.start is None:
            return ""
        seconds = int(self.start)
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"

    def to_dict(self) -> dict:
        return {
            "evidence_id": self.evidence_id, "start": self.start, "end": self.end, "time": self.time,
            "speaker": self.speaker, "role": self.role, "text": self.text, "category": self.category,
        }


@dataclass(frozen=True)
class EvidenceFlag:
    kind: str
    key: str  # stable across re-checks, so a reviewer's resolution is kept
    claim: dict | None  # {"kind", "label", "officer", "subject", "detail"}; None: the report's silence
    summary: str  # the flag in one plain sentence
    evidence: str  # what the recordings show, in plain words
    quotes: tuple[Quote, ...]

    @property
    def title(self) -> str:
        return KINDS[self.kind]

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "key": self.key, "title": self.title, "claim": self.claim, "summary": self.summary,
            "evidence": self.evidence, "quotes": [q.to_dict() for q in self.quotes],
        }


def _quote(item: dict, signal: dict, role: str, category: str) -> Quote:
    return Quote(evidence_id=item.get("evidence_id"), start=signal.get("start"), end=signal.get("end"),
                 speaker=signal.get("speaker"), role=role, text=signal.get("text") or "", category=category)


def _claims(report: dict) -> list[dict]:
    out = []
    for officer in report.get("officers") or ():
        for claim in officer.get("claims") or ():
            claim = claim if isinstance(claim, dict) else {"kind": claim}
            out.append(
                {
                    "kind": claim.get("kind"),
                    "label": vocab.CLAIMS.label(claim.get("kind")),
                    "officer": officer.get("badge"),
                    "officer_name": officer.get("officer_name", ""),
                    "subject": claim.get("subject"),
                    "detail": claim.get("detail") or "",
                }
            )
    return out


def _reports_resistance(report: dict, claims: list[dict]) -> bool:
    if any(c["kind"] in RESISTANCE_CLAIMS for c in claims):
        return True
    for subject in report.get("subjects") or ():
        if any(r and r != "none" for r in subject.get("resistance") or ()):
            return True
    return any(f.get("resistance") and f.get("resistance") != "none" for f in report.get("force") or ())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def check_report(report: dict, analyses: list[dict]) -> list[EvidenceFlag]:
    """Flags where the recordings do not support the report. ``report`` is an incident in
    the report shape; ``analyses`` are its recordings' analyses (``evidence_id``, ``analysis``)."""
    analyses = [a for a in analyses if a.get("analysis")]
    if not analyses:
        return []
    claims = _claims(report)
    aggression, denials, objections, stop_resisting, subject_words = [], [], [], [], []
    # Most signals are none of these: a quote is made, and the words normalised, only when needed.
    for item in analyses:
        for signal in item["analysis"].get("signals") or ():
            role = signal.get("role") or "unknown"
            category = signal.get("category") or ""
            by_subject = role in {"subject", "unknown"}
            if by_subject:
                quote = None
                if category == "subject_aggression":
                    quote = _quote(item, signal, role, category)
                    aggression.append(quote)
                if (_NOT_RESISTING.search(_normal(signal.get("text")))
                        or _DETECTOR_DENIAL.search(signal.get("detector") or "")):
                    quote = quote or _quote(item, signal, role, category)
                    denials.append(quote)
                if role == "subject" and category in {"subject_distress", "medical_distress"}:
                    subject_words.append(quote or _quote(item, signal, role, category))
            if category == "bystander_objection":
                objections.append(_quote(item, signal, role, category))
            if category == "force_command" and role == "officer" and _STOP_RESISTING.search(_normal(signal.get("text"))):
                stop_resisting.append(_quote(item, signal, role, category))

    recordings = _plural(len(analyses), "analysed recording")
    flags: list[EvidenceFlag] = []
    for claim in claims:
        if claim["kind"] not in AGGRESSION_CLAIMS:
            continue
        who = f"Officer #{claim['officer']}" if claim["officer"] else "The report"
        ident = f"{claim['officer']}:{claim['kind']}:{claim['subject'] or ''}"
        if not aggression:
            flags.append(EvidenceFlag(
                "claim_without_aggression", f"claim_without_aggression:{ident}", claim,
                f"{who} claims: {claim['label'].lower()}. The recordings show no aggression by the subject.",
                f"The {recordings} {'contains' if len(analyses) == 1 else 'contain'} no threat or blow by the subject"
                + (f"; the subject is heard in distress {_plural(len(subject_words), 'time')}." if subject_words else "."),
                tuple(subject_words[:MAX_QUOTES]),
            ))
        if denials:
            flags.append(EvidenceFlag(
                "subject_denies_resisting", f"subject_denies_resisting:{ident}", claim,
                f"{who} claims: {claim['label'].lower()}. The subject is heard saying they are not resisting.",
                f"The subject says so {_plural(len(denials), 'time')} on the recordings.",
                tuple(denials[:MAX_QUOTES]),
            ))
        if objections:
            flags.append(EvidenceFlag(
                "bystander_disputes_claim", f"bystander_disputes_claim:{ident}", claim,
                f"{who} claims: {claim['label'].lower()}. A bystander objects or says the subject is no threat.",
                f"Bystanders object {_plural(len(objections), 'time')} on the recordings.",
                tuple(objections[:MAX_QUOTES]),
            ))
    if len(stop_resisting) >= REPEATED_COMMANDS and not _reports_resistance(report, claims):
        flags.append(EvidenceFlag(
            "resistance_not_reported", "resistance_not_reported", None,
            f"The report mentions no resistance, but officers shouted \"stop resisting\" {_plural(len(stop_resisting), 'time')}.",
            f"\"Stop resisting\" is heard {_plural(len(stop_resisting), 'time')} on the recordings.",
            tuple(stop_resisting[:MAX_QUOTES]),
        ))
    return flags
