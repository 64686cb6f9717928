"""Why a rule fired, in plain words: "subject age 11 is under 13; location type is school".

The condition is split at its top-level ``&&`` and ``||``; each part that holds is told from
the facts it compares (their labels come from ``policy.facts``). A part too complex to put
into words is quoted as written, with the values of the facts it reads.
"""

from __future__ import annotations

import lark
from celpy import celtypes

from forcereview.policy.cel import Condition, compile_part, literal_value, path_of, unwrap
from forcereview.policy.facts import FACTS, node_at
from forcereview.policy.types import ListOf, Scalar

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_WORDS = {"<": "is under", "<=": "is at most", ">": "is over", ">=": "is at least"}
_OPS = {"relation_lt": "<", "relation_le": "<=", "relation_gt": ">", "relation_ge": ">=", "relation_eq": "==",
        "relation_ne": "!=", "relation_in": "in"}
_MISSING = object()


def explain(condition: Condition, facts: dict, scope: dict) -> list[str]:
    """The facts that made ``condition`` true, one plain sentence each."""
    out = [s for s in _explain(condition, condition.tree, facts, scope) if s]
    return list(dict.fromkeys(out)) or [f"{condition.text.strip()} holds"]


def _explain(condition: Condition, tree: lark.Tree, facts: dict, scope: dict) -> list[str | None]:
    tree = unwrap(tree)
    if tree.data == "conditionaland" and len(tree.children) == 2:
        return _explain(condition, tree.children[0], facts, scope) + _explain(condition, tree.children[1], facts, scope)
    if tree.data == "conditionalor" and len(tree.children) == 2:
        out: list[str | None] = []
        for side in tree.children:
            if _holds(condition, side, scope):
                out += _explain(condition, side, facts, scope)
        return out
    return [_sentence(condition, tree, facts)]


def _holds(condition: Condition, tree: lark.Tree, scope: dict) -> bool:
    fn = _part(condition, tree)
    result = fn(scope)
    return isinstance(result, celtypes.BoolType) and bool(result)


def _part(condition: Condition, tree: lark.Tree):
    return _compiled(condition.text, tree.meta.start_pos, tree.meta.end_pos, tree)


_PARTS: dict[tuple[str, int, int], object] = {}
_LITERALS: dict[int, tuple[lark.Tree, object]] = {}


def _literal_of(tree: lark.Tree):
    """``literal_value`` of a part of a compiled condition, worked out once per part (making
    CEL numbers is slow, and the same rules are explained for incident after incident)."""
    held = _LITERALS.get(id(tree))
    if held is not None and held[0] is tree:
        value = held[1]
    else:
        try:
            value = literal_value(tree)
        except ValueError as exc:
            value = exc
        if len(_LITERALS) > 20_000:
            _LITERALS.clear()
        _LITERALS[id(tree)] = (tree, value)  # the tree is kept, so its id is not reused
    if isinstance(value, ValueError):
        raise value
    return value


def _compiled(text: str, start: int, end: int, tree: lark.Tree):
    key = (text, start, end)
    fn = _PARTS.get(key)
    if fn is None:
        fn, _ = compile_part(text, tree, FACTS)
        if len(_PARTS) > 20_000:
            _PARTS.clear()
        _PARTS[key] = fn
    return fn


def _sentence(condition: Condition, tree: lark.Tree, facts: dict) -> str | None:
    # !fact
    if tree.data == "unary" and len(tree.children) == 2 and tree.children[0].data == "unary_not":
        path = path_of(tree.children[1])
        node = node_at(path) if path else None
        if isinstance(node, Scalar) and node.kind == "bool":
            return node.false_text
    path = path_of(tree)
    if path is not None:
        node = node_at(path)
        if isinstance(node, Scalar) and node.kind == "bool":
            return node.true_text
    if tree.data == "relation" and len(tree.children) == 2:
        sentence = _relation(tree, facts)
        if sentence is not _MISSING:
            return sentence
    return _fallback(condition, tree, facts)


def _relation(tree: lark.Tree, facts: dict):
    op_tree, right = tree.children
    left = op_tree.children[0]
    op = _OPS[op_tree.data]
    if op == "in":
        return _membership(left, right, facts)
    left_path, right_path = path_of(left), path_of(right)
    if left_path and not right_path:
        path, other = left_path, right
    elif right_path and not left_path:
        path, other, op = right_path, left, _FLIP[op]
    else:
        return _MISSING
    try:
        literal = _literal_of(other)
    except ValueError:
        return _MISSING
    node = node_at(path)
    if not isinstance(node, Scalar):
        return _MISSING
    value = lookup(facts, path)
    label = node.label or path
    if literal is None:
        return None if op == "!=" else f"{label} is not recorded"
    if node.kind == "bool":
        return node.true_text if bool(literal) == (op == "==") else node.false_text
    if node.kind == "int":
        if (op in {">", "!="} and literal == 0) or (op == ">=" and literal == 1):
            return f"{label}: {readable(value)}"
        if op == "==":
            return f"{label} is {readable(value)}"
        if op == "!=":
            return f"{label} is {readable(value)}, not {readable(literal)}"
        return f"{label} {readable(value)} {_WORDS[op]} {readable(literal)}"
    if op == "==":
        return f"{label} is {readable(value)}"
    if op == "!=":
        return f"{label} is {readable(value)}, not {readable(literal)}"
    return f"{label} {readable(value)} {_WORDS[op]} {readable(literal)}"


def _membership(left: lark.Tree, right: lark.Tree, facts: dict):
    right_path, left_path = path_of(right), path_of(left)
    if right_path:
        node = node_at(right_path)
        try:
            item = _literal_of(left)
        except ValueError:
            return _MISSING
        if isinstance(node, ListOf):
            return f"{node.label or right_path} include {readable(item)}"
    if left_path:
        node = node_at(left_path)
        try:
            options = _literal_of(right)
        except ValueError:
            return _MISSING
        if isinstance(node, Scalar):
            value = lookup(facts, left_path)
            return f"{node.label or left_path} is {readable(value)} (one of {readable(list(options))})"
    return _MISSING


def _fallback(condition: Condition, tree: lark.Tree, facts: dict) -> str:
    source = " ".join(condition.source(tree).split()) or condition.text.strip()
    values = []
    for path in condition.paths:
        if path.split(".")[0] in FACTS.fields and path in source:
            node = node_at(path)
            if isinstance(node, Scalar) or (isinstance(node, ListOf) and isinstance(node.item, Scalar)):
                values.append(f"{node.label or path}: {readable(lookup(facts, path))}")
    return f"{source} holds" + (f" ({'; '.join(values)})" if values else "")


def lookup(facts: dict, path: str):
    value = facts
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


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
