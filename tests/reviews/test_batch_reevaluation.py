"""A policy change acts on a whole batch of changed outcomes at once: what acting needs is read
for the batch, and the batch's audit entries are chained and written together. What it writes
and sends is exactly what reading for each incident alone and appending each entry alone did."""

from __future__ import annotations

from datetime import date

from django.core import mail
from django.db import transaction

from forcereview.audit.models import AuditEntry
from forcereview.audit.verify import verify_chain
from forcereview.deadlines.models import Deadline
from forcereview.evidence.models import LegalHold
from forcereview.policy import default_policy_text
from forcereview.records import actions as records_actions
from forcereview.records.models import Incident
from forcereview.reviews import actions
from forcereview.reviews.models import EvidenceFlag, PolicyEvaluation, Referral, ReviewTask
from tests.reviews.conftest import SCHOOL_RECORDING, calm_report
from tests.reviews.test_policy_versions import when

# Young children up to 15, and the lieutenant's review within 10 days: nearly every outcome changes.
WIDE = (default_policy_text().replace("subject.youngest_age < 13", "subject.youngest_age < 16")
        .replace("higher_review: {level: lieutenant, within_days: 7}", "higher_review: {level: lieutenant, within_days: 10}"))
WRITTEN = (PolicyEvaluation, EvidenceFlag, ReviewTask, Deadline, Referral, LegalHold, AuditEntry)
TIMES = {"id", "created_at", "updated_at", "at", "placed_at", "hash", "prev_hash", "next_action_at"}


def _incidents(world, file_incident, recordings, monkeypatch):
    """Incidents evaluated once and not yet acted on, as after an import: adults, teenagers,
    children, several officers, a recording of a child's takedown."""
    from forcereview.evidence import tasks as analysis_tasks

    monkeypatch.setattr(records_actions, "INCIDENT_CHANGED_HOOKS", [])
    monkeypatch.setattr(analysis_tasks, "ANALYSIS_COMPLETED_HOOKS", [])
    made = []
    for n in range(1, 7):
        age = (34, 14, 11, 15, 40, 12)[n - 1]
        officers = [{"badge": "102", "role": "primary", "claims": ["effect_arrest"]}]
        made.append(file_incident(calm_report(number=f"B-{n}", occurred_at=when(2024, 7, n), officers=officers,
                                              subjects=[{"ref": "S1", "age": age, "resistance": ["pulled_away"],
                                                         "injuries": [("broken_bone", "abrasion", "none")[n % 3]]}])))
    recordings.attach(made[2], SCHOOL_RECORDING)
    # In the order a batch reads them, so that one at a time acts in the same order.
    ids = list(Incident.objects.filter(pk__in=[i.pk for i in made]).values_list("pk", flat=True))
    actions.reevaluate(ids, by="import", trigger=PolicyEvaluation.Trigger.IMPORTED, apply=False)
    actions.save_policy_version(world.agency, by=None, text=WIDE, effective_from=date(2024, 1, 1))
    return ids


def _what_a_policy_change_writes(ids, capture) -> dict:
    """Run the re-evaluation in a transaction rolled back afterwards; return what it wrote
    (rows and audit entries, with ids as their order among the new rows) and the mail sent."""
    mail.outbox.clear()
    newest = {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for model in WRITTEN}
    with transaction.atomic():
        with capture(execute=True):
            actions.reevaluate(ids, by="cli")
        assert verify_chain().ok
        written = {model: list(model.objects.filter(pk__gt=newest[model]).order_by("pk").values())
                   for model in WRITTEN}
        transaction.set_rollback(True)
    sent = [(m.subject, sorted(m.to), m.body) for m in mail.outbox]
    mail.outbox.clear()
    order = {model._meta.label_lower: {row["id"]: n for n, row in enumerate(rows)} for model, rows in written.items()}

    def plain(value, key=""):
        if isinstance(value, dict):
            return {k: plain(v, k) for k, v in value.items() if k not in TIMES}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if key == "hold":
            return order["evidence.legalhold"].get(value, value)
        if key == "target":  # a deadline's "reviews.reviewtask:12"
            label, _, pk = value.partition(":")
            return f"{label}:{order.get(label, {}).get(int(pk), pk)}"
        return value

    rows = {}
    for model, listed in written.items():
        rows[model.__name__] = []
        for row in listed:
            row = plain(row)
            if model is Deadline:
                row["target_id"] = order["reviews.reviewtask"][row["target_id"]]
            if model is AuditEntry:
                row["object_id"] = order.get(row["object_type"], {}).get(int(row["object_id"]), row["object_id"])
            for key in ("evaluation_id", "escalated_from_id"):
                row.pop(key, None)
            rows[model.__name__].append(row)
    return {"rows": rows, "sent": sent}


def test_a_batch_acts_on_changed_outcomes_exactly_as_each_incident_read_and_audited_alone(
        world, emails, file_incident, recordings, monkeypatch, django_capture_on_commit_callbacks):
    from contextlib import nullcontext

    from forcereview.reviews.actions import evaluation, outcome

    ids = _incidents(world, file_incident, recordings, monkeypatch)
    together = _what_a_policy_change_writes(ids, django_capture_on_commit_callbacks)

    acted = outcome.apply_outcome

    def reading_alone(incident, result, previous, *, by, reads):
        return acted(incident, result, previous, by=by)

    with monkeypatch.context() as alone:
        alone.setattr(outcome, "apply_outcome", reading_alone)
        alone.setattr(evaluation, "appended_together", nullcontext)  # each entry appended as it is recorded
        each_alone = _what_a_policy_change_writes(ids, django_capture_on_commit_callbacks)

    assert together == each_alone
    rows = together["rows"]
    audited = [e["action"] for e in rows["AuditEntry"]]
    assert audited.count("policy.outcome_changed") >= len(ids) - 1  # the recorded one may keep its outcome
    assert len(rows["ReviewTask"]) >= 4 and len(rows["Deadline"]) == len(rows["ReviewTask"])
    assert {"review_task.opened", "deadline.opened", "referral.created", "evidence.hold_placed"} <= set(audited)
    assert len(together["sent"]) >= len(rows["ReviewTask"])
