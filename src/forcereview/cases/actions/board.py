"""Reports owed to the state's officer-standards board, each with its deadline.

Triggers (periods from the rules file): a sustained finding in a reportable category; an
officer separating while under investigation; an investigation of reportable misconduct
still open some days after it was first reported; a criminal plea or conviction.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from forcereview.accounts.roles import Role
from forcereview.cases.actions import timeline
from forcereview.cases.actions.common import CaseInvalid, audit_case, require
from forcereview.cases.config import rules
from forcereview.cases.models import StandardsReport
from forcereview.deadlines import actions as deadlines

SUSTAINED = StandardsReport.Trigger.SUSTAINED_FINDING
SEPARATION = StandardsReport.Trigger.SEPARATION
STILL_OPEN = StandardsReport.Trigger.STILL_OPEN
CRIMINAL_OUTCOME = StandardsReport.Trigger.CRIMINAL_OUTCOME

_WHAT = {
    SUSTAINED: "the sustained finding",
    SEPARATION: "the separation while under investigation",
    CRIMINAL_OUTCOME: "the criminal outcome",
}


def _rule_text(rule) -> str:
    return ", ".join(x for x in (rule.citation, f"form {rule.form}" if rule.form else "") if x)


def _open(case, report: StandardsReport, *, by) -> None:
    deadlines.open_deadline(
        by=by, agency=case.agency, kind=timeline.BOARD_REPORT, target=report, due=report.due_on,
        title=f"{case.number}: report to the standards board ({report.get_trigger_display().lower()})",
        basis=report.basis, assignee_role=Role.COMMAND, remind_before=timeline.reminders(),
    )


def owe_report(case, officer, trigger: str, trigger_on: date, *, by) -> StandardsReport | None:
    """Record that a report is owed (once per case, officer and trigger) and open its deadline."""
    rule = rules().board
    period = {SUSTAINED: rule.sustained_finding, SEPARATION: rule.separation_under_investigation,
              CRIMINAL_OUTCOME: rule.criminal_outcome}[trigger]
    if period is None:
        return None
    existing = StandardsReport.objects.filter(case=case, officer=officer, trigger=trigger).first()
    if existing is not None:
        return existing
    due = period.after(trigger_on)
    basis = f"{period} after {_WHAT[trigger]} on {trigger_on.isoformat()} ({_rule_text(rule)})"
    with transaction.atomic():
        report = StandardsReport.objects.create(case=case, officer=officer, trigger=trigger, trigger_on=trigger_on,
                                                due_on=due, basis=basis)
        audit_case("case.board_report_owed", case, by=by, after={
            "report": report.pk, "officer": officer.badge_number if officer else None, "trigger": trigger,
            "due_on": due})
        _open(case, report, by=by)
        _supersede_still_open(case, trigger_on, by=by)
    return report


def open_still_open_report(case, *, by) -> StandardsReport | None:
    """Once a case holds reportable misconduct, a report falls due if it is still open N days
    after the misconduct was first reported. Closing it earlier makes the report unnecessary."""
    rule = rules().board
    if StandardsReport.objects.filter(case=case, trigger=STILL_OPEN).exists():
        return None
    trigger_on = rule.still_open_after.after(case.first_reported_on)
    due = rule.still_open_period.after(trigger_on)
    basis = (f"due if the investigation is still open {rule.still_open_after} after misconduct was first "
             f"reported on {case.first_reported_on.isoformat()} ({_rule_text(rule)})")
    with transaction.atomic():
        report = StandardsReport.objects.create(case=case, officer=None, trigger=STILL_OPEN, trigger_on=trigger_on,
                                                due_on=due, basis=basis)
        audit_case("case.board_report_owed", case, by=by, after={
            "report": report.pk, "trigger": STILL_OPEN, "due_on": due})
        _open(case, report, by=by)
    return report


def _set_not_required(report: StandardsReport, *, by, reason: str) -> None:
    StandardsReport.objects.filter(pk=report.pk).update(status=StandardsReport.Status.NOT_REQUIRED, note=reason)
    report.status, report.note = StandardsReport.Status.NOT_REQUIRED, reason
    audit_case("case.board_report_not_required", report.case, by=by, after={"report": report.pk}, note=reason)
    timeline.cancel(timeline.BOARD_REPORT, report, by=by, reason=reason)


def _supersede_still_open(case, on: date, *, by) -> None:
    for report in StandardsReport.objects.filter(case=case, trigger=STILL_OPEN, status=StandardsReport.Status.DUE,
                                                 due_on__gt=on):
        _set_not_required(report, by=by, reason=f"a report on the outcome is owed instead ({on.isoformat()})")


def close_still_open_reports(case, *, by) -> None:
    today = timeline.today_for(case.agency)
    for report in StandardsReport.objects.filter(case=case, trigger=STILL_OPEN, status=StandardsReport.Status.DUE,
                                                 trigger_on__gt=today):
        _set_not_required(report, by=by, reason=f"the case closed on {today.isoformat()}, before the report fell due")


def file_report(report: StandardsReport, *, by, filed_on: date, board_reference: str = "", note: str = "") -> StandardsReport:
    if report.status != StandardsReport.Status.DUE:
        raise CaseInvalid("status", f"this report is already {report.get_status_display().lower()}")
    if filed_on < report.trigger_on and report.trigger != STILL_OPEN:
        raise CaseInvalid("filed_on", "a report cannot be filed before what it reports")
    with transaction.atomic():
        StandardsReport.objects.filter(pk=report.pk).update(
            status=StandardsReport.Status.FILED, filed_on=filed_on, filed_by=by,
            board_reference=board_reference.strip(), note=note.strip())
        report.refresh_from_db()
        audit_case("case.board_report_filed", report.case, by=by, after={
            "report": report.pk, "filed_on": filed_on, "late": filed_on > report.due_on,
            "board_reference": report.board_reference})
        timeline.meet(timeline.BOARD_REPORT, report, by=by, note=f"filed on {filed_on.isoformat()}")
    return report


def mark_not_required(report: StandardsReport, *, by, reason: str) -> StandardsReport:
    reason = require(reason, "reason", "say why no report is owed")
    if report.status != StandardsReport.Status.DUE:
        raise CaseInvalid("status", f"this report is already {report.get_status_display().lower()}")
    with transaction.atomic():
        _set_not_required(report, by=by, reason=reason)
    return report
