"""The shapes of facts a policy condition can read, so a condition is checked when it is
loaded (an unknown fact name or a misspelt value is refused then, not silently false later)
and so the facts that made a rule fire can be told in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scalar:
    """A single value: ``kind`` is int, bool, string or double. ``values`` lists the codes a
    string may take (its vocabulary), when it has one."""

    kind: str
    label: str
    help: str = ""
    values: tuple[str, ...] | None = None
    nullable: bool = False
    # For booleans: how the fact reads when it is true (and when it is false).
    true_text: str = ""
    false_text: str = ""


@dataclass(frozen=True)
class ListOf:
    item: "Node"
    label: str
    help: str = ""


@dataclass(frozen=True)
class Record:
    """A map with known keys. ``fields`` is ordered as the documentation shows it."""

    fields: dict[str, "Node"] = field(default_factory=dict)
    label: str = ""
    help: str = ""


Node = Scalar | ListOf | Record


def string_values(node: Node) -> tuple[str, ...] | None:
    """The vocabulary of a string fact, or of the items of a list of strings."""
    if isinstance(node, Scalar) and node.kind == "string":
        return node.values
    if isinstance(node, ListOf) and isinstance(node.item, Scalar) and node.item.kind == "string":
        return node.item.values
    return None


def walk(node: Node, prefix: str = ""):
    """Every (path, node) below ``node``, depth first, in documentation order."""
    if isinstance(node, Record):
        for name, child in node.fields.items():
            path = f"{prefix}.{name}" if prefix else name
            yield path, child
            yield from walk(child, path)
    elif isinstance(node, ListOf) and isinstance(node.item, Record):
        yield from walk(node.item, prefix + "[]")
