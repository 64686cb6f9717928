"""Conditions run on the plain facts (``build_facts``'s dicts, lists, words, whole numbers,
true/false and null) without converting them to cel-python's value types first.

``cel.compile_condition`` checks a condition and compiles it into closures over CEL values;
that is the reference for what a condition means. Re-evaluating every incident after a policy
change runs each condition on each incident, and converting every incident's facts into CEL
values and going through cel-python's typed operators is most of that time. So each checked
condition is also compiled here, node for node, into closures over the plain values:

- the common cases are done with Python's own operators, only where they give what CEL
  gives: a comparison of two whole numbers, equality of two words, a word in a list of words,
  ``&&``/``||``/``!`` on true and false, a field read from a map, ``has``, ``size`` of a list;
- every other case of a node (an error value, null, mixed kinds, arithmetic, a method, an
  index) converts its operands to CEL values and calls the very operator ``cel`` uses, then
  converts the result back. Errors are CEL's error values with the same messages.
- a kind of node this module does not know runs its whole condition through ``cel``.

The two mappings (``to_cel``/``to_plain``) are inverse on the plain kinds, so a result here
is always ``to_plain`` of the CEL result: tests/policy/test_plain_conditions.py checks every
condition of the default policy and of the documentation on generated facts. Nothing is
handed to ``eval``/``exec``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import celpy.evaluation as celeval
import lark
from celpy import celtypes
from celpy.evaluation import CELEvalError

from forcereview.policy import cel
from forcereview.policy.cel import _CAUGHT, _equal, _error, _literal, _not_equal, _runtime_kind

Closure = Callable[[dict], object]

_TO_CEL_INTS = {n: celtypes.IntType(n) for n in range(-1, 1025)}
_TRUE, _FALSE = celtypes.BoolType(True), celtypes.BoolType(False)
_COMPARE = {"relation_lt": operator.lt, "relation_le": operator.le, "relation_gt": operator.gt,
            "relation_ge": operator.ge}


class Unsupported(Exception):
    """A kind of node compiled only by ``cel``."""


class _Raw:
    """A value a cel-python operator gave as a Python value rather than a CEL one (``1.5 * 2``
    gives a ``float``, ``[1] + [2]`` a ``list``). CEL treats those apart from the CEL values
    that plain values stand for, so they are kept apart here: no shortcut applies to them
    and ``to_cel`` gives back the very value."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self) -> str:
        return f"_Raw({self.value!r})"


_NATIVE = (bool, int, float, str, list, dict, tuple)


def to_cel(value):
    """The CEL value of a plain value (as ``scope.to_scope`` makes it); CEL values and error
    values are left as they are."""
    kind = type(value)
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        cached = _TO_CEL_INTS.get(value)
        return cached if cached is not None else celtypes.IntType(value)
    if kind is str:
        return celtypes.StringType(value)
    if kind is list or kind is tuple:
        return celtypes.ListType([to_cel(item) for item in value])
    if kind is dict:
        out = celtypes.MapType()
        for key, item in value.items():
            dict.__setitem__(out, to_cel(key), to_cel(item))
        return out
    if kind is float:
        return celtypes.DoubleType(value)
    if kind is _Raw:
        return value.value
    return value


def to_plain(value):
    """The plain value of a CEL value: the inverse of ``to_cel``. Values of kinds facts never
    hold (unsigned numbers, bytes) stay as they are."""
    kind = type(value)
    if kind is celtypes.BoolType:
        return bool(value)
    if kind is celtypes.IntType:
        return int(value)
    if kind is celtypes.StringType:
        return str(value)
    if kind is celtypes.DoubleType:
        return float(value)
    if kind is celtypes.ListType:
        return [to_plain(item) for item in value]
    if kind is celtypes.MapType:
        return {to_plain(key): to_plain(item) for key, item in value.items()}
    if kind in _NATIVE:
        return _Raw(value)
    return value


def _via_cel(op: Callable, what: str, *values):
    """``op`` on CEL values, as ``cel._call`` applies it once its operands are computed."""
    values = [to_cel(v) for v in values]
    try:
        return to_plain(op(*values))
    except _CAUGHT as ex:
        kinds = [_runtime_kind(v) for v in values]
        operands = " and ".join(kinds) if len(kinds) <= 2 else ", ".join(kinds)
        return _error(f"cannot apply {what} to {operands}", ex)


def _call(op: Callable, args: list[Closure], what: str) -> Closure:
    """The first error among the operands, else ``op`` through CEL values."""

    def run(scope):
        values = []
        for f in args:
            v = f(scope)
            if isinstance(v, CELEvalError):
                return v
            values.append(v)
        return _via_cel(op, what, *values)

    return run


def _both(left: Closure, right: Closure, fast: Callable, slow: Callable) -> Closure:
    """A binary operator: errors first (left, then right), then ``fast(x, y)``, which gives
    the result or ``NotImplemented`` for the cases it leaves to ``slow(x, y)``."""

    def run(scope):
        x = left(scope)
        if isinstance(x, CELEvalError):
            return x
        y = right(scope)
        if isinstance(y, CELEvalError):
            return y
        result = fast(x, y)
        return slow(x, y) if result is NotImplemented else result

    return run


def _compare_fast(compare: Callable) -> Callable:
    def fast(x, y):
        if type(x) is int and type(y) is int:
            return compare(x, y)
        return NotImplemented

    return fast


def _equal_fast(x, y):
    if x is None or y is None:
        return x is y
    kind = type(x)
    if kind is type(y) and (kind is str or kind is int or kind is bool):
        return x == y
    return NotImplemented


def _not_equal_fast(x, y):
    result = _equal_fast(x, y)
    return result if result is NotImplemented else not result


def _in_fast(item, container):
    # A word found in a list is true whatever else the list holds (CEL stops at the first
    # equal item); a word not found is false only if every item is a word (an item of
    # another kind makes CEL's answer an error).
    if type(item) is str and type(container) is list:
        if item in container:
            return True
        for other in container:
            if type(other) is not str:
                return NotImplemented
        return False
    return NotImplemented


def _lookup(name: str) -> Closure:
    def lookup(scope):
        try:
            return scope[name]
        except KeyError:
            return _error(f"no fact {name!r}")

    return lookup


def _field(fn: Closure, name: str) -> Closure:
    def field(scope):
        value = fn(scope)
        if isinstance(value, CELEvalError):
            return value
        if isinstance(value, dict):
            try:
                return value[name]
            except KeyError:
                return _error(f"no field {name!r}")
        return _error(f"cannot read field {name!r} of {_runtime_kind(to_cel(value))}")

    return field


def _fact_path(names: list[str], slow: Closure) -> Closure:
    """``incident.location_type``: two or three map reads, with ``slow`` (the same path read
    step by step) telling what went wrong when one fails."""
    if len(names) == 2:
        a, b = names

        def read2(scope):
            try:
                first = scope[a]
                value = first[b]
            except (KeyError, TypeError, IndexError):
                return slow(scope)
            return value if type(first) is dict else slow(scope)

        return read2
    if len(names) == 3:
        a, b, c = names

        def read3(scope):
            try:
                first = scope[a]
                second = first[b]
                value = second[c]
            except (KeyError, TypeError, IndexError):
                return slow(scope)
            return value if type(first) is dict and type(second) is dict else slow(scope)

        return read3
    return slow


class _Compiler:
    """Closures over plain values for a tree ``cel`` has already checked."""

    def __init__(self, text: str):
        self.text = text

    def compile(self, tree: lark.Tree, env: frozenset) -> Closure:
        handler = getattr(self, "c_" + tree.data, None)
        if handler is None:
            raise Unsupported(tree.data)
        return handler(tree, env)

    def passthrough(self, tree, env):
        return self.compile(tree.children[0], env)

    c_member = c_primary = c_paren_expr = passthrough

    def c_expr(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        cond = self.compile(tree.children[0], env)
        yes = self.compile(tree.children[1], env)
        no = self.compile(tree.children[2], env)

        def ternary(scope):
            c = cond(scope)
            if isinstance(c, CELEvalError):
                return c
            if type(c) is not bool:
                return _error("the test before '?' must be true or false")
            return yes(scope) if c else no(scope)

        return ternary

    def c_conditionalor(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        left = self.compile(tree.children[0], env)
        right = self.compile(tree.children[1], env)

        def either(scope):
            x = left(scope)
            if x is True:
                return True
            y = right(scope)
            if x is False and type(y) is bool:
                return y
            try:
                return to_plain(celtypes.logical_or(to_cel(x), to_cel(y)))
            except TypeError as ex:
                return _error("both sides of '||' must be true or false", ex)

        return either

    def c_conditionaland(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        left = self.compile(tree.children[0], env)
        right = self.compile(tree.children[1], env)

        def both(scope):
            x = left(scope)
            if x is False:
                return False
            y = right(scope)
            if x is True and type(y) is bool:
                return y
            try:
                return to_plain(celtypes.logical_and(to_cel(x), to_cel(y)))
            except TypeError as ex:
                return _error("both sides of '&&' must be true or false", ex)

        return both

    def c_relation(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        op_tree, right_tree = tree.children
        left = self.compile(op_tree.children[0], env)
        right = self.compile(right_tree, env)
        name, symbol = cel._RELATIONS[op_tree.data]
        what = f"'{symbol}'"
        if symbol == "==":
            op, fast = _equal, _equal_fast
        elif symbol == "!=":
            op, fast = _not_equal, _not_equal_fast
        elif symbol == "in":
            op, fast = celeval.base_functions[name], _in_fast
        else:
            op, fast = celeval.base_functions[name], _compare_fast(_COMPARE[op_tree.data])
        return _both(left, right, fast, lambda x, y: _via_cel(op, what, x, y))

    def c_addition(self, tree, env):
        return self.arithmetic(tree, env)

    def c_multiplication(self, tree, env):
        return self.arithmetic(tree, env)

    def arithmetic(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        op_tree, right_tree = tree.children
        left = self.compile(op_tree.children[0], env)
        right = self.compile(right_tree, env)
        return _call(celeval.base_functions[cel._ARITHMETIC[op_tree.data]], [left, right], "arithmetic")

    def c_unary(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        op_tree, operand = tree.children
        fn = self.compile(operand, env)
        if op_tree.data != "unary_not":
            return _call(celeval.base_functions["-_"], [fn], "'-'")

        def negation(scope):
            x = fn(scope)
            if type(x) is bool:
                return not x
            if isinstance(x, CELEvalError):
                return x
            return _via_cel(celtypes.logical_not, "'!'", x)

        return negation

    def c_ident(self, tree, env):
        name = str(tree.children[0])
        if name in env:
            return lambda scope: scope[name]
        return _lookup(name)

    def c_member_dot(self, tree, env):
        member_tree, token = tree.children
        slow = _field(self.compile(member_tree, env), str(token))
        path = cel.path_of(tree)
        if path is not None and path.split(".")[0] not in env:
            return _fact_path(path.split("."), slow)
        return slow

    def c_member_index(self, tree, env):
        member_tree, index_tree = tree.children
        return _call(celeval.base_functions["_[_]"], [self.compile(member_tree, env), self.compile(index_tree, env)],
                     "index")

    def c_literal(self, tree, env):
        value = to_plain(_literal(tree.children[0]))
        return lambda scope: value

    def c_list_lit(self, tree, env):
        fns = [self.compile(c, env) for c in (tree.children[0].children if tree.children else [])]

        def make(scope):
            values = []
            for f in fns:
                v = f(scope)
                if isinstance(v, CELEvalError):
                    return v
                values.append(v)
            return values

        return make

    def c_ident_arg(self, tree, env):
        name = str(tree.children[0])
        args = list(tree.children[1].children) if len(tree.children) > 1 else []
        if name == "has":
            return self.has(args[0], env)
        fn = self.compile(args[0], env)
        op = celeval.base_functions[name]
        if name != "size":
            return _call(op, [fn], f"{name}()")

        def size(scope):
            x = fn(scope)
            kind = type(x)
            if kind is list or kind is dict or kind is str:
                return len(x)
            if isinstance(x, CELEvalError):
                return x
            return _via_cel(op, "size()", x)

        return size

    def has(self, arg, env):
        target = cel.unwrap(arg)
        fn = self.compile(target.children[0], env)
        key = str(target.children[1])

        def present(scope):
            value = fn(scope)
            if isinstance(value, CELEvalError):
                return value
            return isinstance(value, dict) and key in value

        return present

    def c_member_dot_arg(self, tree, env):
        member_tree, token = tree.children[0], tree.children[1]
        name = str(token)
        args = list(tree.children[2].children) if len(tree.children) > 2 else []
        target = self.compile(member_tree, env)
        if name in cel.MACROS:
            var = str(cel.unwrap(args[0]).children[0])
            return _macro(name, var, target, self.compile(args[1], env | {var}))
        fns = [target] + [self.compile(a, env) for a in args]
        return _call(celeval.base_functions[name], fns, f"{name}()")


def _macro(name: str, var: str, target: Closure, body: Closure) -> Closure:
    """``cel._macro`` over plain values."""

    def items_of(scope):
        items = target(scope)
        if isinstance(items, CELEvalError):
            return items
        if type(items) is _Raw and isinstance(items.value, (list, dict)):
            return [to_plain(item) for item in items.value]
        if not isinstance(items, (list, dict)):
            return _error(f"{name}() needs a list, got {_runtime_kind(to_cel(items))}")
        return items

    if name in {"exists", "all", "exists_one"}:

        def test(scope):
            items = items_of(scope)
            if isinstance(items, CELEvalError):
                return items
            inner = dict(scope)
            error, count = None, 0
            for item in items:
                inner[var] = item
                result = body(inner)
                if result is True:
                    if name == "exists":
                        return True
                    count += 1
                elif result is False:
                    if name == "all":
                        return False
                elif isinstance(result, CELEvalError):
                    error = result
                else:
                    error = _error(f"the test of {name}() must be true or false")
            if error is not None:
                return error
            if name == "exists":
                return False
            if name == "all":
                return True
            return count == 1

        return test

    def collect(scope):
        items = items_of(scope)
        if isinstance(items, CELEvalError):
            return items
        inner = dict(scope)
        out = []
        for item in items:
            inner[var] = item
            result = body(inner)
            if isinstance(result, CELEvalError):
                return result
            if name == "map":
                out.append(result)
            elif type(result) is not bool:
                return _error("the test of filter() must be true or false")
            elif result:
                out.append(item)
        return out

    return collect


def compile_tree(text: str, tree: lark.Tree, reference: Closure, env: frozenset = frozenset()) -> Closure:
    """Closures over plain facts for ``tree`` (a part of the checked condition ``text``);
    ``reference`` is ``cel``'s closure for the same tree, used whole for a tree with a kind
    of node not compiled here."""
    try:
        return _Compiler(text).compile(tree, env)
    except Unsupported:
        return lambda facts: to_plain(reference({key: to_cel(value) for key, value in facts.items()}))
