"""Where the system tools live. Looked up on every call so a test can take one away."""

from __future__ import annotations

import shutil

from .errors import ToolMissing


def find(tool: str) -> str | None:
    return shutil.which(tool)


def need(tool: str, path=None, why: str = "") -> str:
    found = find(tool)
    if found is None:
        raise ToolMissing(tool, path, why)
    return found
