"""The demo agency in the database: every row written by the real actions, audited, and usable
by each role. The demo is loaded once for the module (inside a transaction rolled back at the
end), since loading 300 incidents takes a few seconds."""

from __future__ import annotations

import pytest

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.audit.models import AuditEntry
from forcereview.audit.verify import verify_chain
from forcereview.records import vocab
from forcereview.records.access import incidents_for
from forcereview.records.actions import validation_context
from forcereview.records.chain import chain_above, subordinate_ids
from forcereview.records.demo.load import DEMO_ACTOR, load
from forcereview.records.models import Incident, Officer, Subject, Unit
from forcereview.records.validation import validate
from tests.records.demo_loading import demo_loaded


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_loaded(django_db_blocker, tmp_path_factory) as loaded:
        yield loaded


@pytest.fixture
def agency(demo, db):
    return demo[1].agency


def test_the_demo_agency_is_stored_whole(demo, agency):
    data, summary, _ = demo
    assert summary.created
    assert Incident.objects.filter(agency=agency).count() == len(data.incidents) == 300
    assert Officer.objects.filter(agency=agency).count() == len(data.roster.officers)
    assert Unit.objects.filter(agency=agency).count() == len(data.units)
    logins = User.objects.filter(agency=agency, username__in=[l.username for l in data.logins])
    assert sorted(logins.values_list("role", flat=True)) == sorted(Role.values)
    # Every other sergeant, lieutenant and captain has an account to review with, and no password.
    others = User.objects.filter(agency=agency).exclude(pk__in=logins)
    assert others.exists() and not any(u.has_usable_password() for u in others)
    assert {u.officer.rank for u in others} <= {"sergeant", "lieutenant", "captain"}
    assert Subject.objects.filter(incident__agency=agency, is_juvenile=True).exists()
    school = Incident.objects.get(agency=agency, number=data.featured_number("school_takedown"))
    assert school.status == "referred"  # a case is open from its referral
    assert school.subjects.get().age == 11
    assert school.witnesses.filter(role="school_staff").count() == 2


def test_loading_again_changes_nothing(demo, agency):
    entries = AuditEntry.objects.count()
    again = load(demo[0])
    assert not again.created and again.agency == agency
    assert again.incidents == 300
    assert AuditEntry.objects.count() == entries


def test_every_demo_report_passes_validation(demo, agency):
    ctx = validation_context(agency, numbers=False)
    for report in demo[0].incidents:
        validate(report, ctx)  # raises ReportInvalid on any problem


def test_every_row_has_its_audit_entry_and_the_chain_verifies(demo, agency):
    def audited(object_type: str, action: str) -> set[str]:
        return set(AuditEntry.objects.filter(object_type=object_type, action=action).values_list("object_id", flat=True))

    assert str(agency.pk) in audited("records.agency", "agency.created")
    assert {str(pk) for pk in Unit.objects.filter(agency=agency).values_list("pk", flat=True)} <= audited("records.unit", "unit.created")
    assert {str(pk) for pk in Officer.objects.filter(agency=agency).values_list("pk", flat=True)} <= audited("records.officer", "officer.created")
    assert {str(pk) for pk in User.objects.filter(agency=agency).values_list("pk", flat=True)} <= audited("accounts.user", "user.created")
    incidents = {str(pk) for pk in Incident.objects.filter(agency=agency).values_list("pk", flat=True)}
    filed = audited("records.incident", "incident.created")
    imported = audited("records.incident", "incident.imported")
    assert incidents == filed | imported
    assert len(filed) == len(demo[0].featured)  # featured incidents filed one by one, the rest imported
    changed = {str(pk) for pk in Incident.objects.filter(agency=agency).exclude(status="reported").values_list("pk", flat=True)}
    assert changed and changed <= audited("records.incident", "incident.status_changed")
    # Reports filed by officers who have a login are audited under that login.
    lucero = User.objects.get(username="officer")
    assert AuditEntry.objects.filter(action="incident.created", actor=lucero).exists()
    assert AuditEntry.objects.filter(actor_label=DEMO_ACTOR).exists()
    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEntry.objects.count()


def test_the_chain_of_command_in_the_database_ends_at_the_chief(agency):
    level = {t.code: t.level for t in vocab.RANKS}
    chief = Officer.objects.get(agency=agency, rank="chief")
    for officer in Officer.objects.filter(agency=agency).select_related("supervisor"):
        if officer == chief:
            assert officer.supervisor is None
            continue
        assert level[officer.supervisor.rank] > level[officer.rank]
        assert chain_above(officer)[-1] == chief
    assert len(subordinate_ids(chief)) == Officer.objects.filter(agency=agency).count() - 1


def test_each_role_sees_what_it_should(agency):
    users = {u.username: u for u in User.objects.filter(agency=agency)}
    supervisor_sees = incidents_for(users["supervisor"]).count()
    officer_sees = incidents_for(users["officer"]).count()
    assert supervisor_sees >= 50
    assert 5 <= officer_sees < supervisor_sees
    assert incidents_for(users["investigator"]).count() == 300
    assert incidents_for(users["command"]).count() == 300
    assert incidents_for(users["auditor"]).count() == 300


@pytest.mark.parametrize("role", Role.values)
def test_each_demo_login_signs_in_through_the_login_page(demo, agency, client, role):
    login = next(l for l in demo[0].logins if l.role == role)
    assert client.get("/login/").status_code == 200
    response = client.post("/login/", {"username": login.username, "password": login.password})
    assert response.status_code == 302, response.content[:500]
    home = client.get("/")
    assert home.status_code == 200
    assert home.wsgi_request.user.username == login.username
    assert home.wsgi_request.user.role == role


def test_a_wrong_password_does_not_sign_in(agency, client):
    response = client.post("/login/", {"username": "supervisor", "password": "supervisor-dem0"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_the_school_case_page_shows_the_case_to_the_investigator(demo, agency, client):
    client.force_login(User.objects.get(username="investigator"))
    school = Incident.objects.get(agency=agency, number=demo[0].featured_number("school_takedown"))
    page = client.get(f"/incidents/{school.pk}/")
    assert page.status_code == 200
    assert b"Mesa Verde Middle School" in page.content


def test_internal_affairs_work_is_under_way_and_done(demo, agency):
    from forcereview.cases.models import (
        Case,
        CivilClaim,
        Complaint,
        CriminalReferral,
        Discipline,
        DisclosureMark,
        InvestigationEntry,
        LeavePeriod,
    )

    data = demo[0]
    school = Incident.objects.get(agency=agency, number=data.featured_number("school_takedown"))
    neck = Incident.objects.get(agency=agency, number=data.featured_number("neck_restraint"))
    school_case = Case.objects.get(agency=agency, incidents=school)
    neck_case = Case.objects.get(agency=agency, incidents=neck)

    assert school_case.status == Case.Status.INVESTIGATING
    assert school_case.source == Case.Source.REFERRAL  # opened from the review workflow's referral
    assert school_case.lead_investigator.username == "investigator"
    assert {a.category for a in school_case.allegations.all()} == {"excessive_force", "dishonesty", "review_failure"}
    reviewer = school_case.allegations.get(category="review_failure")
    assert reviewer.officer.badge_number == data.roster["sgt_sro"].badge and reviewer.review_id is not None
    assert school_case.allegations.get(category="excessive_force").recommended_finding == "sustained"
    assert InvestigationEntry.objects.filter(case=school_case, compelled=True).count() == 1
    keller = Officer.objects.get(agency=agency, badge_number=data.roster["sro_keller"].badge)
    assert keller.status == "leave"
    assert LeavePeriod.objects.filter(officer=keller, case=school_case, ends_on__isnull=True).exists()
    claim = CivilClaim.objects.get(incident=school)
    assert claim.claimant_is_minor and claim.periods.filter(kind="limitation").exists()
    referrals = dict(CriminalReferral.objects.filter(case=school_case).values_list("referred_to", "status"))
    assert referrals == {"district_attorney": "declined", "attorney_general": "pending"}

    assert neck_case.status == Case.Status.CLOSED
    assert neck_case.allegations.get().final_finding == "sustained"
    assert Discipline.objects.get(case=neck_case).status == Discipline.Status.DECIDED
    assert DisclosureMark.objects.filter(case=neck_case, status="active").exists()
    assert neck_case.number < school_case.number  # numbered in the order they were opened

    complaint = Complaint.objects.get(agency=agency)
    assert complaint.screening == Complaint.Screening.ACCEPTED and complaint.status == Complaint.Status.RECEIVED
    assert AuditEntry.objects.filter(action="case.opened").count() == 2


def test_the_investigator_reads_the_school_case_and_the_officer_cannot(demo, agency, client):
    from forcereview.cases.models import Case

    data = demo[0]
    case = Case.objects.get(agency=agency, incidents__number=data.featured_number("school_takedown"))
    client.force_login(User.objects.get(username="investigator"))
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    assert b"middle-school cafeteria" in page.content
    client.force_login(User.objects.get(username="officer"))
    assert client.get(f"/cases/{case.pk}/").status_code in (403, 404)


def test_featured_incidents_carry_their_transcripts_and_the_analysis_runs(demo, agency, settings):
    from forcereview.evidence import tasks
    from forcereview.evidence.models import Analysis, EvidenceItem, Job, LegalHold

    settings.DATA_DIR = demo[2]
    data = demo[0]
    items = EvidenceItem.objects.filter(incident__agency=agency).select_related("incident", "officer")
    assert items.count() == len(data.featured) + len(data.recordings)
    assert len(data.recordings) >= 10  # the recent generated incidents have their recordings too
    for item in items:
        assert item.kind == "transcript" and item.officer is not None and item.recorded_start is not None
        assert hasattr(item, "transcript") and item.transcript.segments.exists()
    # The analyses were queued to run after the load commits; run them as the worker would.
    for job in Job.objects.filter(item__in=items, state=Job.State.QUEUED):
        assert tasks.run_job(job.pk) == "done"
    school = items.get(incident__number=data.featured_number("school_takedown"))
    analysis = Analysis.objects.filter(item=school).latest("pk")
    assert analysis.result["risk"]["level"] == "high"
    calm = items.get(incident__number=data.featured_number("traffic_calm"))
    assert Analysis.objects.filter(item=calm).latest("pk").risk_level == "low"
    # The family's tort claim placed a legal hold on the school recording.
    assert LegalHold.objects.filter(item=school, lifted_at__isnull=True).exists()


def test_reviews_ran_up_the_chain_with_one_disagreement_on_the_school_case(demo, agency):
    from forcereview.reviews.models import Determination, Disagreement, Referral, ReviewTask

    data = demo[0]
    school = Incident.objects.get(agency=agency, number=data.featured_number("school_takedown"))
    disagreement = Disagreement.objects.get(incident__agency=agency)
    assert disagreement.incident == school
    assert disagreement.reviewer.officer.badge_number == data.roster["sgt_sro"].badge
    assert disagreement.determination.decision == "within_policy"
    assert any("internal affairs" in reason for reason in disagreement.reasons)
    lieutenant = ReviewTask.objects.get(incident=school, level="lieutenant")
    assert lieutenant.status == ReviewTask.Status.OPEN and lieutenant.origin == "disagreement"
    assert Referral.objects.filter(incident=school, status=Referral.Status.OPENED).exists()

    # Every determination was made by the officer the review was routed to (or command staff).
    for d in Determination.objects.filter(task__agency_id=agency.pk).select_related("task", "reviewer"):
        assert d.task.assignee_id in (None, d.reviewer.officer_id)
    assert Determination.objects.filter(task__agency_id=agency.pk).count() > 30
    # Old incidents are done with; recent ones wait for their reviewers, the demo supervisor included.
    supervisor = User.objects.get(username="supervisor")
    waiting = ReviewTask.objects.filter(agency_id=agency.pk, status="open", assignee=supervisor.officer)
    assert {t.incident.number for t in waiting} >= {data.featured_number("shoplift_not_resisting"),
                                                    data.featured_number("prone_welfare")}
    assert not ReviewTask.objects.filter(agency_id=agency.pk, status="open", incident__status="closed").exists()
    assert Referral.objects.filter(agency_id=agency.pk, status=Referral.Status.DECLINED).exists()
