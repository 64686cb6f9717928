"""Policy as code: the rules that decide what review an incident needs.

Pure Python, no Django. A policy is a YAML rules file (``policy.rules``); each rule's
condition is CEL over the incident's facts (``policy.facts``); evaluating a policy on the
facts gives the required actions with the reasons (``policy.evaluate``). The report of the
officer is also checked against what the recordings show (``policy.evidence_check``).
"""

from forcereview.policy.evaluate import FiredRule, Outcome, evaluate
from forcereview.policy.facts import FACTS, build_facts
from forcereview.policy.rules import Policy, PolicyInvalid, Problem, default_policy_text, load_policy, load_policy_file

__all__ = [
    "FACTS",
    "FiredRule",
    "Outcome",
    "Policy",
    "PolicyInvalid",
    "Problem",
    "build_facts",
    "default_policy_text",
    "evaluate",
    "load_policy",
    "load_policy_file",
]
