"""Reading and validating the engine's data files (phrases, speaker labels, risk weights).

The built-in files live in ``engine/data/``. An agency extends them without touching code:
files named by ``FORCEREVIEW_PHRASES_DIR`` (a folder of ``*.yaml``/``*.yml``/``*.json`` files,
read in name order, or one file) and by ``forcereview analyze --phrases FILE`` are merged on top.
Each file is a mapping with any of the top-level keys in ``TOP_LEVEL``. Errors name the file
and the key, e.g. ``agency.yaml: groups.force_command.roles: unknown role 'cop'``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import DataFileError
from .model import CATEGORIES, ROLES

ENV_VAR = "FORCEREVIEW_PHRASES_DIR"
DATA_DIR = Path(__file__).with_name("data")
BUILTIN_FILES = ("phrases.yaml", "labels.yaml", "risk.yaml")
TOP_LEVEL = ("variants", "negation", "groups", "labels", "risk")

GROUP_FIELDS = {
    "category", "phrases", "exclude", "source", "roles", "weight", "tags", "negatable",
    "questions", "reported", "generic", "evidence", "explanation", "unless_next", "unless_previous", "mask",
    "min_repeats",
}
NEGATION_FIELDS = {"negators", "skip", "no_followers", "window", "reporting_verbs", "reporting_subjects",
                   "generic_referents", "generic_links", "specific_before"}
LABEL_FIELDS = {"strong", "weak"}
LABEL_ROLES = set(ROLES) | {"none", "anonymous"}


def read_document(path: Path) -> dict:
    """One data file as a mapping; YAML or JSON by its suffix."""
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError("file not found", path=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read: {exc}", path=name) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(raw, Loader=loader)  # noqa: S506 (a safe loader)
    except Exception as exc:  # yaml.YAMLError, json.JSONDecodeError
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        if isinstance(exc, json.JSONDecodeError):
            line = f" (line {exc.lineno})"
        raise DataFileError(f"not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}{line}: "
                            f"{getattr(exc, 'problem', None) or exc}", path=name) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataFileError("the file must hold a mapping with keys such as 'groups'", path=name)
    unknown = sorted(set(data) - set(TOP_LEVEL))
    if unknown:
        raise DataFileError(f"unknown key (expected one of {', '.join(TOP_LEVEL)})", path=name, key=str(unknown[0]))
    return data


def extension_paths(env: Mapping[str, str] | None = None) -> list[Path]:
    """The files named by ``FORCEREVIEW_PHRASES_DIR``, in the order they are merged."""
    value = (os.environ if env is None else env).get(ENV_VAR, "").strip()
    if not value:
        return []
    path = Path(value)
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.suffix.lower() in {".yaml", ".yml", ".json"} and p.is_file() and not p.name.startswith("."))
    if path.is_file():
        return [path]
    raise DataFileError(f"{ENV_VAR} names {value!r}, which is neither a folder nor a file", path=value)


def merge_documents(documents: Iterable[tuple[str, dict]]) -> tuple[dict, dict[str, str]]:
    """Built-in and agency documents merged into one configuration.

    Returns the configuration and, for each group, the file that last changed it (for errors)."""
    merged: dict[str, Any] = {"variants": {}, "negation": {}, "groups": {}, "labels": {}, "risk": {}}
    origin: dict[str, str] = {}
    for name, doc in documents:
        for key, value in doc.items():
            _merge_section(merged, key, value, name, origin)
    return merged, origin


def _merge_section(merged: dict, key: str, value: Any, name: str, origin: dict[str, str]) -> None:
    if not isinstance(value, dict):
        raise DataFileError("must be a mapping", path=name, key=key)
    if key == "variants":
        for word, forms in value.items():
            forms = _str_list(forms, name, f"variants.{word}")
            merged["variants"].setdefault(str(word), []).extend(forms)
    elif key == "negation":
        for field, item in value.items():
            where = f"negation.{field}"
            if field not in NEGATION_FIELDS:
                raise DataFileError(f"unknown field (expected one of {', '.join(sorted(NEGATION_FIELDS))})",
                                    path=name, key=where)
            if field == "window":
                merged["negation"]["window"] = _number(item, name, where, low=0, high=20)
            else:
                merged["negation"].setdefault(field, []).extend(_str_list(item, name, where))
    elif key == "groups":
        for group_name, spec in value.items():
            _merge_group(merged["groups"], str(group_name), spec, name)
            origin[str(group_name)] = name
    elif key == "labels":
        for role, spec in value.items():
            where = f"labels.{role}"
            if role not in LABEL_ROLES:
                raise DataFileError(f"unknown role (expected one of {', '.join(sorted(LABEL_ROLES))})",
                                    path=name, key=where)
            if not isinstance(spec, dict):
                raise DataFileError("must be a mapping with 'strong' and/or 'weak' lists", path=name, key=where)
            for strength, words in spec.items():
                if strength not in LABEL_FIELDS:
                    raise DataFileError("unknown field (expected strong or weak)", path=name, key=f"{where}.{strength}")
                merged["labels"].setdefault(role, {}).setdefault(strength, []).extend(
                    _str_list(words, name, f"{where}.{strength}"))
    elif key == "risk":
        _merge_risk(merged["risk"], value, name, "risk")
        origin["risk"] = name


def _merge_group(groups: dict, group_name: str, spec: Any, name: str) -> None:
    where = f"groups.{group_name}"
    if not isinstance(spec, dict):
        raise DataFileError("must be a mapping with at least 'phrases'", path=name, key=where)
    unknown = sorted(set(spec) - GROUP_FIELDS)
    if unknown:
        raise DataFileError(f"unknown field (expected one of {', '.join(sorted(GROUP_FIELDS))})",
                            path=name, key=f"{where}.{unknown[0]}")
    current = groups.get(group_name)
    if current is None:
        if "phrases" not in spec:
            raise DataFileError("a new group needs 'phrases'", path=name, key=where)
        if "category" not in spec and "evidence" not in spec and spec.get("mask", False) is False:
            raise DataFileError("a new group needs a 'category' (or 'evidence' for speaker roles, or 'mask')",
                                path=name, key=where)
        current = groups[group_name] = {"phrases": []}
    for field, item in spec.items():
        key = f"{where}.{field}"
        if field == "phrases":
            current["phrases"].extend(_str_list(item, name, key))
        elif field == "exclude":
            drop = set(_str_list(item, name, key))
            current["phrases"] = [p for p in current["phrases"] if p not in drop]
        elif field == "category":
            if item is not None:
                _check_category(item, name, key)
            current[field] = item
        elif field == "source":
            if item not in ("words", "events"):
                raise DataFileError("must be 'words' or 'events'", path=name, key=key)
            current[field] = item
        elif field == "roles":
            roles = _str_list(item, name, key)
            for role in roles:
                if role not in ROLES:
                    raise DataFileError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})",
                                        path=name, key=key)
            current[field] = roles
        elif field == "weight":
            current[field] = _number(item, name, key, low=0, high=10)
        elif field == "min_repeats":
            if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 10:
                raise DataFileError("must be a whole number from 1 to 10", path=name, key=key)
            current[field] = item
        elif field in ("tags", "unless_next", "unless_previous"):
            current[field] = _str_list(item, name, key)
        elif field == "mask":
            if not isinstance(item, bool) and not (isinstance(item, list) and item):
                raise DataFileError("must be true, false or a list of the categories it hides", path=name, key=key)
            for category in _str_list(item, name, key) if isinstance(item, list) else ():
                _check_category(category, name, key)
            current[field] = item
        elif field == "negatable":
            if not isinstance(item, bool):
                raise DataFileError("must be true or false", path=name, key=key)
            current[field] = item
        elif field in ("questions", "reported", "generic"):
            if item not in ("keep", "weak", "drop"):
                raise DataFileError("must be keep, weak or drop", path=name, key=key)
            current[field] = item
        elif field == "evidence":
            current[field] = _evidence(item, name, key)
        elif field == "explanation":
            if not isinstance(item, str) or not item.strip():
                raise DataFileError("must be a sentence", path=name, key=key)
            current[field] = item.strip()


def _check_category(item: Any, name: str, key: str) -> None:
    if item not in CATEGORIES:
        raise DataFileError(f"unknown category {item!r} (expected one of {', '.join(CATEGORIES)})", path=name, key=key)


def _evidence(item: Any, name: str, key: str) -> dict[str, float]:
    if isinstance(item, str):
        item = {item: 1.0}
    if not isinstance(item, dict):
        raise DataFileError("must be a role or a mapping role -> weight", path=name, key=key)
    out = {}
    for role, weight in item.items():
        if role not in ROLES:
            raise DataFileError(f"unknown role {role!r}", path=name, key=key)
        out[role] = _number(weight, name, f"{key}.{role}", low=0, high=10)
    return out


def _merge_risk(target: dict, value: dict, name: str, where: str) -> None:
    for key, item in value.items():
        path = f"{where}.{key}"
        if isinstance(item, dict):
            _merge_risk(target.setdefault(key, {}), item, name, path)
        else:
            if isinstance(target.get(key), dict):
                raise DataFileError("must be a mapping", path=name, key=path)
            target[key] = item


def _str_list(item: Any, name: str, key: str) -> list[str]:
    if isinstance(item, str):
        item = [item]
    if isinstance(item, list) and any(isinstance(x, bool) for x in item):
        # YAML reads a bare on, off, yes, no, true or false as a truth value, not as the word
        raise DataFileError("must be a list of words or phrases; put quotes around a word such as \"on\", "
                            "\"off\", \"yes\" or \"no\", which YAML otherwise reads as true or false",
                            path=name, key=key)
    if not isinstance(item, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in item):
        raise DataFileError("must be a list of words or phrases", path=name, key=key)
    return [str(x) for x in item]


def _number(item: Any, name: str, key: str, *, low: float, high: float) -> float:
    if isinstance(item, bool) or not isinstance(item, (int, float)) or not (low <= item <= high):
        raise DataFileError(f"must be a number from {low:g} to {high:g}", path=name, key=key)
    return float(item)
