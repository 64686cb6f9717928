"""The facts and actions a policy can use, as Markdown (``docs/policy.md`` and
``forcereview policy facts`` print the same text; a test keeps them in step)."""

from __future__ import annotations

from forcereview.engine.model import CATEGORIES, ROLES
from forcereview.policy.actions import SPECS
from forcereview.policy.facts import FACTS
from forcereview.policy.types import ListOf, Record, Scalar, string_values, walk

_KINDS = {"int": "whole number", "bool": "true/false", "string": "word", "double": "decimal number"}


def _kind(node) -> str:
    if isinstance(node, Record):
        return "group"
    if isinstance(node, ListOf):
        return "list of words" if isinstance(node.item, Scalar) else "list"
    return _KINDS[node.kind] + (" or null" if node.nullable else "")


def _describe(node) -> str:
    text = node.help or (node.true_text if isinstance(node, Scalar) and node.true_text else "") or node.label
    text = text[0].upper() + text[1:] if text else ""
    text = text.rstrip(".") + "." if text else ""
    values = string_values(node)
    if values:
        text += " Values: " + ", ".join(f"`{v}`" for v in values) + "."
    return text


def facts_markdown() -> str:
    rows = ["| Fact | Kind | Meaning |", "|---|---|---|"]
    for path, node in walk(FACTS):
        if path.startswith("signals_by_role."):
            continue
        if path.startswith("signals.") and path != f"signals.{CATEGORIES[0]}":
            continue
        if path == f"signals.{CATEGORIES[0]}":
            path, node = "signals.CATEGORY", Scalar("int", "", help="Signals of that category in all the recordings")
        rows.append(f"| `{path}` | {_kind(node)} | {_describe(node)} |")
        if path == "signals.CATEGORY":
            rows.append(
                "| `signals_by_role.ROLE.CATEGORY` | whole number | Signals of that category said by a speaker "
                "of that role. |"
            )
    rows.append("")
    rows.append("CATEGORY is one of " + ", ".join(f"`{c}`" for c in CATEGORIES) + "; ROLE is one of "
                + ", ".join(f"`{r}`" for r in ROLES) + ".")
    return "\n".join(rows) + "\n"


def actions_markdown() -> str:
    rows = ["| Action | Settings (default) | Written as |", "|---|---|---|"]
    for spec in SPECS.values():
        settings = ", ".join(
            f"`{p.name}`" + (f" ({p.default})" if p.default is not None else " (required)")
            + (f": {' / '.join(p.choices)}" if p.choices else "")
            for p in spec.params
        ) or "none"
        example = f"`{spec.name}`" if not spec.params else f"`{spec.name}: {{{', '.join(f'{p.name}: ...' for p in spec.params)}}}`"
        if spec.main:
            example += f" or `{spec.name}: <{spec.main}>`"
        rows.append(f"| {spec.title} | {settings} | {example} |")
    return "\n".join(rows) + "\n"
