"""Administrators edit the policy in the app: every problem is named by rule and position
and nothing is saved; a preview shows which recent incidents would change outcome; saving
stores a new version and evaluates the incidents it judges again."""

from __future__ import annotations

from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.policy import default_policy_text
from forcereview.reviews.models import PolicyEvaluation, PolicyVersion
from tests.reviews.conftest import calm_report

STRICTER = default_policy_text().replace("subject.youngest_age < 13", "subject.youngest_age < 16")


def test_the_editor_starts_from_the_latest_version(world, client_as):
    page = client_as("admin").get("/reviews/policy/edit/").content.decode()
    assert "reportable-force-supervisor-review" in page
    assert PolicyVersion.objects.get().number == 1  # the default, stored on first use


def test_problems_are_named_by_rule_and_position_and_nothing_is_saved(world, client_as):
    client = client_as("admin")
    client.get("/reviews/policy/edit/")
    bad = STRICTER.replace("< 16", "< sixteen").replace("- legal_hold\n", "- legal_holds\n", 1)
    response = client.post("/reviews/policy/edit/", {"text": bad, "effective_from": "2025-01-01", "action": "save"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Problems (2)" in page
    assert "rule &#x27;force-on-young-child&#x27;, condition, line 1, column 56 of the condition" in page
    assert "unknown fact &#x27;sixteen&#x27;" in page
    assert "unknown action &#x27;legal_holds&#x27;; did you mean &#x27;legal_hold&#x27;?" in page
    assert PolicyVersion.objects.count() == 1


def test_preview_lists_the_recent_incidents_that_would_change(world, client_as, file_incident):
    teen = file_incident(calm_report(number="TEEN-1", subjects=[{"ref": "S1", "age": 15}]))
    file_incident(calm_report(number="ADULT-1"))
    client = client_as("admin")
    response = client.post("/reviews/policy/edit/", {"text": STRICTER, "effective_from": "2020-01-01", "action": "check"})
    page = response.content.decode()
    assert "1 would change outcome" in page
    assert "TEEN-1" in page and "ADULT-1" not in page
    assert "force-on-young-child" in page
    assert PolicyVersion.objects.count() == 1
    assert "force-on-young-child" not in PolicyEvaluation.objects.get(incident=teen, current=True).rules


def test_saving_stores_a_version_and_evaluates_its_incidents_again(world, client_as, file_incident):
    teen = file_incident(calm_report(number="TEEN-1", subjects=[{"ref": "S1", "age": 15}]))
    client = client_as("admin")
    response = client.post("/reviews/policy/edit/", {"text": STRICTER, "effective_from": "2020-01-01",
                                                     "note": "Children under 16", "action": "save"})
    assert response.status_code == 302
    version = PolicyVersion.objects.get(number=2)
    assert version.note == "Children under 16" and version.created_by == world.users["admin"]
    assert AuditEntry.objects.filter(action="policy.version_saved", object_id=str(version.pk)).exists()
    current = PolicyEvaluation.objects.get(incident=teen, current=True)
    assert current.version == version and "force-on-young-child" in current.rules
    listing = client.get("/reviews/policy/").content.decode()
    assert "v2" in listing and "Children under 16" in listing


def test_a_version_in_force_from_today_leaves_past_incidents_alone(world, client_as, file_incident):
    teen = file_incident(calm_report(number="TEEN-1", subjects=[{"ref": "S1", "age": 15}]))
    client_as("admin").post("/reviews/policy/edit/", {"text": STRICTER, "effective_from": timezone.localdate().isoformat(),
                                                     "action": "save"})
    assert PolicyEvaluation.objects.get(incident=teen, current=True).version.number == 1
