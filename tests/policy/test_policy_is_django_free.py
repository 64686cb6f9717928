"""The policy core is plain Python: importing and running it never loads Django."""

from __future__ import annotations

import subprocess
import sys


def test_policy_core_never_imports_django():
    code = (
        "import sys\n"
        "from forcereview.policy import load_policy, default_policy_text, build_facts, evaluate\n"
        "from forcereview.policy.evidence_check import check_report\n"
        "from forcereview.policy.facts import SAMPLE_REPORT\n"
        "outcome = evaluate(load_policy(default_policy_text()), build_facts(SAMPLE_REPORT))\n"
        "check_report(SAMPLE_REPORT, [])\n"
        "assert outcome.fired\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docs_list_every_fact_and_action():
    from pathlib import Path

    from forcereview.policy.docs import actions_markdown, facts_markdown

    doc = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text()
    facts = doc.split("<!-- facts:start -->\n")[1].split("<!-- facts:end -->")[0]
    actions = doc.split("<!-- actions:start -->\n")[1].split("<!-- actions:end -->")[0]
    assert facts == facts_markdown(), "docs/policy.md is out of date: print it with `forcereview policy facts`"
    assert actions == actions_markdown()
