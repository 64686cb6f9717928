"""How the reviews app hears of changes elsewhere.

- ``records.actions.INCIDENT_CHANGED_HOOKS``: a report filed or corrected is evaluated at
  once, in the same transaction. Imported reports are collected and evaluated in batches
  once the import has committed (an import of 100,000 reports does not evaluate them one by
  one inside its transaction); ``forcereview policy evaluate`` catches up any left behind.
- ``evidence`` ``ANALYSIS_COMPLETED_HOOKS``: a recording analysed re-evaluates its incident,
  in the transaction that stores the analysis.
- ``cases`` ``CASE_OPENED_HOOKS``: a case opened from a referral marks the referral opened.
"""

from __future__ import annotations

import logging

from django.db import transaction

log = logging.getLogger(__name__)



class _EvaluateImported:
    """An after-commit callback evaluating every incident imported in the transaction. It
    lives in the connection's list of after-commit callbacks, so a rolled-back import takes
    its pending incidents with it."""

    def __init__(self, by):
        self.by = by
        self.ids: list[int] = []

    def __call__(self) -> None:
        from forcereview.reviews.actions import reevaluate

        ids, self.ids = self.ids, []
        if ids:
            reevaluate(ids, by=self.by, trigger="imported")


def on_incident_changed(incident, event: str, by) -> None:
    from forcereview.reviews.actions import evaluate_incident

    if event == "imported":
        _defer(incident.pk, by)
        return
    evaluate_incident(incident, by=by, trigger={"created": "created", "updated": "updated"}.get(event, "manual"))


def _defer(incident_id: int, by) -> None:
    connection = transaction.get_connection()
    for entry in connection.run_on_commit:
        callback = entry[1]
        if isinstance(callback, _EvaluateImported):
            callback.ids.append(incident_id)
            return
    callback = _EvaluateImported(by)
    callback.ids.append(incident_id)
    transaction.on_commit(callback)


def on_analysis_completed(incident, item, by) -> None:
    from forcereview.reviews.actions import evaluate_incident

    evaluate_incident(incident, by=by, trigger="analysis")


def on_case_opened(case, by) -> None:
    from forcereview.reviews.actions.referrals import on_case_opened as mark

    mark(case, by)


def connect() -> list[str]:
    """Register the hooks; returns the names of the apps that were not there to hook into."""
    from forcereview.records.actions import INCIDENT_CHANGED_HOOKS

    missing = []
    if on_incident_changed not in INCIDENT_CHANGED_HOOKS:
        INCIDENT_CHANGED_HOOKS.append(on_incident_changed)
    analysis_hooks = _find("forcereview.evidence.hooks", "forcereview.evidence.actions", name="ANALYSIS_COMPLETED_HOOKS")
    if analysis_hooks is None:
        missing.append("evidence")
    elif on_analysis_completed not in analysis_hooks:
        analysis_hooks.append(on_analysis_completed)
    case_hooks = _find("forcereview.cases.actions", "forcereview.cases.actions.cases", name="CASE_OPENED_HOOKS")
    if case_hooks is None:
        missing.append("cases")
    elif on_case_opened not in case_hooks:
        case_hooks.append(on_case_opened)
    return missing


def _find(*modules: str, name: str):
    import importlib

    for module in modules:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None
