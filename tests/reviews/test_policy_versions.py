"""Policy versions in the database with effective dates: an incident is judged by the version
in force when it happened, and the version used is recorded."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from forcereview.audit.models import AuditEntry
from forcereview.cli import main as forcereview
from forcereview.policy import PolicyInvalid, default_policy_text
from forcereview.records.models import Incident
from forcereview.reviews import actions
from forcereview.reviews.models import PolicyEvaluation, PolicyVersion, Referral
from tests.conftest import TZ
from tests.reviews.conftest import calm_report

# The default policy with young children up to 15 instead of under 13.
STRICTER = default_policy_text().replace("subject.youngest_age < 13", "subject.youngest_age < 16")


def when(y, m, d, hour=12):
    return datetime(y, m, d, hour, 0, tzinfo=TZ).isoformat()


def rules_of(incident):
    return PolicyEvaluation.objects.get(incident=incident, current=True).rules


def test_incident_is_judged_by_the_version_in_force_on_its_local_date(world, file_incident):
    actions.ensure_default_policy(world.agency)
    stricter = actions.save_policy_version(world.agency, by=world.users["admin"], text=STRICTER,
                                           effective_from=date(2024, 6, 1), note="Children under 16")
    fourteen = [{"ref": "S1", "age": 14, "sex": "female"}]
    before = file_incident(calm_report(number="A-1", occurred_at=when(2024, 5, 31, 23), subjects=fourteen))
    after = file_incident(calm_report(number="A-2", occurred_at=when(2024, 6, 1, 0), subjects=fourteen))
    assert "force-on-young-child" not in rules_of(before)
    assert "force-on-young-child" in rules_of(after)
    assert PolicyEvaluation.objects.get(incident=after, current=True).version == stricter
    assert PolicyEvaluation.objects.get(incident=before, current=True).version.number == 1


def test_several_versions_on_one_day_the_latest_saved_wins(world, file_incident):
    actions.ensure_default_policy(world.agency)
    actions.save_policy_version(world.agency, by=None, text=STRICTER, effective_from=date(2024, 1, 1))
    third = actions.save_policy_version(world.agency, by=None, text=default_policy_text(), effective_from=date(2024, 1, 1))
    incident = file_incident(calm_report(occurred_at=when(2024, 3, 1)))
    assert PolicyEvaluation.objects.get(incident=incident, current=True).version == third


def test_saving_a_version_is_audited_and_a_bad_one_is_refused_whole(world):
    version = actions.save_policy_version(world.agency, by=world.users["admin"], text=STRICTER,
                                          effective_from=date(2024, 6, 1), note="Children under 16")
    entry = AuditEntry.objects.get(action="policy.version_saved", object_id=str(version.pk))
    assert entry.actor_id == world.users["admin"].pk
    assert entry.after == {"number": 1, "name": "Default use-of-force review policy", "effective_from": "2024-06-01",
                           "digest": version.digest, "note": "Children under 16"}
    with pytest.raises(PolicyInvalid):
        actions.save_policy_version(world.agency, by=None, text=STRICTER.replace("< 16", "< "), effective_from=date(2024, 7, 1))
    assert PolicyVersion.objects.count() == 1


def test_policy_load_and_evaluate_from_the_command_line(world, file_incident, tmp_path, capsys):
    teen = file_incident(calm_report(number="A-1", occurred_at=when(2024, 7, 1), subjects=[{"ref": "S1", "age": 15}]))
    assert "force-on-young-child" not in rules_of(teen)
    path = tmp_path / "policy.yaml"
    path.write_text(STRICTER)
    assert forcereview(["policy", "load", str(path), "--effective", "2024-06-01", "--agency", "mesa",
                        "--note", "Children under 16"]) == 0
    out = capsys.readouterr().out
    assert "stored policy version 2" in out and "1 incidents fall under it" in out
    assert forcereview(["policy", "evaluate", "--all"]) == 0
    captured = capsys.readouterr()
    assert "1 incidents evaluated" in captured.out and "1 changed outcome" in captured.out
    assert "evaluating: 1/1 (100%)" in captured.err  # the progress, as a plain line off a terminal
    assert "force-on-young-child" in rules_of(teen)
    assert AuditEntry.objects.filter(action="policy.outcome_changed", object_id=str(teen.pk)).exists()


def test_policy_load_refuses_a_bad_file_naming_rule_and_position(world, tmp_path, capsys):
    path = tmp_path / "policy.yaml"
    path.write_text(STRICTER.replace("subject.youngest_age < 16", "subject.youngest_age << 16"))
    assert forcereview(["policy", "load", str(path), "--agency", "mesa"]) == 2
    err = capsys.readouterr().err
    assert "1 problem; nothing was stored" in err
    assert "rule 'force-on-young-child', condition, line 1, column 55 of the condition, file line 102: unexpected '<'" in err
    assert not PolicyVersion.objects.exists()


def test_policy_check_and_facts_need_no_database(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(default_policy_text())
    assert forcereview(["policy", "check", str(path)]) == 0
    assert "18 rules, no problems" in capsys.readouterr().out
    assert forcereview(["policy", "facts"]) == 0
    assert "`subject.youngest_age`" in capsys.readouterr().out


def test_evaluate_without_arguments_catches_up_unevaluated_incidents(world, file_incident, capsys):
    incident = file_incident(calm_report())
    PolicyEvaluation.objects.filter(incident=incident).delete()
    assert forcereview(["policy", "evaluate"]) == 0
    assert "1 incidents evaluated" in capsys.readouterr().out
    assert PolicyEvaluation.objects.filter(incident=incident, current=True).exists()
    assert Incident.objects.count() == 1


def test_a_policy_change_writes_only_what_changed(world, file_incident):
    """After a policy change: an audit entry and a new evaluation for each changed outcome; a
    new evaluation without an audit entry where only the version differs; nothing at all
    where nothing differs."""
    teen = file_incident(calm_report(number="T-1", occurred_at=when(2024, 7, 1), subjects=[{"ref": "S1", "age": 14}]))
    adult = file_incident(calm_report(number="A-1", occurred_at=when(2024, 7, 2)))
    first_of_adult = PolicyEvaluation.objects.get(incident=adult, current=True)
    stricter = actions.save_policy_version(world.agency, by=None, text=STRICTER, effective_from=date(2024, 1, 1))
    entries = AuditEntry.objects.filter(action="policy.outcome_changed")

    result = actions.reevaluate([teen.pk, adult.pk], by="cli")
    assert (result["evaluated"], result["changed"], result["stored"]) == (2, 1, 2)
    assert [e.object_id for e in entries] == [str(teen.pk)]
    adult_now = PolicyEvaluation.objects.get(incident=adult, current=True)
    assert adult_now.version == stricter and adult_now.changed is False  # the version used is recorded
    assert adult_now.rules == first_of_adult.rules

    again = actions.reevaluate([teen.pk, adult.pk], by="cli")
    assert (again["evaluated"], again["changed"], again["stored"]) == (2, 0, 0)
    assert PolicyEvaluation.objects.count() == 4 and entries.count() == 1


def test_a_policy_change_does_not_judge_closed_incidents_again(world, file_incident, capsys):
    closed = file_incident(calm_report(number="C-1", occurred_at=when(2024, 7, 1), subjects=[{"ref": "S1", "age": 14}]))
    Incident.objects.filter(pk=closed.pk).update(status="closed")
    before = PolicyEvaluation.objects.get(incident=closed, current=True)
    actions.save_policy_version(world.agency, by=None, text=STRICTER, effective_from=date(2024, 1, 1))
    assert forcereview(["policy", "evaluate", "--all"]) == 0
    assert "1 closed incidents left as they were" in capsys.readouterr().out
    assert PolicyEvaluation.objects.get(incident=closed, current=True) == before  # the record it was closed under
    assert "force-on-young-child" not in rules_of(closed)
    # Asked for by number, it is evaluated (and nothing is acted on: it is closed).
    assert forcereview(["policy", "evaluate", "C-1", "--agency", "mesa"]) == 0
    assert "force-on-young-child" in rules_of(closed)


def test_a_stopped_reevaluation_keeps_its_finished_batches_and_a_rerun_does_the_rest(world, file_incident, monkeypatch):
    """Each batch is one transaction: a run stopped part way keeps the batches it finished
    (evaluation, audit entry and referral together) and loses nothing of the batch it was in;
    running it again evaluates the rest and audits no outcome twice."""
    import gc

    from forcereview.reviews.actions import outcome

    teens = [file_incident(calm_report(number=f"T-{n}", occurred_at=when(2024, 7, n), subjects=[{"ref": "S1", "age": 14}]))
             for n in (1, 2, 3)]
    ids = [t.pk for t in teens]
    actions.save_policy_version(world.agency, by=None, text=STRICTER, effective_from=date(2024, 1, 1))
    def audited():
        return sorted(int(e.object_id) for e in AuditEntry.objects.filter(action="policy.outcome_changed"))

    acted = outcome.apply_outcome

    def stopped_in_the_second_batch(incident, *args, **kwargs):
        if incident.pk == ids[1]:
            raise KeyboardInterrupt
        return acted(incident, *args, **kwargs)

    monkeypatch.setattr(outcome, "apply_outcome", stopped_in_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        actions.reevaluate(ids, by="cli", batch_size=1)
    assert gc.isenabled()
    assert audited() == [ids[0]]
    assert [r.incident_id for r in Referral.objects.all()] == [ids[0]]
    assert "force-on-young-child" in rules_of(teens[0])
    assert "force-on-young-child" not in rules_of(teens[1])  # its batch was rolled back whole

    monkeypatch.setattr(outcome, "apply_outcome", acted)
    again = actions.reevaluate(ids, by="cli", batch_size=1)
    assert (again["evaluated"], again["changed"], again["stored"]) == (3, 2, 2)
    assert audited() == sorted(ids)
    assert sorted(r.incident_id for r in Referral.objects.all()) == sorted(ids)
