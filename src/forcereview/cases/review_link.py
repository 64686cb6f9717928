"""Where cases meet the review workflow: the policy's reasons, the chain-of-command reviews,
the reviewers' disagreements and the report-against-evidence flags of a case's incidents,
for the case page and the case file; and the reviews a reviewer under review answers for."""

from __future__ import annotations

from forcereview.cases.models import Case, CaseOfficer


def reviews_section(case: Case, user, incidents) -> dict | None:
    """``CASE_FILE_SECTIONS`` entry: per incident, the policy outcome and every review."""
    from forcereview.reviews.access import disagreements_for, flags_of, tasks_for
    from forcereview.reviews.models import PolicyEvaluation

    rows = []
    for incident in incidents:
        evaluation = (PolicyEvaluation.objects.filter(incident=incident, current=True).select_related("version")
                      .order_by("-id").first())
        tasks = list(tasks_for(user).filter(incident=incident).select_related("assignee", "determination",
                                                                               "determination__reviewer")
                     .order_by("created_at", "id"))
        disagreements = list(disagreements_for(user).filter(incident=incident).select_related("reviewer"))
        flags = list(flags_of(user, incident))
        if evaluation or tasks or disagreements or flags:
            rows.append({"incident": incident, "evaluation": evaluation, "tasks": tasks,
                         "disagreements": disagreements, "flags": flags})
    if not rows:
        return None
    return {"title": "Policy, reviews and the report against the evidence", "rows": rows,
            "template": "cases/sections/reviews.html", "pdf_template": "cases/sections/reviews_pdf.html"}


def reviews_answerable(case: Case):
    """Determinations on the case's incidents made by its reviewers under review: the reviews
    an allegation of a review failure can name."""
    from forcereview.reviews.models import Determination

    reviewers = case.officer_links.filter(role=CaseOfficer.Role.REVIEWER).values("officer_id")
    return (Determination.objects.filter(task__incident__case_links__case=case, reviewer_officer_id__in=reviewers)
            .select_related("task", "task__incident", "reviewer_officer").order_by("created_at", "id"))


def check_review(case: Case, officer, review) -> None:
    """The review named in an allegation must be one of this reviewer's on this case's incidents."""
    from forcereview.cases.actions.common import CaseInvalid
    from forcereview.reviews.models import Determination

    if not isinstance(review, Determination):
        raise CaseInvalid("review", "name the reviewer's determination")
    if review.reviewer_officer_id != officer.pk:
        raise CaseInvalid("review", "that review was made by another officer")
    if not case.incident_links.filter(incident_id=review.task.incident_id).exists():
        raise CaseInvalid("review", "that review is of an incident outside this case")
