"""Two years of reviews in the demo agency, made through the reviews app's actions.

Generated incidents older than ``HISTORY_DAYS`` (60) were closed before the agency used
forcereview; the review policy leaves closed incidents alone. Everything newer, and every
featured incident, goes through the workflow: the policy is evaluated, review tasks are routed
up the chain of command, and the supervisors make their determinations. Reviews of the last
``OPEN_DAYS`` days are still waiting, so the supervisor's queue has work in it.

A reviewer finds an incident within policy unless the system would disagree (the policy sends
it to internal affairs, the recording is rated high risk, or the recording does not support
the report): then the reviewer refers it to internal affairs. The one exception is the
school case, where the sergeant finds the takedown of the 11-year-old within policy and the
safety net records the disagreement, refers the incident and puts the lieutenant on it.
Internal affairs declines the referrals that need no case after ``REFERRAL_DAYS`` days.
"""

from __future__ import annotations

import random
from datetime import date
from zoneinfo import ZoneInfo

from forcereview.records.demo.generate import DemoData
from forcereview.records.models import Agency, Incident, Officer

OPEN_DAYS = 12
REFERRAL_DAYS = 21
CASE_KEYS = ("school_takedown", "neck_restraint")  # referrals that become cases (see casework)
DISAGREEMENT_KEY = "school_takedown"
# Reviews left for the demo's supervisor to make: Sergeant Ortega's queue (Officer Holloway's
# shoplifting arrest, where the recording disputes the report, and the transit-center restraint).
KEEP_OPEN = ("shoplift_not_resisting", "prone_welfare")

RATIONALES = {
    "within_policy": (
        "Reviewed the report and the officers' statements. The subject's resistance and the force used match; "
        "the force stopped once the subject was under control. Within policy.",
        "The force was proportionate to the active resistance described and ended when the subject was "
        "handcuffed. Medical attention was offered. Within policy.",
        "Commands were given before force was used and the level of force matched the resistance. No injury "
        "beyond what the report describes. Within policy.",
    ),
    "within_policy_training": (
        "Within policy, but the takedown came quickly after the first command; the officer should attend the "
        "de-escalation refresher.",
        "Within policy. The handcuffing technique left the subject exposed to a fall; remedial defensive-tactics "
        "training recommended.",
    ),
    "refer_internal_affairs": (
        "The review policy requires internal affairs for this incident; referring it with my review notes.",
        "The force may well be justified, but the recording is rated high risk and must be reviewed by "
        "professional standards. Referred.",
    ),
}
SCHOOL_RATIONALE = (
    "The student refused several lawful directions, pulled away and struck the officer with her elbow. The "
    "officer used a takedown and a brief restraint to control an assaultive subject, then called the school "
    "nurse. Within policy."
)
DECLINE_NOTE = (
    "Professional standards reviewed the report, the recording where there is one, and the reviewers' "
    "determinations. No misconduct identified; no case opened."
)


def _local_day(incident: Incident) -> date:
    return incident.occurred_at.astimezone(ZoneInfo(incident.agency.timezone)).date()


def reviewer_usernames(data: DemoData) -> dict[str, str]:
    """Roster key -> user name of every reviewer without a demo login."""
    with_login = {login.officer for login in data.logins if login.officer}
    return {key: f"{spec.first_name}.{spec.last_name}".lower() for key, spec in data.roster.officers.items()
            if key not in with_login and spec.rank in {"sergeant", "lieutenant", "captain"}}


def reviewer_accounts(agency: Agency, data: DemoData, officers: dict[str, Officer], logins: dict[int, object]) -> dict:
    """An account for every sergeant, lieutenant and captain who reviews, besides the demo
    logins. They hold no password: they exist so reviews are made by the people routed them."""
    from forcereview.accounts.actions import create_user
    from forcereview.records.demo.load import DEMO_ACTOR

    accounts = dict(logins)
    for key, username in reviewer_usernames(data).items():
        spec, officer = data.roster.officers[key], officers[key]
        accounts[officer.pk] = create_user(
            by=DEMO_ACTOR, username=username, password=None,
            role="command" if spec.rank == "captain" else "supervisor", agency=agency, officer=officer,
            first_name=spec.first_name, last_name=spec.last_name, email=spec.email,
        )
    return accounts


def close_history(agency: Agency, data: DemoData) -> None:
    """Close the generated incidents that predate the agency's use of forcereview."""
    from forcereview.records.actions import set_incident_status
    from forcereview.records.demo.load import DEMO_ACTOR

    closed = {number for number, status in data.statuses.items() if status == "closed"}
    for incident in Incident.objects.filter(agency=agency, number__in=closed).exclude(status="closed"):
        set_incident_status(incident, "closed", by=DEMO_ACTOR, note="closed before the agency used forcereview")


def evaluate_recent(agency: Agency, data: DemoData) -> None:
    """Evaluate the imported incidents still open now, so their reviews exist in this load."""
    from forcereview.records.demo.load import DEMO_ACTOR
    from forcereview.reviews.actions import reevaluate

    featured = {f.report["number"] for f in data.featured.values()}
    ids = list(Incident.objects.filter(agency=agency).exclude(status="closed").exclude(number__in=featured)
               .values_list("pk", flat=True))
    reevaluate(ids, by=DEMO_ACTOR, trigger="imported")


def review_history(agency: Agency, data: DemoData, accounts: dict[int, object], command, investigator) -> None:
    from forcereview.reviews.actions import decline_referral, submit_determination
    from forcereview.reviews.actions.determinations import safety_net_reasons
    from forcereview.reviews.models import Level, Referral, ReviewTask

    rng = random.Random(data.seed + 1)
    today = data.today
    numbers = {key: item.report["number"] for key, item in data.featured.items()}
    school = numbers.get(DISAGREEMENT_KEY)
    left_open = {numbers[k] for k in KEEP_OPEN if k in numbers}
    for incident in Incident.objects.filter(agency=agency).exclude(status="closed").select_related("agency") \
            .order_by("occurred_at"):
        if (today - _local_day(incident)).days < OPEN_DAYS or incident.number in left_open:
            continue
        for _ in range(4):  # sergeant, lieutenant, commander: at most one task a level
            task = (ReviewTask.objects.filter(incident=incident, status=ReviewTask.Status.OPEN)
                    .exclude(level=Level.BOARD).order_by("created_at").first())
            if task is None:
                break
            reviewer = accounts.get(task.assignee_id) if task.assignee_id else command
            if reviewer is None:
                break
            if incident.number == school:
                submit_determination(task, by=reviewer, decision="within_policy", rationale=SCHOOL_RATIONALE)
                break  # the lieutenant's review, opened by the disagreement, is still to come
            if safety_net_reasons(incident):
                decision = "refer_internal_affairs"
            else:
                decision = "within_policy_training" if rng.random() < 0.1 else "within_policy"
            submit_determination(task, by=reviewer, decision=decision, rationale=rng.choice(RATIONALES[decision]))
    keep = {numbers[k] for k in CASE_KEYS if k in numbers}
    for referral in Referral.objects.filter(agency=agency, status=Referral.Status.PENDING).select_related("incident"):
        incident = referral.incident
        if incident.number in keep or (today - _local_day(incident)).days < REFERRAL_DAYS:
            continue
        decline_referral(referral, by=investigator, note=DECLINE_NOTE)
