"""Policy conditions: CEL (the Common Expression Language), parsed with cel-python's grammar
and evaluated with cel-python's value types and operators.

A condition is compiled once into a tree of small Python closures, one per node of the
parse tree. Nothing is ever handed to Python's ``eval``/``exec``: cel-python's own fast path
(``CompiledRunner``) transpiles to Python source and ``exec``s it inside module globals shared
by every caller, which is neither what a policy engine should do nor safe across threads,
and its tree-walking interpreter takes about 0.4 ms a condition, too slow for a policy of
twenty rules. The closures here take a few microseconds.

Compiling checks the condition against the shape of the facts (``policy.types``): an unknown
fact, a misspelt value of a known vocabulary (``"shcool"``), a function outside the allowed
list, or a comparison of a word with a number is refused with its line and column.

Evaluation follows CEL: a value that cannot be computed (an age that is null compared with a
number) is an error *value*; ``&&`` and ``||`` absorb it when the other side decides the
result (``false && error`` is false), and otherwise the condition's result is that error.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import celpy
import celpy.evaluation as celeval
import lark
from celpy import celtypes
from celpy.evaluation import CELEvalError

from forcereview.policy.types import ListOf, Node, Record, Scalar, string_values

Closure = Callable[[dict], object]

_PARSER: lark.Lark | None = None

# Functions and methods a condition may call, beyond the operators.
FUNCTIONS = ("size", "has", "int", "double", "string")
METHODS = ("size", "contains", "startsWith", "endsWith", "matches")
MACROS = ("exists", "all", "exists_one", "filter", "map")

_RELATIONS = {
    "relation_lt": ("_<_", "<"),
    "relation_le": ("_<=_", "<="),
    "relation_gt": ("_>_", ">"),
    "relation_ge": ("_>=_", ">="),
    "relation_eq": ("_==_", "=="),
    "relation_ne": ("_!=_", "!="),
    "relation_in": ("_in_", "in"),
}
_ARITHMETIC = {
    "addition_add": "_+_",
    "addition_sub": "_-_",
    "multiplication_mul": "_*_",
    "multiplication_div": "_/_",
    "multiplication_mod": "_%_",
}
_KIND_WORDS = {"int": "a whole number", "double": "a decimal number", "string": "text", "bool": "true or false"}


class ConditionError(ValueError):
    """A condition that cannot be used, with the 1-based line and column of the problem."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(f"line {line}, column {column}: {message}")


def _parser() -> lark.Lark:
    global _PARSER
    if _PARSER is None:
        grammar = (Path(celpy.__file__).parent / "cel.lark").read_text()
        # The options cel-python's own parser uses, with plain lark trees.
        _PARSER = lark.Lark(
            grammar,
            parser="lalr",
            start="expr",
            g_regex_flags=re.M,
            lexer_callbacks={"IDENT": celpy.CELParser.ambiguous_literals},
            propagate_positions=True,
            maybe_placeholders=False,
            priority="invert",
        )
    return _PARSER


def parse(text: str) -> lark.Tree:
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("the condition is empty")
    try:
        return _parser().parse(text)
    except lark.exceptions.UnexpectedCharacters as ex:
        raise ConditionError(f"unexpected character {text[ex.pos_in_stream]!r}", ex.line, ex.column) from None
    except lark.exceptions.UnexpectedToken as ex:
        if ex.token.type == "$END":
            line, column = _end_position(text)
            raise ConditionError("the condition ends too early (something is missing at the end)", line, column) from None
        raise ConditionError(f"unexpected {ex.token.value!r}", ex.line, ex.column) from None
    except lark.exceptions.UnexpectedEOF:
        line, column = _end_position(text)
        raise ConditionError("the condition ends too early (something is missing at the end)", line, column) from None


def _end_position(text: str) -> tuple[int, int]:
    stripped = text.rstrip()
    lines = stripped.split("\n")
    return len(lines), len(lines[-1]) + 1


# -- compiled conditions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A compiled condition. ``run(scope)`` takes the facts as CEL values (``scope.to_scope``)
    and gives a CEL true or false, or a ``CELEvalError``; ``test(facts)`` takes the plain
    facts and gives the same answer as plain Python values (``policy.plain``), faster."""

    text: str
    tree: lark.Tree
    fn: Closure
    paths: tuple[str, ...]  # the facts it reads, in order of appearance
    plain: Closure

    def run(self, variables: dict) -> object:
        return self.fn(variables)

    def test(self, facts: dict) -> object:
        return self.plain(facts)

    def source(self, tree: lark.Tree) -> str:
        """The text of one part of the condition."""
        meta = tree.meta
        if getattr(meta, "empty", True):
            return ""
        return self.text[meta.start_pos : meta.end_pos]


def compile_condition(text: str, root: Record) -> Condition:
    from forcereview.policy import plain  # it builds on this module's checks and operators

    tree = parse(text)
    compiler = _Compiler(text, root)
    fn, _ = compiler.compile(tree, {})
    paths = list(dict.fromkeys(compiler.paths))
    leaves = tuple(p for p in paths if not any(q.startswith(p + ".") for q in paths))
    return Condition(text=text, tree=tree, fn=fn, paths=leaves, plain=plain.compile_tree(text, tree, fn))


def compile_part(text: str, tree: lark.Tree, root: Record) -> tuple[Closure, Node | None]:
    """Compile one part of an already-checked condition (to explain why a rule fired)."""
    return _Compiler(text, root).compile(tree, {})


def path_of(tree: lark.Tree) -> str | None:
    """``subject.youngest_age`` for a tree that only names a fact, else None."""
    tree = unwrap(tree)
    if tree.data == "ident":
        return str(tree.children[0])
    if tree.data == "member_dot":
        left = path_of(tree.children[0])
        return f"{left}.{tree.children[1]}" if left else None
    return None


def unwrap(tree: lark.Tree) -> lark.Tree:
    """Skip the single-child layers the grammar adds around every expression."""
    while (
        isinstance(tree, lark.Tree)
        and len(tree.children) == 1
        and isinstance(tree.children[0], lark.Tree)
        and tree.data in {"expr", "conditionalor", "conditionaland", "relation", "addition",
                          "multiplication", "unary", "member", "primary", "paren_expr"}
    ):
        tree = tree.children[0]
    return tree


def literal_value(tree: lark.Tree):
    """The Python value of a literal (or a list of literals), else raises ValueError."""
    tree = unwrap(tree)
    if tree.data == "literal":
        return _literal(tree.children[0])
    if tree.data == "list_lit":
        if not tree.children:
            return celtypes.ListType([])
        return celtypes.ListType([literal_value(c) for c in tree.children[0].children])
    raise ValueError("not a literal")


def _literal(token: lark.Token):
    kind, raw = token.type, token.value
    if kind == "INT_LIT":
        return celtypes.IntType(int(raw, 0) if not raw.lstrip("-").startswith("0x") else int(raw, 16))
    if kind == "UINT_LIT":
        return celtypes.UintType(int(raw[:-1], 0))
    if kind == "FLOAT_LIT":
        return celtypes.DoubleType(float(raw))
    if kind in {"STRING_LIT", "MLSTRING_LIT"}:
        return celeval.celstr(token)
    if kind == "BYTES_LIT":
        return celeval.celbytes(token)
    if kind == "BOOL_LIT":
        return celtypes.BoolType(raw == "true")
    if kind == "NULL_LIT":
        return None
    raise ValueError(f"unknown literal {raw!r}")


def _literal_kind(value) -> str | None:
    if value is None:
        return "null"
    if isinstance(value, celtypes.BoolType):
        return "bool"
    if isinstance(value, (celtypes.IntType, celtypes.UintType)):
        return "int"
    if isinstance(value, celtypes.DoubleType):
        return "double"
    if isinstance(value, celtypes.StringType):
        return "string"
    return None


# -- runtime helpers -------------------------------------------------------------------------------


def _error(message: str, ex: Exception | None = None) -> CELEvalError:
    if ex is None:
        return CELEvalError(message)
    return CELEvalError(message, ex.__class__, ex.args)


_CAUGHT = (TypeError, ValueError, ArithmeticError, KeyError, IndexError, AttributeError)


def _call(op: Callable, args: list[Closure], what: str) -> Closure:
    if len(args) == 1:
        (a,) = args

        def run1(scope):
            x = a(scope)
            if isinstance(x, CELEvalError):
                return x
            try:
                return op(x)
            except _CAUGHT as ex:
                return _error(f"cannot apply {what} to {_runtime_kind(x)}", ex)

        return run1
    if len(args) == 2:
        a, b = args

        def run2(scope):
            x = a(scope)
            if isinstance(x, CELEvalError):
                return x
            y = b(scope)
            if isinstance(y, CELEvalError):
                return y
            try:
                return op(x, y)
            except _CAUGHT as ex:
                return _error(f"cannot apply {what} to {_runtime_kind(x)} and {_runtime_kind(y)}", ex)

        return run2

    def run(scope):
        values = []
        for f in args:
            v = f(scope)
            if isinstance(v, CELEvalError):
                return v
            values.append(v)
        try:
            return op(*values)
        except _CAUGHT as ex:
            return _error(f"cannot apply {what} to {', '.join(_runtime_kind(v) for v in values)}", ex)

    return run


def _equal(x, y):
    # CEL's heterogeneous equality with null: null equals only null.
    if x is None or y is None:
        return celtypes.BoolType(x is y)
    return celeval.bool_eq(x, y)


def _not_equal(x, y):
    if x is None or y is None:
        return celtypes.BoolType(x is not y)
    return celeval.bool_ne(x, y)


def _constant(value) -> Closure:
    return lambda scope: value


# -- the compiler ----------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, text: str, root: Record):
        self.text = text
        self.root = root
        self.paths: list[str] = []

    def fail(self, where, message: str):
        line = getattr(where, "line", None)
        column = getattr(where, "column", None)
        if line is None and isinstance(where, lark.Tree) and not where.meta.empty:
            line, column = where.meta.line, where.meta.column
        raise ConditionError(message, line or 1, column or 1)

    def compile(self, tree: lark.Tree, env: dict) -> tuple[Closure, Node | None]:
        handler = getattr(self, "c_" + tree.data, None)
        if handler is None:
            self.fail(tree, f"this kind of expression ({tree.data}) is not allowed in a policy")
        return handler(tree, env)

    def passthrough(self, tree, env):
        return self.compile(tree.children[0], env)

    c_member = c_primary = c_paren_expr = passthrough

    # logic

    def c_expr(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        cond, _ = self.compile(tree.children[0], env)
        yes, node = self.compile(tree.children[1], env)
        no, _ = self.compile(tree.children[2], env)

        def ternary(scope):
            c = cond(scope)
            if isinstance(c, CELEvalError):
                return c
            if not isinstance(c, celtypes.BoolType):
                return _error("the test before '?' must be true or false")
            return yes(scope) if c else no(scope)

        return ternary, node

    def c_conditionalor(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        left, _ = self.compile(tree.children[0], env)
        right, _ = self.compile(tree.children[1], env)

        def either(scope):
            x = left(scope)
            if x is True or (isinstance(x, celtypes.BoolType) and x):
                return celtypes.BoolType(True)
            y = right(scope)
            try:
                return celtypes.logical_or(x, y)
            except TypeError as ex:
                return _error("both sides of '||' must be true or false", ex)

        return either, Scalar("bool", "")

    def c_conditionaland(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        left, _ = self.compile(tree.children[0], env)
        right, _ = self.compile(tree.children[1], env)

        def both(scope):
            x = left(scope)
            if isinstance(x, celtypes.BoolType) and not x:
                return celtypes.BoolType(False)
            y = right(scope)
            try:
                return celtypes.logical_and(x, y)
            except TypeError as ex:
                return _error("both sides of '&&' must be true or false", ex)

        return both, Scalar("bool", "")

    # comparisons and arithmetic

    def c_relation(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        op_tree, right_tree = tree.children
        left_tree = op_tree.children[0]
        name, symbol = _RELATIONS[op_tree.data]
        left, left_node = self.compile(left_tree, env)
        right, right_node = self.compile(right_tree, env)
        self.check_relation(op_tree, symbol, left_tree, left_node, right_tree, right_node)
        if symbol == "==":
            op = _equal
        elif symbol == "!=":
            op = _not_equal
        else:
            op = celeval.base_functions[name]
        return _call(op, [left, right], f"'{symbol}'"), Scalar("bool", "")

    def c_addition(self, tree, env):
        return self.arithmetic(tree, env)

    def c_multiplication(self, tree, env):
        return self.arithmetic(tree, env)

    def arithmetic(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        op_tree, right_tree = tree.children
        left, left_node = self.compile(op_tree.children[0], env)
        right, _ = self.compile(right_tree, env)
        op = celeval.base_functions[_ARITHMETIC[op_tree.data]]
        return _call(op, [left, right], "arithmetic"), left_node if isinstance(left_node, Scalar) else None

    def c_unary(self, tree, env):
        if len(tree.children) == 1:
            return self.compile(tree.children[0], env)
        op_tree, operand = tree.children
        fn, node = self.compile(operand, env)
        if op_tree.data == "unary_not":
            return _call(celtypes.logical_not, [fn], "'!'"), Scalar("bool", "")
        return _call(celeval.base_functions["-_"], [fn], "'-'"), node

    # names and fields

    def c_ident(self, tree, env):
        token = tree.children[0]
        name = str(token)
        if name in env:
            node = env[name]
            return (lambda scope: scope[name]), node
        node = self.root.fields.get(name)
        if node is None:
            self.fail(token, f"unknown fact {name!r}{self.suggest(name, self.root.fields)}")
        self.paths.append(name)

        def lookup(scope):
            try:
                return scope[name]
            except KeyError:
                return _error(f"no fact {name!r}")

        return lookup, node

    def c_member_dot(self, tree, env):
        member_tree, token = tree.children
        name = str(token)
        fn, node = self.compile(member_tree, env)
        child = None
        if isinstance(node, Record):
            child = node.fields.get(name)
            if child is None:
                where = path_of(member_tree) or "this value"
                self.fail(token, f"unknown fact {where + '.' + name!r}{self.suggest(name, node.fields)}")
        elif isinstance(node, (ListOf, Scalar)):
            self.fail(token, f"{path_of(member_tree) or 'this value'} has no field {name!r} (it is {_describe(node)})")
        full = path_of(tree)
        if full and not any(full.split(".")[0] == var for var in env):
            self.paths.append(full)
        key = celtypes.StringType(name)

        def field(scope):
            value = fn(scope)
            if isinstance(value, CELEvalError):
                return value
            if isinstance(value, dict):
                try:
                    return value[key]
                except KeyError:
                    return _error(f"no field {name!r}")
            return _error(f"cannot read field {name!r} of {_runtime_kind(value)}")

        return field, child

    def c_member_index(self, tree, env):
        member_tree, index_tree = tree.children
        fn, node = self.compile(member_tree, env)
        index, _ = self.compile(index_tree, env)
        item = node.item if isinstance(node, ListOf) else None
        return _call(celeval.base_functions["_[_]"], [fn, index], "index"), item

    def c_member_object(self, tree, env):
        self.fail(tree, "building messages is not allowed in a policy")

    def c_dot_ident(self, tree, env):
        self.fail(tree, "names starting with '.' are not allowed in a policy")

    c_dot_ident_arg = c_dot_ident

    # literals

    def c_literal(self, tree, env):
        try:
            value = _literal(tree.children[0])
        except Exception as ex:
            self.fail(tree.children[0], f"bad literal: {ex}")
        kind = _literal_kind(value)
        return _constant(value), (Scalar(kind, "") if kind in _KIND_WORDS else None)

    def c_list_lit(self, tree, env):
        items = [self.compile(c, env) for c in (tree.children[0].children if tree.children else [])]
        fns = [f for f, _ in items]
        item_node = items[0][1] if items else None

        def make(scope):
            values = []
            for f in fns:
                v = f(scope)
                if isinstance(v, CELEvalError):
                    return v
                values.append(v)
            return celtypes.ListType(values)

        return make, ListOf(item_node, "") if item_node is not None else None

    def c_map_lit(self, tree, env):
        self.fail(tree, "map literals are not allowed in a policy")

    # functions, methods and macros

    def c_ident_arg(self, tree, env):
        token = tree.children[0]
        name = str(token)
        args = list(tree.children[1].children) if len(tree.children) > 1 else []
        if name not in FUNCTIONS:
            self.fail(token, f"unknown function {name!r} (allowed: {', '.join(FUNCTIONS)}, and the methods "
                             f"{', '.join(METHODS + MACROS)})")
        if name == "has":
            return self.has(token, args, env)
        if len(args) != 1:
            self.fail(token, f"{name}() takes one argument")
        fn, _ = self.compile(args[0], env)
        op = celeval.base_functions[name]
        kind = {"size": "int", "int": "int", "double": "double", "string": "string"}[name]
        return _call(op, [fn], f"{name}()"), Scalar(kind, "")

    def has(self, token, args, env):
        if len(args) != 1 or unwrap(args[0]).data != "member_dot":
            self.fail(token, "has() takes one field, as in has(incident.offense)")
        target = unwrap(args[0])
        fn, _ = self.compile(target.children[0], env)
        key = celtypes.StringType(str(target.children[1]))

        def present(scope):
            value = fn(scope)
            if isinstance(value, CELEvalError):
                return value
            return celtypes.BoolType(isinstance(value, dict) and key in value)

        return present, Scalar("bool", "")

    def c_member_dot_arg(self, tree, env):
        member_tree, token = tree.children[0], tree.children[1]
        name = str(token)
        args = list(tree.children[2].children) if len(tree.children) > 2 else []
        if name in MACROS:
            return self.macro(tree, name, member_tree, args, env)
        target, _ = self.compile(member_tree, env)
        if name not in METHODS:
            self.fail(token, f"unknown method {name!r} (allowed: {', '.join(METHODS + MACROS)})")
        fns = [target] + [self.compile(a, env)[0] for a in args]
        op = celeval.base_functions[name]
        return _call(op, fns, f"{name}()"), Scalar("int" if name == "size" else "bool", "")

    def macro(self, tree, name, member_tree, args, env):
        token = tree.children[1]
        if len(args) != 2 or unwrap(args[0]).data != "ident":
            self.fail(token, f"{name}() takes a name and a test, as in subjects.{name}(s, s.juvenile)")
        var = str(unwrap(args[0]).children[0])
        if var in self.root.fields:
            self.fail(unwrap(args[0]), f"{var!r} is the name of a fact; choose another name for the item")
        target, node = self.compile(member_tree, env)
        item_node = node.item if isinstance(node, ListOf) else None
        body, body_node = self.compile(args[1], {**env, var: item_node})
        return _macro(name, var, target, body), (
            Scalar("bool", "") if name in {"exists", "all", "exists_one"} else ListOf(item_node if name == "filter" else body_node, "")
        )

    # static checks

    def check_relation(self, where, symbol, left_tree, left_node, right_tree, right_node):
        try:
            right_literal = literal_value(right_tree)
        except ValueError:
            right_literal = _NO_LITERAL
        try:
            left_literal = literal_value(left_tree)
        except ValueError:
            left_literal = _NO_LITERAL
        if symbol == "in":
            # "neck_restraint" in force.types  /  incident.location_type in ["school", "park"]
            if left_literal is not _NO_LITERAL and isinstance(right_node, ListOf):
                self.check_values(right_tree, right_node, [left_literal])
            elif isinstance(right_literal, (list, str, type(None))) and isinstance(left_node, Scalar):
                # (a number or true/false on the right, as in "x in 13", is an error when run)
                self.check_values(left_tree, left_node, list(right_literal or []), right_tree)
            return
        for fact_tree, node, literal, literal_tree in (
            (left_tree, left_node, right_literal, right_tree),
            (right_tree, right_node, left_literal, left_tree),
        ):
            if literal is _NO_LITERAL or not isinstance(node, Scalar) or not node.kind:
                continue
            kind = _literal_kind(literal)
            if kind == "null":
                if symbol not in {"==", "!="}:
                    self.fail(literal_tree, "null can only be compared with == or !=")
                continue
            if kind != node.kind and not (kind == "int" and node.kind == "int"):
                self.fail(
                    literal_tree,
                    f"{path_of(fact_tree) or 'this value'} is {_KIND_WORDS.get(node.kind, node.kind)}; "
                    f"it cannot be compared with {_KIND_WORDS.get(kind, kind)}",
                )
            if kind == "string":
                self.check_values(fact_tree, node, [literal], literal_tree)

    def check_values(self, fact_tree, node, literals, literal_tree=None):
        allowed = string_values(node)
        if not allowed:
            return
        for value in literals:
            if isinstance(value, str) and value not in allowed:
                where = literal_tree if literal_tree is not None else fact_tree
                close = difflib.get_close_matches(value, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(allowed)})"
                self.fail(where, f"{str(value)!r} is not a known value of {path_of(fact_tree) or 'this fact'}{hint}")

    @staticmethod
    def suggest(name: str, known) -> str:
        close = difflib.get_close_matches(name, list(known), n=1)
        return f"; did you mean {close[0]!r}?" if close else ""


_NO_LITERAL = object()


def _describe(node: Node) -> str:
    if isinstance(node, ListOf):
        return "a list"
    if isinstance(node, Scalar):
        return _KIND_WORDS.get(node.kind, node.kind)
    return "a group of facts"


_RUNTIME_KINDS = {"int": "a whole number", "uint": "a whole number", "double": "a decimal number", "string": "text",
                  "bool": "true or false", "list": "a list", "map": "a group of facts"}


def _runtime_kind(value) -> str:
    if value is None:
        return "null (not recorded)"
    name = type(value).__name__.replace("Type", "").lower()
    return _RUNTIME_KINDS.get(name, name)


def _macro(name: str, var: str, target: Closure, body: Closure) -> Closure:
    def items_of(scope):
        items = target(scope)
        if isinstance(items, CELEvalError):
            return items
        if not isinstance(items, (list, dict)):
            return _error(f"{name}() needs a list, got {_runtime_kind(items)}")
        return items

    def each(scope, items):
        inner = dict(scope)
        for item in items:
            inner[var] = item
            yield item, body(inner)

    if name in {"exists", "all", "exists_one"}:

        def test(scope):
            items = items_of(scope)
            if isinstance(items, CELEvalError):
                return items
            error, count = None, 0
            for _, result in each(scope, items):
                if isinstance(result, CELEvalError):
                    error = result
                elif not isinstance(result, celtypes.BoolType):
                    error = _error(f"the test of {name}() must be true or false")
                elif name == "exists" and result:
                    return celtypes.BoolType(True)
                elif name == "all" and not result:
                    return celtypes.BoolType(False)
                elif result:
                    count += 1
            if error is not None:
                return error
            if name == "exists":
                return celtypes.BoolType(False)
            if name == "all":
                return celtypes.BoolType(True)
            return celtypes.BoolType(count == 1)

        return test

    def collect(scope):
        items = items_of(scope)
        if isinstance(items, CELEvalError):
            return items
        out = []
        for item, result in each(scope, items):
            if isinstance(result, CELEvalError):
                return result
            if name == "map":
                out.append(result)
            elif not isinstance(result, celtypes.BoolType):
                return _error("the test of filter() must be true or false")
            elif result:
                out.append(item)
        return celtypes.ListType(out)

    return collect
