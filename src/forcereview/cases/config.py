"""The case rules in force (``FORCEREVIEW_CASE_RULES``) and the jurisdiction of an agency."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from forcereview.cases.rules import CaseRules, Jurisdiction, RulesInvalid, load_rules


@lru_cache(maxsize=4)
def _load(path: str) -> CaseRules:
    return load_rules(path or None)


def rules() -> CaseRules:
    """The rules file named by the setting, read once per process (validated in full)."""
    return _load(settings.CASE_RULES)


def jurisdiction_for(agency) -> Jurisdiction:
    code = (agency.state or settings.JURISDICTION or "").upper()
    found = rules().jurisdictions.get(code)
    if found is None:
        known = ", ".join(sorted(rules().jurisdictions)) or "none"
        raise RulesInvalid(rules().source, [f"jurisdictions.{code or '?'}: no claim periods for {agency.name}'s "
                                            f"state (the rules know {known})"])
    return found
