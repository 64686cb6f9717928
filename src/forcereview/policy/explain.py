"""Why a rule fired, in plain words: "subject age 11 is under 13; location type is school".

The condition is split at its top-level ``&&`` and ``||``; each part that holds is told from
the facts it compares (their labels come from ``policy.facts``). A part too complex to put
into words is quoted as written, with the values of the facts it reads.
"""

from __future__ import annotations

from collections.abc import Callable

import lark

from forcereview.policy import plain
from forcereview.policy.cel import Condition, compile_part, literal_value, path_of, unwrap
from forcereview.policy.facts import FACTS, node_at
from forcereview.policy.types import ListOf, Scalar

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_WORDS = {"<": "is under", "<=": "is at most", ">": "is over", ">=": "is at least"}
_OPS = {"relation_lt": "<", "relation_le": "<=", "relation_gt": ">", "relation_ge": ">=", "relation_eq": "==",
        "relation_ne": "!=", "relation_in": "in"}
_MISSING = object()


Sentences = Callable[[dict], list]


def explain(condition: Condition, facts: dict) -> list[str]:
    """The facts that made ``condition`` true, one plain sentence each."""
    out = [s for s in _plan(condition)(facts) if s]
    return list(dict.fromkeys(out)) or [f"{condition.text.strip()} holds"]


_PLANS: dict[int, tuple[Condition, Sentences]] = {}


def _plan(condition: Condition) -> Sentences:
    """What to say for ``condition``, worked out once per condition: which parts to tell, and
    for each its sentence with only the facts' values left to fill in (the same rules are
    explained for incident after incident)."""
    held = _PLANS.get(id(condition))
    if held is None or held[0] is not condition:
        if len(_PLANS) > 5_000:
            _PLANS.clear()
        held = _PLANS[id(condition)] = (condition, _parts(condition, condition.tree))  # kept, so its id is not reused
    return held[1]


def _parts(condition: Condition, tree: lark.Tree) -> Sentences:
    tree = unwrap(tree)
    if tree.data == "conditionaland" and len(tree.children) == 2:
        left, right = (_parts(condition, side) for side in tree.children)
        return lambda facts: left(facts) + right(facts)
    if tree.data == "conditionalor" and len(tree.children) == 2:
        sides = [(_holds(condition, side), _parts(condition, side)) for side in tree.children]

        def held(facts):
            out: list[str | None] = []
            for holds, told in sides:
                if holds(facts) is True:
                    out += told(facts)
            return out

        return held
    sentence = _sentence(condition, tree)
    return lambda facts: [sentence(facts)]


def _holds(condition: Condition, tree: lark.Tree):
    """Whether one side of an ``||`` holds, on the plain facts."""
    reference, _ = compile_part(condition.text, tree, FACTS)
    return plain.compile_tree(condition.text, tree, reference)


def _constant(text: str | None):
    return lambda facts: text


def _sentence(condition: Condition, tree: lark.Tree):
    # !fact
    if tree.data == "unary" and len(tree.children) == 2 and tree.children[0].data == "unary_not":
        path = path_of(tree.children[1])
        node = node_at(path) if path else None
        if isinstance(node, Scalar) and node.kind == "bool":
            return _constant(node.false_text)
    path = path_of(tree)
    if path is not None:
        node = node_at(path)
        if isinstance(node, Scalar) and node.kind == "bool":
            return _constant(node.true_text)
    if tree.data == "relation" and len(tree.children) == 2:
        sentence = _relation(tree)
        if sentence is not _MISSING:
            return sentence
    return _fallback(condition, tree)


def _relation(tree: lark.Tree):
    op_tree, right = tree.children
    left = op_tree.children[0]
    op = _OPS[op_tree.data]
    if op == "in":
        return _membership(left, right)
    left_path, right_path = path_of(left), path_of(right)
    if left_path and not right_path:
        path, other = left_path, right
    elif right_path and not left_path:
        path, other, op = right_path, left, _FLIP[op]
    else:
        return _MISSING
    try:
        literal = literal_value(other)
    except ValueError:
        return _MISSING
    node = node_at(path)
    if not isinstance(node, Scalar):
        return _MISSING
    parts = tuple(path.split("."))
    label = node.label or path
    if literal is None:
        return _constant(None if op == "!=" else f"{label} is not recorded")
    if node.kind == "bool":
        return _constant(node.true_text if bool(literal) == (op == "==") else node.false_text)
    limit = readable(literal)
    if node.kind == "int" and ((op in {">", "!="} and literal == 0) or (op == ">=" and literal == 1)):
        return lambda facts: f"{label}: {readable(_lookup(facts, parts))}"
    if op == "==":
        return lambda facts: f"{label} is {readable(_lookup(facts, parts))}"
    if op == "!=":
        return lambda facts: f"{label} is {readable(_lookup(facts, parts))}, not {limit}"
    words = _WORDS[op]
    return lambda facts: f"{label} {readable(_lookup(facts, parts))} {words} {limit}"


def _membership(left: lark.Tree, right: lark.Tree):
    right_path, left_path = path_of(right), path_of(left)
    if right_path:
        node = node_at(right_path)
        try:
            item = literal_value(left)
        except ValueError:
            return _MISSING
        if isinstance(node, ListOf):
            return _constant(f"{node.label or right_path} include {readable(item)}")
    if left_path:
        node = node_at(left_path)
        try:
            options = literal_value(right)
        except ValueError:
            return _MISSING
        if isinstance(node, Scalar):
            label, parts, choices = node.label or left_path, tuple(left_path.split(".")), readable(list(options))
            return lambda facts: f"{label} is {readable(_lookup(facts, parts))} (one of {choices})"
    return _MISSING


def _fallback(condition: Condition, tree: lark.Tree):
    source = " ".join(condition.source(tree).split()) or condition.text.strip()
    shown = []
    for path in condition.paths:
        if path.split(".")[0] in FACTS.fields and path in source:
            node = node_at(path)
            if isinstance(node, Scalar) or (isinstance(node, ListOf) and isinstance(node.item, Scalar)):
                shown.append((node.label or path, tuple(path.split("."))))
    if not shown:
        return _constant(f"{source} holds")
    return lambda facts: f"{source} holds ({'; '.join(f'{label}: {readable(_lookup(facts, parts))}' for label, parts in shown)})"


def _lookup(facts: dict, parts: tuple[str, ...]):
    value = facts
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def lookup(facts: dict, path: str):
    return _lookup(facts, tuple(path.split(".")))


def readable(value) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(readable(v) for v in value) if value else "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("_", " ")
