"""The rules file: its schema, loading and validation.

A policy is a YAML document::

    name: Mesa Police Department use-of-force review policy
    description: optional text shown with the policy
    rules:
      - id: force-on-young-child
        reason: Force was used on a child under 13.
        citation: DC Metropolitan Police rule on handcuffing children 12 and under
        condition: subject.youngest_age != null && subject.youngest_age < 13
        actions:
          - internal_affairs
          - legal_hold
          - notify: command

Loading checks everything and reports every problem at once, each naming the rule, the
part of the rule, the line in the file and, for a condition, the line and column inside the
condition. A policy with any problem is refused whole.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from celpy import celtypes
from celpy.evaluation import CELEvalError

from forcereview.policy.actions import Action, ActionError, parse_action
from forcereview.policy.cel import Condition, ConditionError, compile_condition
from forcereview.policy.facts import FACTS, sample_facts
from forcereview.policy.scope import to_scope

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
TOP_KEYS = {"name": True, "description": False, "rules": True}
RULE_KEYS = {"id": True, "reason": True, "citation": True, "condition": True, "actions": True, "notes": False}
MAX_RULES = 500
MAX_TEXT = 1_000_000


@dataclass(frozen=True)
class Problem:
    message: str
    rule: str | None = None  # the rule id (or "rules[3]" when it has none)
    part: str | None = None  # "condition", "actions[1]", "id", ...
    line: int | None = None  # line in the file
    condition_line: int | None = None
    condition_column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.rule:
            where.append(f"rule {self.rule!r}")
        if self.part:
            where.append(self.part)
        if self.condition_line is not None:
            where.append(f"line {self.condition_line}, column {self.condition_column} of the condition")
        if self.line is not None:
            where.append(f"file line {self.line}")
        return (", ".join(where) + ": " if where else "") + self.message

    def to_dict(self) -> dict:
        return {
            "rule": self.rule, "part": self.part, "line": self.line, "condition_line": self.condition_line,
            "condition_column": self.condition_column, "message": self.message, "text": str(self),
        }


class PolicyInvalid(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:10]) + (" ..." if len(problems) > 10 else ""))


@dataclass(frozen=True)
class Rule:
    id: str
    reason: str
    citation: str
    condition: Condition
    actions: tuple[Action, ...]
    notes: str = ""
    line: int | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "reason": self.reason, "citation": self.citation, "condition": self.condition.text,
            "actions": [a.to_dict() for a in self.actions], "notes": self.notes,
        }


@dataclass(frozen=True)
class Policy:
    name: str
    rules: tuple[Rule, ...]
    text: str
    description: str = ""
    digest: str = field(default="")

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_policy(text: str) -> Policy:
    """Parse and check a rules file. Raises ``PolicyInvalid`` listing every problem.

    Policies are cached by the digest of their text, so each condition of a policy version
    is compiled once per process however often the version is used."""
    if not isinstance(text, str):
        raise PolicyInvalid([Problem("the policy must be text (YAML)")])
    return _load_cached(digest_of(text), text)


def load_policy_file(path: str | Path) -> Policy:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as ex:
        raise PolicyInvalid([Problem(f"cannot read {path}: {ex.strerror or ex}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as ex:
        raise PolicyInvalid([Problem(f"{path} is not UTF-8 text (byte {ex.start})")]) from None
    return load_policy(text)


def default_policy_text() -> str:
    return (Path(__file__).parent / "default_policy.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=32)
def _load_cached(digest: str, text: str) -> Policy:
    return _Loader(text).load(digest)


class _Loader:
    def __init__(self, text: str):
        self.text = text
        self.problems: list[Problem] = []

    def problem(self, message: str, **where) -> None:
        self.problems.append(Problem(message, **where))

    def load(self, digest: str) -> Policy:
        if len(self.text) > MAX_TEXT:
            raise PolicyInvalid([Problem(f"the policy is too long ({len(self.text)} characters; at most {MAX_TEXT})")])
        node, data = self.parse_yaml()
        if not isinstance(data, dict):
            raise PolicyInvalid([Problem("the policy must be a mapping with 'name' and 'rules'", line=1)])
        self.check_keys(data, node, TOP_KEYS, rule=None)
        name = data.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            self.problem("'name' must be text", part="name", line=_line_of(node, "name"))
        description = data.get("description") or ""
        if not isinstance(description, str):
            self.problem("'description' must be text", part="description", line=_line_of(node, "description"))
            description = ""
        rules_raw = data.get("rules")
        rules_node = _child(node, "rules")
        rules: list[Rule] = []
        if rules_raw is not None and not isinstance(rules_raw, list):
            self.problem("'rules' must be a list of rules", part="rules", line=_line_of(node, "rules"))
        elif isinstance(rules_raw, list):
            if not rules_raw:
                self.problem("the policy has no rules", part="rules", line=_line_of(node, "rules"))
            if len(rules_raw) > MAX_RULES:
                self.problem(f"too many rules ({len(rules_raw)}; at most {MAX_RULES})", part="rules")
            seen: dict[str, int | None] = {}
            for index, raw in enumerate(rules_raw[:MAX_RULES]):
                rule_node = rules_node.value[index] if isinstance(rules_node, yaml.SequenceNode) else None
                rule = self.load_rule(index, raw, rule_node, seen)
                if rule is not None:
                    rules.append(rule)
        if self.problems:
            raise PolicyInvalid(self.problems)
        return Policy(name=name.strip(), rules=tuple(rules), text=self.text, description=description.strip(), digest=digest)

    def parse_yaml(self):
        try:
            loader = yaml.SafeLoader(self.text)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else None
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as ex:
            mark = ex.problem_mark or ex.context_mark
            line = mark.line + 1 if mark else None
            column = mark.column + 1 if mark else None
            message = f"the file is not valid YAML: {ex.problem or ex.context}" + (f" (column {column})" if column else "")
            raise PolicyInvalid([Problem(message, line=line)]) from None
        except yaml.YAMLError as ex:
            raise PolicyInvalid([Problem(f"the file is not valid YAML: {ex}")]) from None
        return node, data

    def check_keys(self, data: dict, node, keys: dict[str, bool], rule: str | None) -> None:
        for key in data:
            if key not in keys:
                self.problem(f"unknown key {key!r} (allowed: {', '.join(keys)})", rule=rule, part=str(key),
                             line=_line_of(node, key))
        for key, required in keys.items():
            if required and key not in data:
                self.problem(f"{key!r} is required", rule=rule, line=_start_line(node))

    def load_rule(self, index: int, raw, node, seen: dict) -> Rule | None:
        line = _start_line(node)
        if not isinstance(raw, dict):
            self.problem("each rule must be a mapping with id, reason, citation, condition and actions",
                         rule=f"rules[{index}]", line=line)
            return None
        rule_id = raw.get("id")
        label = rule_id if isinstance(rule_id, str) and rule_id else f"rules[{index}]"
        before = len(self.problems)
        self.check_keys(raw, node, RULE_KEYS, rule=label)
        if "id" in raw:
            if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
                self.problem("the id must be lower-case letters, digits, '-', '_' or '.' (at most 80)", rule=label,
                             part="id", line=_line_of(node, "id"))
            elif rule_id in seen:
                self.problem(f"duplicate rule id (first used at file line {seen[rule_id]})", rule=label, part="id",
                             line=_line_of(node, "id"))
            else:
                seen[rule_id] = _line_of(node, "id")
        for key in ("reason", "citation", "notes"):
            if key in raw and (not isinstance(raw[key], str) or (key != "notes" and not raw[key].strip())):
                self.problem(f"{key!r} must be text", rule=label, part=key, line=_line_of(node, key))
        condition = self.load_condition(raw, node, label)
        actions = self.load_actions(raw, node, label)
        if len(self.problems) > before or condition is None:
            return None
        return Rule(
            id=rule_id, reason=raw["reason"].strip(), citation=raw["citation"].strip(), condition=condition,
            actions=tuple(actions), notes=(raw.get("notes") or "").strip(), line=line,
        )

    def load_condition(self, raw: dict, node, label: str) -> Condition | None:
        if "condition" not in raw:
            return None
        text = raw["condition"]
        line = _line_of(node, "condition")
        if isinstance(text, bool):
            text = "true" if text else "false"
        if not isinstance(text, str):
            self.problem("the condition must be text", rule=label, part="condition", line=line)
            return None
        try:
            condition = compile_condition(text, FACTS)
        except ConditionError as ex:
            self.problem(ex.message, rule=label, part="condition", line=_condition_file_line(node, ex.line),
                         condition_line=ex.line, condition_column=ex.column)
            return None
        for facts in sample_facts():
            result = condition.run(to_scope(facts))
            if isinstance(result, CELEvalError):
                message = error_message(result)
                if "null" in message:
                    message += " (a fact it reads is null when it was not recorded: test it with != null first)"
                self.problem(f"the condition cannot be evaluated on a sample incident: {message}",
                             rule=label, part="condition", line=line, condition_line=1, condition_column=1)
                return None
            if not isinstance(result, celtypes.BoolType):
                self.problem(f"the condition must give true or false, not {type(result).__name__.replace('Type', '').lower()}",
                             rule=label, part="condition", line=line, condition_line=1, condition_column=1)
                return None
        return condition

    def load_actions(self, raw: dict, node, label: str) -> list[Action]:
        if "actions" not in raw:
            return []
        items = raw["actions"]
        actions_node = _child(node, "actions")
        if not isinstance(items, list) or not items:
            self.problem("'actions' must be a list with at least one action", rule=label, part="actions",
                         line=_line_of(node, "actions"))
            return []
        out = []
        for i, item in enumerate(items):
            item_line = _start_line(actions_node.value[i]) if isinstance(actions_node, yaml.SequenceNode) else None
            try:
                out.append(parse_action(item))
            except ActionError as ex:
                self.problem(str(ex), rule=label, part=f"actions[{i}]", line=item_line)
        return out


def error_message(error: CELEvalError) -> str:
    args = error.args
    if args and isinstance(args[0], str):
        return args[0]
    return str(error)


# -- YAML positions --------------------------------------------------------------------------------


def _child(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def _line_of(node, key) -> int | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return k.start_mark.line + 1
    return _start_line(node)


def _start_line(node) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _condition_file_line(rule_node, condition_line: int) -> int | None:
    value = _child(rule_node, "condition")
    if value is None:
        return _line_of(rule_node, "condition")
    first = value.start_mark.line + 1
    # A block scalar (| or >) starts on the line after its indicator.
    if getattr(value, "style", None) in ("|", ">"):
        first += 1
    return first + condition_line - 1
