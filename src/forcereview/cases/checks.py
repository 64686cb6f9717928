"""A system check: the case rules file in force is read and validated when the app starts
(``forcereview serve``, ``manage check``), so a bad file stops it with every error named."""

from __future__ import annotations

from django.core.checks import Error, register


@register()
def case_rules_are_valid(app_configs, **kwargs):
    from forcereview.cases.config import rules
    from forcereview.cases.rules import RulesInvalid

    try:
        rules()
    except RulesInvalid as exc:
        return [Error(f"{exc.source}: {e}", hint="Fix the file named by FORCEREVIEW_CASE_RULES.",
                      id="cases.E001") for e in exc.errors]
    return []
