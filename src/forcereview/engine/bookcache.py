"""A cache of the compiled phrasebook, so `forcereview analyze` starts without re-reading YAML
and re-building the trie (about half of its start-up CPU).

The cache is a JSON file (no code is ever loaded from it) in ``$XDG_CACHE_HOME/forcereview``
(``~/.cache/forcereview``), named by the SHA-256 of the exact bytes of every data file used, so
an edited file is never served from an old cache. It is written only after the files validated
and compiled, atomically, and only into a folder that belongs to the current user and that no
one else can write; anything unexpected (no home, a read-only disk, a damaged file) just means
compiling as before.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

from .phrasebook import ACCEPT, Entry, Group, Trie

FORMAT = 1


def cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache"))
    if not base or base.startswith("~"):
        return None
    return Path(base) / "forcereview"


def _safe_folder(folder: Path, *, create: bool) -> bool:
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cache_path(digest: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"phrasebook-{FORMAT}-{digest}.json"


def load(digest: str) -> dict | None:
    """The cached compiled data for ``digest``, or None."""
    path = cache_path(digest)
    if path is None or not _safe_folder(path.parent, create=False):
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("digest") != digest:
        return None
    return data


def save(digest: str, merged: dict, origin: dict, files: tuple[str, ...], words: Trie, events: Trie) -> None:
    path = cache_path(digest)
    if path is None or not _safe_folder(path.parent, create=True):
        return
    data = {"format": FORMAT, "digest": digest, "merged": merged, "origin": origin, "files": list(files),
            "words": _encode(words), "events": _encode(events)}
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(prefix=".phrasebook-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
        _prune(path.parent)
    except (OSError, TypeError, ValueError):
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


KEEP = 8  # cached phrasebooks kept (one per set of data files in use)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("phrasebook-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def _encode(trie: Trie) -> dict:
    """Nodes as a list (shared nodes once), edges by node number, entries by (group, phrase)."""
    numbers: dict[int, int] = {}
    order: list[dict] = []
    stack = [trie.root]
    while stack:
        node = stack.pop()
        if id(node) in numbers:
            continue
        numbers[id(node)] = len(order)
        order.append(node)
        stack.extend(child for key, child in node.items() if key != ACCEPT)
    nodes = []
    for node in order:
        edges = {key: numbers[id(child)] for key, child in node.items() if key != ACCEPT}
        entries = [[e.group.name, e.phrase] for e in node.get(ACCEPT, ())]
        nodes.append([edges, entries] if entries else [edges])
    return {"size": trie.size, "nodes": nodes}


def decode(data: dict, groups: dict[str, Group]) -> Trie:
    trie = Trie()
    raw = data["nodes"]
    nodes = [{} for _ in raw]
    entries: dict[tuple[str, str], Entry] = {}
    for node, item in zip(nodes, raw):
        for key, number in item[0].items():
            node[key] = nodes[number]
        if len(item) > 1:
            accepted = []
            for name, phrase in item[1]:
                entry = entries.get((name, phrase))
                if entry is None:
                    entry = entries[(name, phrase)] = Entry(groups[name], phrase)
                accepted.append(entry)
            node[ACCEPT] = tuple(accepted)
    trie.root = nodes[0] if nodes else {}
    trie.size = int(data.get("size", 0))
    return trie
