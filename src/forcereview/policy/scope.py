"""Facts (plain Python values) as the CEL values a compiled condition reads.

cel-python's own ``json_to_cel`` range-checks every integer through a decorator and takes
about half of an evaluation's time; facts are made by ``build_facts`` (small whole numbers,
words, true/false, lists and maps), so this converter builds the same CEL values directly,
reusing the values that recur (small numbers, true and false).
"""

from __future__ import annotations

from celpy import celtypes

_TRUE, _FALSE = celtypes.BoolType(True), celtypes.BoolType(False)
_INTS = {n: celtypes.IntType(n) for n in range(-1, 1025)}
_STRINGS: dict[str, celtypes.StringType] = {}
_set = dict.__setitem__


def _cel(value):
    kind = type(value)
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        cached = _INTS.get(value)
        return cached if cached is not None else celtypes.IntType(value)
    if kind is str:
        cached = _STRINGS.get(value)
        if cached is None:
            cached = celtypes.StringType(value)
            if len(_STRINGS) < 10_000:
                _STRINGS[value] = cached
        return cached
    if kind is dict:
        out = celtypes.MapType()
        for key, item in value.items():
            _set(out, _cel(key), _cel(item))
        return out
    if kind is list or kind is tuple:
        return celtypes.ListType([_cel(item) for item in value])
    if value is None:
        return None
    if kind is float:
        return celtypes.DoubleType(value)
    raise TypeError(f"a fact cannot be {kind.__name__}: {value!r}")


def to_scope(facts: dict, names=None) -> dict:
    """The variables of a condition: each top-level fact (or those in ``names``, the facts a
    policy reads), converted to CEL types once."""
    if names is None:
        return {key: _cel(value) for key, value in facts.items()}
    return {key: _cel(value) for key, value in facts.items() if key in names}
