"""Settings read from the environment.

Every setting a deployment may change is declared once in ``SETTINGS`` with its default and
help text; ``docs/settings.md`` documents each one and a test fails when one is missing.
The helpers refuse a malformed value loudly instead of guessing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


class ImproperSetting(ValueError):
    pass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {}


def declare(name: str, default: str, help: str) -> Setting:
    setting = Setting(name, default, help)
    SETTINGS[name] = setting
    return setting


def envstr(name: str, default: str = "", help: str = "") -> str:
    declare(name, default, help)
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False, help: str = "") -> bool:
    declare(name, "true" if default else "false", help)
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperSetting(f"{name}={raw!r} is not a boolean (use true or false)")


def envint(name: str, default: int, help: str = "") -> int:
    declare(name, str(default), help)
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperSetting(f"{name}={raw!r} is not a whole number") from None
