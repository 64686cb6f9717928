"""Who is speaking: roles from speaker labels, from what each speaker says, and from overrides.

Order of authority, strongest first:
1. an override given by the caller (``roles={"Administrator": "bystander"}``, ``--role``);
2. a role the transcript states outright (``OFFICER (Smith): ...``, a JSON ``role`` field);
3. a strong label word (``Sgt. Diaz``, ``SUSPECT``, ``Teacher``, ``Dispatch``, a badge number, a
   radio call sign such as ``3A21`` or ``1-Adam-12``, a department code such as ``W1`` for a
   witness, ``V1`` a victim, ``C1`` a civilian, ``S1`` a suspect);
4. the speaker's words: phrase groups carry ``evidence`` (who gives orders, who says "I'm not
   resisting", who says "he's not resisting", who talks like a radio), added up per speaker,
   together with a weak label word (``student``, ``male``) that only leans one way;
5. the conversation: when officers are known and nobody is the subject, the one unknown
   speaker who talks with them turn by turn, and whose words point nowhere else, is the subject.
A speaker with no label and no clear evidence stays ``unknown``. Segments without any speaker
(undiarised speech-to-text) get a role for that segment alone when its words point one way.
Labels that name nobody in particular (``UNIDENTIFIED MALE``, ``UNKNOWN FEMALE``, ``VOICE``),
which news transcripts give to everyone off camera, are judged segment by segment: a segment
whose own words point one way gets that role, the others the role of the label as a whole.
A speaker known only by the name diarisation gave it (``SPEAKER_00``, ``spk_1``, ``Speaker 2``)
keeps the role its words give it, except in a segment whose own words all point strongly to
another role: in a struggle, diarisation often gives the subject's cries to the officer's voice.
Such a voice, orders and cries in turn, is an officer's when another voice is the subject's.
A witness by label (``Nurse``, ``Teacher``, ``Woman filming``) may become the one force is used
on: a segment of theirs that holds a cry and whose own words all point to the subject ("You're
hurting my wrist! I've done nothing wrong!") is the subject's, while the speaker stays a bystander.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from .model import ROLES
from .text import normalize

STATED = 5.0  # a role the transcript states
STRONG = 3.0
WEAK = 1.0
THRESHOLD = 1.0

_BADGE = re.compile(r"#\s*\d{2,}|\bbadge\b|\b(?:ofc|off|p|b|u)-?\d{3,}\b", re.IGNORECASE)
# radio call signs: 3A21, 2L20, 1-Adam-12, 4 David 31 (the phonetic alphabets of police radio)
_PHONETIC = ("adam boy baker charles david edward frank george henry ida john king lincoln mary nora ocean "
             "paul queen robert sam tom union victor william xray young zebra alpha bravo charlie delta echo "
             "foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango "
             "uniform whiskey yankee zulu")
_CALL_SIGN = re.compile(r"\s*(?:\d{1,2}[A-Z]{1,2}\d{1,3}|\d{1,2}[-\s](?:" + _PHONETIC.replace(" ", "|")
                        + r")[-\s]\d{1,3})\s*$", re.IGNORECASE)
# department transcript codes: W1 (witness), V2 (victim), C1 (civilian, complainant), S1 (suspect)
_CODE = re.compile(r"\s*([WVCS])[-\s]?\d{1,2}\s*$", re.IGNORECASE)
_CODE_ROLES = {"w": "bystander", "v": "bystander", "c": "bystander", "s": "subject"}
# the names speaker diarisation gives (SPEAKER_00, spk_1, Speaker 2, A): a voice told apart by
# sound, which in a struggle or a crowd often takes in words of another voice
_DIARISED = re.compile(r"\s*(?:(?:speaker|spk|spkr)[\s_-]*\d{1,3}|[A-Z])\s*$", re.IGNORECASE)
# what a segment's own words must say, all of it for one role, to give that segment its own role
# against its diarised speaker's: more than one sign (a plea and a denial), or one of the strongest
OWN_EVIDENCE = 2.0
# what a segment of a witness by label must say, all of it for the subject, to be the subject's:
# more than one plain sign ("You're hurting my wrist! I've done nothing wrong!"), as a witness
# pleading for someone else says "please don't" too
WITNESS_UNDER_FORCE = 1.5


@dataclass(frozen=True, slots=True)
class LabelIndex:
    """Label words (as token tuples) -> (role or None, strength); ``anonymous``: the words of
    labels that several people share (``unidentified male``)."""

    words: Mapping[tuple[str, ...], tuple[str | None, float]]
    longest: int
    anonymous: frozenset[tuple[str, ...]] = frozenset()
    # label -> role_of(label): the same few labels come back in every transcript
    _known: dict[str, tuple[str | None, float]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_config(cls, config: Mapping[str, Mapping[str, Sequence[str]]]) -> LabelIndex:
        words: dict[tuple[str, ...], tuple[str | None, float]] = {}
        anonymous: set[tuple[str, ...]] = set()
        for role, spec in config.items():
            for strength_name, strength in (("weak", WEAK), ("strong", STRONG)):
                for word in spec.get(strength_name, ()):
                    tokens = tuple(normalize(word))
                    if not tokens:
                        continue
                    if role in ("none", "anonymous"):
                        words[tokens] = (None, 0.0)
                        if role == "anonymous":
                            anonymous.add(tokens)
                    else:
                        words[tokens] = (role, strength)
        return cls(words=words, longest=max((len(k) for k in words), default=1), anonymous=frozenset(anonymous))

    def _best(self, tokens: list[str]) -> tuple[int, float, str | None, tuple[str, ...]] | None:
        best = None
        for size in range(min(self.longest, len(tokens)), 0, -1):
            for i in range(len(tokens) - size + 1):
                key = tuple(tokens[i:i + size])
                found = self.words.get(key)
                if found is not None and (best is None or (size, found[1]) > best[:2]):
                    best = (size, found[1], found[0], key)
            if best is not None:
                break
        return best

    def role_of(self, label: str | None) -> tuple[str | None, float]:
        """The role a speaker label names and how strongly; (None, 0) when it names none."""
        if not label:
            return None, 0.0
        known = self._known.get(label)
        if known is None:
            if len(self._known) > 4096:
                self._known.clear()
            known = self._known[label] = self._role_of(label)
        return known

    def _role_of(self, label: str) -> tuple[str | None, float]:
        best = self._best(normalize(label))
        if best is not None and best[2] is not None:
            return best[2], best[1]
        if _BADGE.search(label) or _CALL_SIGN.match(label):
            return "officer", STRONG
        code = _CODE.match(label)
        if code:
            return _CODE_ROLES[code.group(1).lower()], STRONG
        return None, 0.0

    def is_anonymous(self, label: str | None) -> bool:
        """Whether the label names nobody in particular, so that several people may share it."""
        if not label or not self.anonymous:
            return False
        best = self._best(normalize(label))
        return best is not None and best[3] in self.anonymous


def validate_overrides(roles: Mapping[str, str] | None) -> dict[str, str]:
    """Overrides keyed by lower-cased speaker name; refuses an unknown role."""
    out: dict[str, str] = {}
    for name, role in (roles or {}).items():
        role = str(role).strip().lower()
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} for speaker {name!r} (expected one of {', '.join(ROLES)})")
        out[str(name).strip().lower()] = role
    return out


def settled_by_labels(speakers: Sequence[str | None], stated: Mapping[str, str], labels: LabelIndex,
                      overrides: Mapping[str, str]) -> bool:
    """Whether every segment has a speaker whose role an override, the transcript or a strong
    label word settles: then what the words say changes no role (``infer_roles`` reads the
    evidence of the others only), and the matcher need not add it up."""
    for name in dict.fromkeys(speakers):
        if not name:
            return False
        if _given_role(name, stated, overrides):
            continue
        role, strength = labels.role_of(name)
        if role is None or strength < STRONG:
            return False
    return True


def witness_names(speakers: Sequence[str | None], stated: Mapping[str, str], labels: LabelIndex,
                  overrides: Mapping[str, str]) -> set[str]:
    """The speakers who are bystanders by a strong label word (not by an override or the
    transcript): the ones whose lines may be the subject's when force is turned on them."""
    names = set()
    for name in dict.fromkeys(speakers):
        if name and not _given_role(name, stated, overrides):
            role, strength = labels.role_of(name)
            if role == "bystander" and strength >= STRONG:
                names.add(name)
    return names


def _given_role(name: str, stated: Mapping[str, str], overrides: Mapping[str, str]) -> str | None:
    """The role an override or the transcript gives a speaker, never second-guessed; or None.
    An override may name a label as the transcript's key of speakers had it (``A`` for the
    speaker the reader named ``A (Sgt. Lopez)``)."""
    override = overrides.get(name.lower())
    if override:
        return override
    if overrides and name.endswith(")") and " (" in name:
        override = overrides.get(name.partition(" (")[0].lower())
        if override:
            return override
    if stated.get(name) in ROLES and stated[name] != "unknown":
        return stated[name]
    return None


def infer_roles(
    speakers: Sequence[str | None],
    stated: Mapping[str, str],
    evidence: Mapping[int, Mapping[str, float]],
    labels: LabelIndex,
    overrides: Mapping[str, str],
    cries: Collection[int] = (),
) -> tuple[dict[str, str], list[str]]:
    """Each speaker's role, and each segment's role.

    ``speakers`` is the speaker of each segment (None when unknown); ``stated`` the roles the
    transcript states; ``evidence`` what each segment's words suggest (segment -> role -> weight,
    from the phrase groups' ``evidence``); ``cries`` the segments of witnesses by label
    (``witness_names``) that hold a cry of distress, where force may be used on the witness."""
    names = [s for s in dict.fromkeys(speakers) if s]
    totals: dict[str, dict[str, float]] = {name: {} for name in names}
    loose: dict[int, Mapping[str, float]] = {}
    for segment, weights in evidence.items():
        speaker = speakers[segment]
        if not speaker:
            loose[segment] = weights
            continue
        bucket = totals[speaker]
        for role, weight in weights.items():
            bucket[role] = bucket.get(role, 0.0) + weight

    roles: dict[str, str] = {}
    anonymous: set[str] = set()
    diarised: set[str] = set()  # speakers known only by a diarisation name, whose role comes from words
    fixed: set[str] = set()  # roles given by an override or by the transcript, never second-guessed
    for name in names:
        given = _given_role(name, stated, overrides)
        if given:
            roles[name] = given
            fixed.add(name)
            continue
        label_role, strength = labels.role_of(name)
        if label_role is not None and strength >= STRONG:
            roles[name] = label_role
            continue
        scores = dict(totals[name])
        if label_role is not None:
            scores[label_role] = scores.get(label_role, 0.0) + strength
        roles[name] = _decide(scores)
        if labels.is_anonymous(name):
            anonymous.add(name)
        elif label_role is None and _DIARISED.match(name):
            diarised.add(name)

    if "subject" not in roles.values() and "officer" in roles.values():
        partner = _conversation_partner(speakers, roles, totals, anonymous | fixed)
        if partner is not None:
            roles[partner] = "subject"
    for name in diarised:
        if roles[name] == "unknown" and _officer_voice_with_cries(name, roles, totals[name]):
            roles[name] = "officer"

    under_force = _witnesses_under_force(evidence, cries) if cries else ()
    if not anonymous and not diarised and not under_force and all(speakers):  # every segment's role is its speaker's
        return roles, list(map(roles.__getitem__, speakers))
    segment_roles = []
    for index, speaker in enumerate(speakers):
        if not speaker:
            segment_roles.append(_decide(loose.get(index, {}), unanimous=True))
        elif speaker in anonymous and index in evidence:
            own = _decide(evidence[index])
            segment_roles.append(own if own != "unknown" else roles[speaker])
        elif speaker in diarised and index in evidence:
            segment_roles.append(_own_role(evidence[index], roles[speaker]))
        elif index in under_force:
            segment_roles.append("subject")
        else:
            segment_roles.append(roles[speaker])
    return roles, segment_roles


def _witnesses_under_force(evidence: Mapping[int, Mapping[str, float]], cries: Collection[int]) -> set[int]:
    """Of the ``cries`` of witnesses by label, those whose own words all point to the subject: a
    nurse arrested for refusing a blood draw, a bystander filming who is thrown to the ground."""
    under_force = set()
    for index in cries:
        said = evidence.get(index)
        if said and said.get("subject", 0.0) >= WITNESS_UNDER_FORCE and _decide(said, unanimous=True) == "subject":
            under_force.add(index)
    return under_force


def _own_role(said: Mapping[str, float], speaker_role: str) -> str:
    """The role of a segment of a diarised speaker: the speaker's, unless the segment's own words
    point all to one other role, and strongly ("I'm not resisting! You're hurting me!" given to
    the officer's voice, as diarisation does when two people shout at once)."""
    own = _decide(said, unanimous=True)
    if own in ("unknown", speaker_role) or said[own] < OWN_EVIDENCE:
        return speaker_role
    return own


def _officer_voice_with_cries(name: str, roles: Mapping[str, str], said: Mapping[str, float]) -> bool:
    """Whether a diarised voice whose words point both ways is an officer's that took in the
    subject's cries: it gives orders and pleads in turn, and another voice is the subject's
    already (a scene has often several officers, seldom several subjects)."""
    return (said.get("officer", 0.0) >= THRESHOLD and said.get("subject", 0.0) >= THRESHOLD
            and any(role == "subject" for other, role in roles.items() if other != name))


PARTNER_TURNS = 2  # turns next to an officer's that make an unknown speaker the subject


def _conversation_partner(speakers: Sequence[str | None], roles: Mapping[str, str],
                          totals: Mapping[str, Mapping[str, float]], excluded: set[str]) -> str | None:
    """The one unknown speaker who answers the officers, when no one else is the subject: their
    words must point to no other role, and they must talk with an officer turn by turn."""
    turns: dict[str, int] = {}  # turns answering an officer
    spoken: dict[str, int] = {}  # turns of each unknown speaker
    previous = None
    for speaker in speakers:
        if speaker and speaker != previous:
            if roles[speaker] == "unknown" and speaker not in excluded:
                spoken[speaker] = spoken.get(speaker, 0) + 1
                if previous is not None and roles.get(previous) == "officer":
                    turns[speaker] = turns.get(speaker, 0) + 1
            previous = speaker
    talkers = [name for name, count in spoken.items() if count >= PARTNER_TURNS]
    if len(talkers) != 1 or turns.get(talkers[0], 0) < PARTNER_TURNS:
        return None  # nobody, or several who could be the subject: no guess
    name = talkers[0]
    if sum(w for role, w in totals[name].items() if role != "subject") >= THRESHOLD:
        return None
    return name


def _decide(scores: Mapping[str, float], *, unanimous: bool = False) -> str:
    ranked = sorted(((score, role) for role, score in scores.items() if score > 0), reverse=True)
    if not ranked or ranked[0][0] < THRESHOLD:
        return "unknown"
    if len(ranked) > 1 and (unanimous or ranked[1][0] >= ranked[0][0] * 0.75):
        return "unknown"
    return ranked[0][1]
