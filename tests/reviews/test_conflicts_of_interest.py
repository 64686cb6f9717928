"""Nobody reviews an incident in which they used force, witnessed it or were present, and
nobody reviews their own review."""

from __future__ import annotations

from forcereview.audit.models import AuditEntry
from forcereview.reviews.models import Determination, ReviewTask
from tests.reviews.conftest import calm_report, determine


def test_a_sergeant_who_witnessed_the_incident_is_passed_over(world, file_incident):
    data = calm_report(officers=[{"badge": "102", "role": "primary"}, {"badge": "30", "role": "witness"}])
    incident = file_incident(data)
    task = ReviewTask.objects.get(incident=incident)
    assert task.assignee == world.lieutenant


def test_supervisor_cannot_review_an_incident_they_used_force_in(world, client_as, file_incident):
    data = calm_report(officers=[{"badge": "102", "role": "primary"}, {"badge": "30", "role": "assisting"}],
                       force=[{"officer": "102", "subject": "S1", "type": "takedown"},
                              {"officer": "30", "subject": "S1", "type": "control_hold"}])
    incident = file_incident(data)
    task = ReviewTask.objects.get(incident=incident)
    assert task.assignee == world.lieutenant
    # Even pointed at the review directly, the sergeant is refused, and nothing is written.
    task.assignee = world.sergeant
    task.save(update_fields=["assignee"])
    before = AuditEntry.objects.count()
    response = determine(client_as("supervisor"), task)
    assert response.status_code == 302
    follow = client_as("supervisor").get(response["Location"]).content.decode()
    assert "Not recorded: you used force in this incident, so you may not review it." in follow
    assert not Determination.objects.exists()
    assert AuditEntry.objects.count() == before


def test_command_cannot_take_over_a_review_of_an_incident_they_were_present_at(world, client_as, file_incident):
    data = calm_report(officers=[{"badge": "102", "role": "primary"}, {"badge": "10", "role": "witness"}])
    incident = file_incident(data)
    task = ReviewTask.objects.get(incident=incident)
    response = client_as("command").post(f"/api/reviews/tasks/{task.pk}/determination",
                                         data={"decision": "within_policy", "rationale": "x" * 40},
                                         content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "you witnessed this incident, so you may not review it", "field": "reviewer",
                               "problems": None}
    assert ReviewTask.objects.get(pk=task.pk).status == "open"


def test_nobody_reviews_their_own_review(world, client_as, file_incident):
    # Force with an intermediate weapon: the policy wants the lieutenant level too.
    incident = file_incident(calm_report(force=[{"officer": "102", "subject": "S1", "type": "cew_probe"}]))
    first = ReviewTask.objects.get(incident=incident, level="supervisor")
    # The captain (command) takes over the first review.
    assert determine(client_as("command"), first).status_code == 302
    assert Determination.objects.get(task=first).reviewer_officer == world.captain
    second = ReviewTask.objects.get(incident=incident, level="lieutenant")
    assert second.assignee == world.lieutenant
    # ...and may not also make the next level's determination.
    response = client_as("command").post(f"/api/reviews/tasks/{second.pk}/determination",
                                         data={"decision": "within_policy", "rationale": "x" * 40},
                                         content_type="application/json")
    assert response.status_code == 403
    assert "nobody reviews their own review" in response.json()["detail"]


def test_a_supervisor_cannot_make_a_determination_assigned_to_another(world, client_as, file_incident):
    from forcereview.accounts.actions import create_user

    create_user(by=None, username="other", password=world.password, role="supervisor", agency=world.agency,
                officer=world.other_sergeant)
    incident = file_incident(calm_report())
    task = ReviewTask.objects.get(incident=incident)
    client = client_as("supervisor")
    client.force_login(world.users["supervisor"].__class__.objects.get(username="other"))
    response = client.post(f"/api/reviews/tasks/{task.pk}/determination",
                           data={"decision": "within_policy", "rationale": "x" * 40}, content_type="application/json")
    assert response.status_code == 404  # not in their chain: not found, like a missing review
