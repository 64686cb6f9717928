"""The reviews REST API: policy outcome and reasons, evaluation on request, claims against
evidence, review tasks and determinations, disagreements, referrals, policy versions."""

from __future__ import annotations

from datetime import date

from forcereview.audit.models import AuditEntry
from forcereview.policy import default_policy_text
from forcereview.reviews.models import PolicyEvaluation, PolicyVersion, ReviewTask
from tests.conftest import report
from tests.reviews.conftest import SCHOOL_RECORDING, calm_report, call


def test_required_actions_and_reasons_of_an_incident(world, client_as, file_incident):
    incident = file_incident(report())
    response = call(client_as("investigator"), "GET", f"/api/reviews/incidents/{incident.pk}/policy")
    assert response.status_code == 200
    body = response.json()
    assert body["policy_version"] == 1 and body["requires_internal_affairs"] is True
    actions = {r["action"]: r for r in body["required"]}
    assert actions["internal_affairs"]["rules"] == ["force-on-young-child", "force-on-juvenile-at-school"]
    assert actions["supervisor_review"]["within_days"] == 1
    young = next(f for f in body["fired"] if f["rule"] == "force-on-young-child")
    assert young["because"] == ["subject age 11 is under 13"] and "DC Metropolitan Police" in young["citation"]


def test_officers_do_not_see_the_policy_outcome_of_their_incident(world, client_as, file_incident):
    incident = file_incident(report())
    assert call(client_as("officer"), "GET", f"/api/reviews/incidents/{incident.pk}/policy").status_code == 403
    page = client_as("officer").get(f"/incidents/{incident.pk}/").content.decode()
    assert "Policy outcome" not in page and "internal affairs" not in page.lower()


def test_evaluate_on_request(world, client_as, file_incident):
    incident = file_incident(calm_report())
    response = call(client_as("supervisor"), "POST", f"/api/reviews/incidents/{incident.pk}/evaluate")
    assert response.status_code == 200 and response.json()["trigger"] == "manual"
    assert PolicyEvaluation.objects.filter(incident=incident).count() == 2


def test_an_outsider_gets_not_found(world, client_as, file_incident):
    incident = file_incident(report())
    assert call(client_as("outsider"), "GET", f"/api/reviews/incidents/{incident.pk}/policy").status_code == 404


def test_claims_against_evidence_side_by_side(world, client_as, file_incident, recordings):
    incident = file_incident(report())
    recordings.attach(incident, SCHOOL_RECORDING)
    flags = call(client_as("supervisor"), "GET", f"/api/reviews/incidents/{incident.pk}/flags").json()
    kinds = {f["kind"] for f in flags}
    assert {"subject_denies_resisting", "bystander_disputes_claim", "claim_without_aggression"} <= kinds
    denial = next(f for f in flags if f["kind"] == "subject_denies_resisting")
    assert denial["claim"]["label"] in ("Subject actively resisted", "Subject assaulted an officer")
    assert denial["quotes"][0]["time"] == "0:34" and "I'm not resisting" in denial["quotes"][0]["text"]


def test_review_tasks_and_a_determination_over_the_api(world, client_as, file_incident, recordings):
    incident = file_incident(report())
    recordings.attach(incident, SCHOOL_RECORDING)
    client = client_as("supervisor")
    mine = call(client, "GET", "/api/reviews/tasks?mine=true").json()
    assert [t["incident_number"] for t in mine] == [incident.number]
    task_id = mine[0]["id"]
    response = call(client, "POST", f"/api/reviews/tasks/{task_id}/determination",
                    {"decision": "within_policy", "rationale": "She pulled away and the takedown was brief."})
    assert response.status_code == 200
    body = response.json()
    assert body["task"]["status"] == "completed"
    assert body["task"]["determination"]["decision"] == "within_policy"
    assert body["disagreement"]["reviewer"] == "supervisor" and len(body["disagreement"]["reasons"]) == 3
    listed = call(client_as("command"), "GET", "/api/reviews/disagreements").json()
    assert [d["incident_number"] for d in listed] == [incident.number]
    referrals = call(client_as("investigator"), "GET", "/api/reviews/referrals").json()
    assert {r["source"] for r in referrals[0]["reasons"]} == {"policy", "safety_net"}


def test_unknown_determination_is_refused(world, client_as, file_incident):
    incident = file_incident(calm_report())
    task = ReviewTask.objects.get(incident=incident)
    response = call(client_as("supervisor"), "POST", f"/api/reviews/tasks/{task.pk}/determination",
                    {"decision": "fine", "rationale": "It was all fine and proportionate."})
    assert response.status_code == 422 and response.json()["field"] == "decision"


def test_referral_decline_over_the_api(world, client_as, file_incident):
    incident = file_incident(report())
    referral_id = call(client_as("investigator"), "GET", "/api/reviews/referrals").json()[0]["id"]
    short = call(client_as("investigator"), "POST", f"/api/reviews/referrals/{referral_id}/decline", {"note": "no"})
    assert short.status_code == 422
    done = call(client_as("investigator"), "POST", f"/api/reviews/referrals/{referral_id}/decline",
                {"note": "Handled by the district attorney's review of the same incident."})
    assert done.status_code == 200 and done.json()["status"] == "declined"
    assert AuditEntry.objects.filter(action="referral.declined", object_id=str(referral_id)).exists()
    assert incident.referrals.get().status == "declined"


def test_policy_versions_over_the_api(world, client_as):
    admin = client_as("admin")
    bad = call(admin, "POST", "/api/reviews/policy/versions",
               {"text": default_policy_text().replace("force.count > 0", "force.count >", 1), "effective_from": "2025-01-01"})
    assert bad.status_code == 422
    (problem,) = bad.json()["problems"]
    assert problem["rule"] == "reportable-force-supervisor-review" and problem["condition_column"] is not None
    assert not PolicyVersion.objects.exists()
    good = call(admin, "POST", "/api/reviews/policy/versions",
                {"text": default_policy_text(), "effective_from": "2025-01-01", "note": "Adopted"})
    assert good.status_code == 201 and good.json()["number"] == 1
    assert PolicyVersion.objects.get().effective_from == date(2025, 1, 1)
    listed = call(client_as("auditor"), "GET", "/api/reviews/policy/versions").json()
    assert [v["number"] for v in listed] == [1]
    assert call(client_as("command"), "POST", "/api/reviews/policy/check", {"text": "x"}).status_code == 403


def test_the_openapi_schema_lists_the_reviews_api(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/reviews/incidents/{incident_id}/policy", "/api/reviews/incidents/{incident_id}/evaluate",
                 "/api/reviews/tasks",
                 "/api/reviews/tasks/{task_id}/determination", "/api/reviews/disagreements", "/api/reviews/referrals"):
        assert path in paths, path
    assert "post" in paths["/api/reviews/incidents/{incident_id}/evaluate"]
    assert "post" in paths["/api/reviews/tasks/{task_id}/determination"]
