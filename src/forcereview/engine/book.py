"""The phrasebook: every data file merged, validated and compiled once.

``default_phrasebook()`` is the built-in data plus the files named by
``FORCEREVIEW_PHRASES_DIR``; it is built on first use and kept for the life of the process.
``load_phrasebook(extra)`` builds one with further files (``--phrases FILE``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import datafiles
from .errors import DataFileError
from .model import ROLES
from .phrasebook import Group, Trie, compile_groups
from .text import normalize


@dataclass(frozen=True, slots=True)
class Negation:
    window: int
    negators: frozenset[str]
    no_followers: frozenset[str]
    skip: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_subjects: frozenset[str]
    generic_referents: frozenset[str] = frozenset()
    generic_links: frozenset[str] = frozenset()
    specific_before: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Phrasebook:
    groups: Mapping[str, Group]
    words: Trie
    events: Trie
    negation: Negation
    labels: object  # roles.LabelIndex
    risk: object  # risk.RiskWeights
    files: tuple[str, ...]
    digest: str  # sha256 of the data files' bytes, recorded with every analysis


def load_phrasebook(extra: Iterable[str | os.PathLike] = (), *, env: Mapping[str, str] | None = None,
                    cache: bool = True) -> Phrasebook:
    """Built-in data, then ``FORCEREVIEW_PHRASES_DIR``, then ``extra`` files, merged and compiled
    (or read back compiled from the cache, see ``bookcache``)."""
    from . import bookcache

    paths: list[Path] = [datafiles.DATA_DIR / name for name in datafiles.BUILTIN_FILES]
    paths += datafiles.extension_paths(env)
    paths += [Path(p) for p in extra]
    names = [str(path) if path.parent != datafiles.DATA_DIR else path.name for path in paths]
    digest = hashlib.sha256()
    for path, name in zip(paths, names):
        try:
            digest.update(path.read_bytes())
        except FileNotFoundError:
            raise DataFileError("file not found", path=name) from None
        except OSError as exc:
            raise DataFileError(f"cannot read: {exc}", path=name) from None
    data_digest = digest.hexdigest()
    key = hashlib.sha256((data_digest + "\0".join(names) + _code_digest()).encode()).hexdigest()
    cached = bookcache.load(key) if cache else None
    if cached is not None:
        try:
            return _assemble(cached["merged"], cached["origin"], tuple(cached["files"]), data_digest[:16],
                             tries=cached)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, DataFileError):
            pass  # a damaged cache: compile as usual
    documents = [(name, datafiles.read_document(path)) for path, name in zip(paths, names)]
    merged, origin = datafiles.merge_documents(documents)
    book = _assemble(merged, origin, tuple(names), data_digest[:16])
    if cache:
        bookcache.save(key, merged, origin, book.files, book.words, book.events)
    return book


def _assemble(merged: dict, origin: dict, files: tuple[str, ...], digest: str, tries: dict | None = None) -> Phrasebook:
    from . import bookcache
    from .risk import RiskWeights
    from .roles import LabelIndex

    groups = {name: _group(name, spec, origin.get(name)) for name, spec in merged["groups"].items()}
    if tries is None:
        variants = {word: [tuple(normalize(form)) for form in forms if normalize(form)]
                    for word, forms in merged["variants"].items()}
        variants = {normalize(word)[0]: forms for word, forms in variants.items() if normalize(word)}
        words, events = compile_groups(groups.values(), variants, origin)
    else:
        words, events = bookcache.decode(tries["words"], groups), bookcache.decode(tries["events"], groups)
    return Phrasebook(
        groups=groups,
        words=words,
        events=events,
        negation=_negation(merged["negation"]),
        labels=LabelIndex.from_config(merged["labels"]),
        risk=RiskWeights.from_config(merged["risk"], origin.get("risk", "risk.yaml")),
        files=files,
        digest=digest,
    )


_CODE_DIGEST: list[str] = []


def _code_digest() -> str:
    """A fingerprint of the code that turns data files into tries: a change to it invalidates caches."""
    if not _CODE_DIGEST:
        here = Path(__file__).parent
        digest = hashlib.sha256()
        for name in ("text.py", "phrasebook.py", "book.py", "datafiles.py", "bookcache.py"):
            digest.update((here / name).read_bytes())
        _CODE_DIGEST.append(digest.hexdigest())
    return _CODE_DIGEST[0]


def _group(name: str, spec: dict, path: str | None) -> Group:
    phrases = tuple(spec.get("phrases", ()))
    if not phrases:
        raise DataFileError("has no phrases left", path=path, key=f"groups.{name}")
    category = spec.get("category")
    return Group(
        name=name,
        category=category,
        phrases=phrases,
        source=spec.get("source", "words"),
        roles=frozenset(spec.get("roles", ROLES)),
        weight=float(spec.get("weight", 1.0)),
        tags=tuple(spec.get("tags", ())),
        negatable=bool(spec.get("negatable", True)),
        questions=spec.get("questions", "keep"),
        reported=spec.get("reported", "drop"),
        generic=spec.get("generic", "keep"),
        evidence=dict(spec.get("evidence", {})),
        explanation=spec.get("explanation") or f"Matched the phrase group {name!r}.",
        unless_next=frozenset(t for w in spec.get("unless_next", ()) for t in normalize(w)),
        unless_previous=frozenset(t for w in spec.get("unless_previous", ()) for t in normalize(w)),
        mask=bool(spec.get("mask", False)),
        hides=frozenset(spec["mask"]) if isinstance(spec.get("mask"), list) else frozenset(),
        min_repeats=int(spec.get("min_repeats", 1)),
    )


def _negation(spec: dict) -> Negation:
    def words(key: str) -> frozenset[str]:
        return frozenset(t for w in spec.get(key, ()) for t in normalize(w))

    return Negation(
        window=int(spec.get("window", 4)),
        negators=words("negators"),
        no_followers=words("no_followers"),
        skip=words("skip"),
        reporting_verbs=words("reporting_verbs"),
        reporting_subjects=words("reporting_subjects"),
        generic_referents=words("generic_referents"),
        generic_links=words("generic_links"),
        specific_before=words("specific_before"),
    )


_DEFAULT: dict[str, Phrasebook] = {}


def default_phrasebook() -> Phrasebook:
    """The built-in phrasebook plus ``FORCEREVIEW_PHRASES_DIR``, built once per process."""
    key = os.environ.get(datafiles.ENV_VAR, "")
    book = _DEFAULT.get(key)
    if book is None:
        book = _DEFAULT[key] = load_phrasebook()
    return book


def phrasebook_for(extra: Sequence[str | os.PathLike]) -> Phrasebook:
    return load_phrasebook(extra) if extra else default_phrasebook()
