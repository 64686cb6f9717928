"""Judging incidents by the policy: gather the facts, check the report against the evidence,
evaluate, store the evaluation (auditing every change of outcome) and act on what the policy
requires (reviews, referral, legal hold, notices, incident status).

One code path serves a single incident (a report filed or corrected, a recording analysed)
and many (``forcereview policy evaluate --all`` after a policy change, a bulk import): the
incidents are read in batches with everything prefetched, and the evaluations and audit
entries are written in bulk.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from forcereview.audit.actions import Change, appended_together, record_many
from forcereview.engine.collector import collector_paused
from forcereview.policy import Outcome, build_facts, evaluate
from forcereview.policy.evidence_check import check_report
from forcereview.records.models import Incident
from forcereview.reviews.gather import EvidenceOf, Inputs, gather_loaded, reports_of
from forcereview.reviews.models import EvidenceFlag, PolicyEvaluation, PolicyVersion
from forcereview.reviews.versions import VersionTable, compiled, local_date

BATCH = 500


@dataclass
class Judged:
    incident: Incident
    version: PolicyVersion
    outcome: Outcome
    facts: dict
    inputs: Inputs


def summary(evaluation_or_outcome, version_number: int | None = None) -> dict:
    """What the audit keeps of an outcome."""
    if isinstance(evaluation_or_outcome, PolicyEvaluation):
        e = evaluation_or_outcome
        return {"policy_version": e.version.number, "rules": e.rules,
                "required": [r["text"] for r in e.outcome.get("required", [])]}
    o = evaluation_or_outcome
    return {"policy_version": version_number, "rules": o.rule_ids, "required": [r.text for r in o.required]}


# -- report-against-evidence flags -------------------------------------------------------------------


def sync_flags(incident: Incident, found, existing: list[EvidenceFlag], changes: list[Change]) -> list[EvidenceFlag]:
    """Bring the stored flags of ``incident`` in line with ``found`` (``policy.evidence_check``);
    returns the flags still open. New flags open; flags the evidence no longer raises are
    cleared; a reviewer's resolution is kept while the same flag is raised again."""
    now = timezone.now()
    by_key = {f.key: f for f in existing}
    still_open = []
    for flag in found:
        row = by_key.pop(flag.key, None)
        fields = dict(kind=flag.kind, claim=flag.claim, summary=flag.summary, evidence=flag.evidence,
                      quotes=[q.to_dict() for q in flag.quotes])
        if row is None:
            row = EvidenceFlag.objects.create(incident=incident, key=flag.key, **fields)
            changes.append(_flag_change("evidence_flag.raised", row, after={"kind": row.kind, "summary": row.summary}))
        else:
            reopened = row.status == EvidenceFlag.Status.CLEARED
            differs = reopened or any(getattr(row, key) != value for key, value in fields.items())
            for key, value in fields.items():
                setattr(row, key, value)
            if reopened:
                row.status = EvidenceFlag.Status.OPEN
                changes.append(_flag_change("evidence_flag.raised", row, before={"status": "cleared"},
                                            after={"status": "open", "summary": row.summary}))
            if differs:  # a flag raised again just as it was is not written again
                row.updated_at = now
                row.save()
        if row.status == EvidenceFlag.Status.OPEN:
            still_open.append(row)
    for row in by_key.values():
        if row.status == EvidenceFlag.Status.OPEN:
            row.status, row.updated_at = EvidenceFlag.Status.CLEARED, now
            row.save(update_fields=["status", "updated_at"])
            changes.append(_flag_change("evidence_flag.cleared", row, before={"status": "open"},
                                        after={"status": "cleared"}))
    return still_open


def _flag_change(action: str, flag: EvidenceFlag, before=None, after=None) -> Change:
    return Change(action=action, object_type="reviews.evidenceflag", object_id=str(flag.pk),
                  object_repr=str(flag)[:300], before=before, after=after, agency_id=flag.incident.agency_id)


# -- evaluating ------------------------------------------------------------------------------------------


def _fill_tables(tables: dict[int, VersionTable], agency_ids: Iterable[int]) -> dict[int, VersionTable]:
    """The version table of each agency, storing the default policy for an agency without one."""
    from forcereview.records.models import Agency
    from forcereview.reviews.actions.policy import ensure_default_policy

    for agency_id in set(agency_ids) - set(tables):
        table = VersionTable.of(agency_id)
        if not table.versions:
            ensure_default_policy(Agency.objects.get(pk=agency_id))
            table = VersionTable.of(agency_id)
        tables[agency_id] = table
    return tables


def judge(incident: Incident, table: VersionTable, flags: list[EvidenceFlag], changes: list[Change],
          evidence_of: EvidenceOf | None = None, report: dict | None = None) -> Judged:
    if report is None:
        inputs = gather_loaded(incident, evidence_of)
    else:
        inputs = Inputs(report, analyses=evidence_of.analyses.get(incident.pk, []),
                        recording_count=evidence_of.recordings.get(incident.pk, 0))
    found = check_report(inputs.report, inputs.analyses)
    open_flags = sync_flags(incident, found, flags, changes) if (found or flags) else []
    facts = build_facts(
        inputs.report, analyses=inputs.analyses, recording_count=inputs.recording_count,
        flags=[{"kind": f.kind} for f in open_flags],
    )
    version = table.for_date(local_date(incident.occurred_at, incident.agency.timezone))
    return Judged(incident, version, evaluate(compiled(version), facts), facts, inputs)


@dataclass(frozen=True)
class _Current:
    """What decides whether an incident's outcome changed: its current evaluation's id,
    version and signature."""

    pk: int
    version_id: int
    signature: dict


def _outcome_part(signature: dict) -> dict:
    """A stored signature without the version number: what decides whether the outcome changed."""
    return {k: v for k, v in signature.items() if k != "version"}


@dataclass
class BatchResult:
    created: list[PolicyEvaluation]  # the evaluations stored
    judged: int  # incidents evaluated (an unchanged outcome after a policy change stores nothing)
    changed: int  # of them, outcomes that changed (or first evaluations)
    skipped_closed: int  # closed incidents a policy change does not judge again


def evaluate_batch(
    ids: list[int],
    *,
    by,
    trigger: str,
    apply: bool = True,
    tables: dict[int, VersionTable] | None = None,
) -> list[PolicyEvaluation]:
    """Evaluate the incidents ``ids`` in one transaction; returns their new evaluations."""
    return _evaluate_batch(ids, by=by, trigger=trigger, apply=apply, tables=tables).created


def _evaluate_batch(ids, *, by, trigger, apply=True, tables=None) -> BatchResult:
    """What is written, by what changed:

    - a first evaluation, or an outcome that differs from the current one (other rules fired,
      other actions required): a new evaluation, an audit entry, and the outcome is acted on;
    - the same outcome under another policy version: a new evaluation (the version used is
      recorded), with no audit entry and nothing to act on;
    - the same outcome under the same version, after a policy change: nothing at all (the
      current evaluation stands); on any other trigger a new evaluation records when it ran.

    After a policy change (trigger ``policy``) closed incidents are not judged again: they
    were reviewed and closed under the outcome of their time, which stays their record.
    """
    from forcereview.reviews.actions.outcome import HOLD_KEY, apply_outcome
    from forcereview.reviews.batchreads import BatchReads

    policy_change = trigger == PolicyEvaluation.Trigger.POLICY
    with transaction.atomic():
        incidents = list(Incident.objects.filter(pk__in=list(ids)).select_related("agency", "reported_by"))
        skipped = 0
        if policy_change:
            skipped = sum(1 for i in incidents if i.status == "closed")
            incidents = [i for i in incidents if i.status != "closed"]
        if not incidents:
            return BatchResult([], 0, 0, skipped)
        pks = [i.pk for i in incidents]
        tables = _fill_tables(tables if tables is not None else {}, (i.agency_id for i in incidents))
        # The current evaluations as (id, version, signature): the whole row (its outcome, the
        # largest JSON of all) is read below only for the outcomes that are audited or acted on.
        previous = {
            incident_id: _Current(pk, version_id, signature)
            for pk, incident_id, version_id, signature in PolicyEvaluation.objects.filter(
                incident_id__in=pks, current=True).values_list("pk", "incident_id", "version_id", "signature")
        }
        flags: dict[int, list[EvidenceFlag]] = {}
        for flag in EvidenceFlag.objects.filter(incident_id__in=pks).select_related("incident"):
            flags.setdefault(flag.incident_id, []).append(flag)
        evidence_of = EvidenceOf(pks)
        reports = reports_of(incidents)
        changes: list[Change] = []
        judged = [judge(i, tables[i.agency_id], flags.get(i.pk, []), changes, evidence_of, reports[i.pk])
                  for i in incidents]

        now = timezone.now()
        rows, kept, replaced = [], [], []
        for j in judged:
            current = previous.get(j.incident.pk)
            signature = {"version": j.version.number, **j.outcome.signature()}
            changed = current is None or _outcome_part(current.signature) != _outcome_part(signature)
            same_version = current is not None and current.version_id == j.version.pk
            if policy_change and not changed and same_version:
                continue
            outcome = j.outcome.to_dict()
            risk = j.facts["risk"]
            rows.append(PolicyEvaluation(
                incident=j.incident, version=j.version, created_at=now, trigger=trigger, outcome=outcome,
                signature=signature, rules=j.outcome.rule_ids,
                requires_internal_affairs=outcome["requires_internal_affairs"],
                risk_level=risk["level"], risk_score=min(risk["score"], 100),
                current=True, changed=changed,
            ))
            if current is not None:
                replaced.append(current.pk)
            if changed or trigger not in (PolicyEvaluation.Trigger.POLICY, PolicyEvaluation.Trigger.IMPORTED):
                kept.append((j, current, changed))
        earlier = PolicyEvaluation.objects.select_related("version").in_bulk(
            [current.pk for _, current, _ in kept if current is not None])
        acted, changed_count = [], 0
        for j, current, changed in kept:
            before = earlier[current.pk] if current is not None else None
            if changed:
                changed_count += 1
                changes.append(Change(
                    action="policy.evaluated" if before is None else "policy.outcome_changed",
                    object_type="records.incident", object_id=str(j.incident.pk), object_repr=str(j.incident),
                    before=summary(before) if before is not None else None,
                    after=summary(j.outcome, j.version.number), note=_trigger_note(trigger, by),
                    agency_id=j.incident.agency_id,
                ))
            acted.append((j, before))
        if replaced:
            PolicyEvaluation.objects.filter(pk__in=replaced).update(current=False)
        created = PolicyEvaluation.objects.bulk_create(rows) if rows else []
        # The batch's audit entries (thousands when a policy change alters every outcome) are
        # chained and written together at the end of the block, in this transaction.
        with appended_together():
            if changes:
                # The policy acts on its own: its entries are the system's, naming who set it off.
                record_many(changes, by=None)
            if apply and acted:
                reads = BatchReads([j.incident for j, _ in acted], hold_key=HOLD_KEY)
                for j, before in acted:
                    apply_outcome(j.incident, j.outcome, before.outcome if before else None, by=None, reads=reads)
    return BatchResult(created, len(judged), changed_count, skipped)


def _trigger_note(trigger: str, by) -> str:
    label = dict(PolicyEvaluation.Trigger.choices).get(trigger, trigger)
    who = getattr(by, "username", None) or (by if isinstance(by, str) else None)
    return f"{label}" + (f" by {who}" if who else "")


def evaluate_incident(incident: Incident, *, by, trigger: str = PolicyEvaluation.Trigger.MANUAL) -> PolicyEvaluation:
    """Evaluate one incident now and act on the outcome, in the caller's transaction."""
    created = evaluate_batch([incident.pk], by=by, trigger=trigger)
    if created:
        return created[0]
    # A policy change that left the outcome as it was stores nothing: the current one stands.
    return PolicyEvaluation.objects.filter(incident=incident, current=True).first()


def reevaluate(
    ids: Iterable[int],
    *,
    by,
    trigger: str = PolicyEvaluation.Trigger.POLICY,
    batch_size: int = BATCH,
    progress: Callable[[int], None] | None = None,
    apply: bool = True,
) -> dict:
    """Evaluate many incidents, one transaction per batch; returns counts."""
    ids = list(ids)
    done = changed = skipped = stored = 0
    tables: dict[int, VersionTable] = {}
    # A batch makes hundreds of thousands of short-lived objects (rows, facts, outcomes): the
    # cycle collector walking them every few hundred allocations took a fifth of the time.
    # It is paused for the run (as for an analysis) and collects the young objects once a
    # batch instead, so memory stays flat.
    with collector_paused():
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            result = _evaluate_batch(batch, by=by, trigger=trigger, apply=apply, tables=tables)
            done += result.judged
            changed += result.changed
            skipped += result.skipped_closed
            stored += len(result.created)
            gc.collect(1)
            if progress:
                progress(min(start + len(batch), len(ids)))
    return {"evaluated": done, "changed": changed, "stored": stored, "skipped_closed": skipped}
