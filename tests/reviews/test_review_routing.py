"""Reviews go up the chain of command with deadlines from the policy; overdue ones move up
and show on the dashboards."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from forcereview.audit.models import AuditEntry
from forcereview.cli import main as forcereview
from forcereview.deadlines.models import Deadline
from forcereview.records.models import Incident
from forcereview.reviews.models import ReviewTask
from tests.reviews.conftest import calm_report, determine


def test_first_review_goes_to_the_officers_sergeant_due_by_the_policy(
        emails, file_incident, django_capture_on_commit_callbacks, mailoutbox):
    world = emails
    with django_capture_on_commit_callbacks(execute=True):
        incident = file_incident(calm_report())
    (task,) = ReviewTask.objects.filter(incident=incident)
    assert (task.level, task.assignee, task.status, task.origin) == ("supervisor", world.sergeant, "open", "policy")
    assert task.due_on == timezone.localdate() + timedelta(days=3)
    assert task.rules == ["reportable-force-supervisor-review"]
    deadline = Deadline.objects.get(kind="review.task", target_id=task.pk)
    assert deadline.assignee_user == world.users["supervisor"]
    assert AuditEntry.objects.filter(action="review_task.opened", object_id=str(task.pk)).exists()
    assert Incident.objects.get(pk=incident.pk).status == "reported"  # still correctable until a reviewer acts
    (mail,) = [m for m in mailoutbox if "supervisor@mesa.example" in m.to]
    assert mail.subject.startswith("Review due") and "supervisor review" in mail.body


def test_the_lieutenant_reviews_after_the_sergeant_when_the_policy_asks(world, client_as, file_incident, lieutenant_login):
    incident = file_incident(calm_report(subjects=[{"ref": "S1", "age": 34, "injuries": ["complaint_of_pain"]}]))
    first = ReviewTask.objects.get(incident=incident)
    response = determine(client_as("supervisor"), first)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "completed" and first.determination.decision == "within_policy"
    second = ReviewTask.objects.get(incident=incident, level="lieutenant")
    assert (second.assignee, second.origin, second.status) == (world.lieutenant, "chain", "open")
    assert second.due_on == timezone.localdate() + timedelta(days=7)
    assert Deadline.objects.get(kind="review.task", target_id=first.pk).status == "met"
    assert Incident.objects.get(pk=incident.pk).status == "under_review"


def test_a_calm_incident_is_reviewed_once_and_closed_out(world, client_as, file_incident):
    incident = file_incident(calm_report())
    determine(client_as("supervisor"), ReviewTask.objects.get(incident=incident))
    assert ReviewTask.objects.filter(incident=incident).count() == 1
    assert Incident.objects.get(pk=incident.pk).status == "reviewed"


def test_an_overdue_review_moves_up_the_chain(world, file_incident, capsys, lieutenant_login):
    incident = file_incident(calm_report())
    task = ReviewTask.objects.get(incident=incident)
    later = (timezone.now() + timedelta(days=5)).isoformat()
    assert forcereview(["deadlines", "run", "--now", later]) == 0
    task.refresh_from_db()
    assert task.status == "escalated"
    moved = ReviewTask.objects.get(escalated_from=task)
    assert (moved.level, moved.assignee, moved.origin) == ("supervisor", world.lieutenant, "escalation")
    assert Deadline.objects.get(kind="review.task", target_id=task.pk).status == "cancelled"
    assert Deadline.objects.get(kind="review.task", target_id=moved.pk).assignee_user == lieutenant_login
    entry = AuditEntry.objects.get(action="review_task.escalated", object_id=str(task.pk))
    assert "moved to" in entry.after["note"]


def test_when_the_chain_runs_out_command_staff_take_the_review(world, file_incident):
    from forcereview.records.actions import update_officer

    update_officer(world.officer, supervisor=None, by=None)  # an officer with nobody above
    incident = file_incident()
    task = ReviewTask.objects.get(incident=incident, level="supervisor")
    assert task.assignee is None
    assert Deadline.objects.get(kind="review.task", target_id=task.pk).assignee_role == "command"


def test_overdue_reviews_show_first_on_the_queue_and_on_commands_dashboard(world, client_as, file_incident):
    old = file_incident(calm_report(number="OLD-1"))
    new = file_incident(calm_report(number="NEW-1"))
    ReviewTask.objects.filter(incident=old).update(due_on=timezone.localdate() - timedelta(days=2))
    ReviewTask.objects.filter(incident=new).update(due_on=timezone.localdate() + timedelta(days=9))
    page = client_as("supervisor").get("/reviews/").content.decode()
    assert page.index("OLD-1") < page.index("NEW-1")
    assert "overdue" in page[page.index("OLD-1") - 400: page.index("OLD-1")]
    assert "Every reportable use of force is reviewed" in page  # the reason is shown with the review
    home = client_as("command").get("/").content.decode()
    assert "Overdue reviews in the agency" in home and "OLD-1" in home


def test_an_escalated_review_is_mailed_after_commit_and_waits_on_the_next_levels_pages(
        emails, client, client_as, file_incident, lieutenant_login, django_capture_on_commit_callbacks, mailoutbox):
    world = emails
    incident = file_incident(calm_report(number="LATE-1"))
    task = ReviewTask.objects.get(incident=incident)
    later = (timezone.now() + timedelta(days=5)).isoformat()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert forcereview(["deadlines", "run", "--now", later]) == 0
        assert not [m for m in mailoutbox if "Overdue review moved up" in m.subject]  # not before the commit
    for callback in callbacks:
        callback()
    (moved_mail,) = [m for m in mailoutbox if "Overdue review moved up" in m.subject]
    assert {"lieutenant@mesa.example", "supervisor@mesa.example", "command@mesa.example"} <= set(moved_mail.to)
    assert "LATE-1" in moved_mail.subject and "It is now assigned to" in moved_mail.body

    moved = ReviewTask.objects.get(escalated_from=task)
    assert moved.assignee == world.lieutenant and moved.is_open
    client.force_login(lieutenant_login)
    queue = client.get("/reviews/").content.decode()
    row = re.search(r'<tr class="[^"]*">(?:(?!</tr>).)*LATE-1(?:(?!</tr>).)*</tr>', queue, re.S).group(0)
    assert queue.index('id="my-queue"') < queue.index(row)
    assert ">escalated</span>" in row and "Escalated: the review by" in row
    home = client.get("/").content.decode()
    assert "LATE-1" in home
    assert "LATE-1" not in client_as("supervisor").get("/reviews/").content.decode()  # no longer the sergeant's


def test_routing_reads_the_involved_officers_with_their_chain_of_command_at_once(
        world, file_incident, django_assert_num_queries):
    from forcereview.reviews.routing import route

    incident = Incident.objects.get(pk=file_incident(calm_report()).pk)
    # the officers with their chain up to the chief, then earlier reviewers: a re-evaluation
    # that changes many outcomes routes a review for each
    with django_assert_num_queries(2):
        assert route(incident, "supervisor") == world.sergeant
    with django_assert_num_queries(2):
        assert route(incident, "commander") == world.captain
