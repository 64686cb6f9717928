"""Internal-affairs work in the demo agency, written through the cases app's actions.

- The school case is under investigation: opened the day after from the review workflow's
  referral, the officer on administrative leave, interviews (his own compelled under Garrity),
  allegations of excessive force and of an untruthful report, an allegation against the
  sergeant for his within-policy review, a recommended finding, the family's notice of tort claim with its
  deadlines, and criminal referrals (the district attorney declined; the attorney general's is
  pending), as happened in Farmington.
- The neck-restraint case has run its course: findings sustained by the chief, discipline
  decided from the matrix, remedial training assigned, a disclosure mark for prosecutors and a
  report owed to the state's standards board.
- A complaint from the public about the shoplifting arrest waits in the intake queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from forcereview.records.demo.generate import DemoData
from forcereview.records.models import Agency, Incident, Officer


@dataclass
class People:
    investigator: object  # User
    command: object  # User
    officers: dict[str, Officer]


def _at(day: date, hour: int, minute: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz))


def _referral(incident: Incident):
    """The incident's referral waiting at internal-affairs intake, if the review workflow made one."""
    from forcereview.reviews.models import Referral

    return Referral.objects.filter(incident=incident, status=Referral.Status.PENDING).first()


def _source(incident: Incident) -> dict:
    referral = _referral(incident)
    return {"source": "referral", "source_object": referral} if referral else {"source": "command"}


def _incident(agency: Agency, data: DemoData, key: str) -> Incident | None:
    item = data.featured.get(key)
    if item is None:
        return None
    return Incident.objects.get(agency=agency, number=item.report["number"])


def load_casework(agency: Agency, data: DemoData, people: People) -> list:
    cases = []  # oldest first, so case numbers follow the order they were opened
    neck = _incident(agency, data, "neck_restraint")
    if neck is not None:
        cases.append(_neck_restraint_case(agency, neck, people))
    school = _incident(agency, data, "school_takedown")
    if school is not None:
        cases.append(_school_case(agency, school, people))
    shoplift = _incident(agency, data, "shoplift_not_resisting")
    if shoplift is not None:
        _shoplift_complaint(agency, shoplift)
    return cases


def _school_case(agency: Agency, incident: Incident, p: People):
    from forcereview.cases.actions import cases as case_actions
    from forcereview.cases.actions import claims, discipline, findings, referrals

    tz = agency.timezone
    day = incident.occurred_at.astimezone(ZoneInfo(tz)).date()
    keller = p.officers["sro_keller"]
    case = case_actions.open_case(
        agency, by=p.investigator, **_source(incident),
        title="School resource officer's takedown of a student in a middle-school cafeteria",
        summary=("Opened the morning after, before any complaint: an 11-year-old student was taken to the floor, "
                 "held prone and handcuffed over a carton of milk while the assistant principal objected. The "
                 "policy sends force on a juvenile at a school to internal affairs, and the recording does not "
                 "support the officer's report or the sergeant's within-policy finding."),
        incidents=[incident], officers=[(keller, "subject")], lead_investigator=p.investigator,
        opened_at=_at(day + timedelta(days=1), 8, 30, tz),
    )
    discipline.start_leave(keller, by=p.command, kind="administrative_paid", starts_on=day + timedelta(days=1),
                           reason="Administrative leave while the internal-affairs investigation is open.", case=case)
    case_actions.add_log_entry(
        case, by=p.investigator, kind="evidence_review", occurred_at=_at(day + timedelta(days=1), 10, 0, tz),
        summary=("Reviewed Officer Keller's body-worn camera recording (2 min 52 s). The student pulls her arm away "
                 "and cries; no elbow strike is visible or audible. The assistant principal twice says the student "
                 "is no threat and that this is excessive force."),
        evidence_ref="Body-worn camera, Officer Keller")
    case_actions.add_log_entry(
        case, by=p.investigator, kind="interview", occurred_at=_at(day + timedelta(days=3), 14, 0, tz),
        interviewee_name="Dolores Maestas, assistant principal", interviewer=p.investigator,
        summary=("She asked the officer only to walk the student to the office. The student was upset, not violent. "
                 "She told him twice that the student was no threat and that it was excessive force."))
    case_actions.add_log_entry(
        case, by=p.investigator, kind="interview", occurred_at=_at(day + timedelta(days=3), 15, 0, tz),
        interviewee_name="Alan Reyes, teacher", interviewer=p.investigator,
        summary="He saw the student try to pull away; he did not see her strike the officer.")
    case_actions.add_log_entry(
        case, by=p.investigator, kind="interview", occurred_at=_at(day + timedelta(days=9), 9, 0, tz),
        interviewee_officer=keller, interviewer=p.investigator, advisement="garrity",
        summary=("Officer Keller says the student swung her elbow and struck his forearm, and that he took her to "
                 "the floor to stop further assault. Shown the recording, he could not point to the strike."))
    force = findings.add_allegation(
        case, by=p.investigator, officer=keller, category="excessive_force",
        policy_section="Policy 300.3 (objectively reasonable force); Policy 300.7 (force on juveniles)",
        description="Took an 11-year-old who posed no threat to the floor, held her prone with a knee and handcuffed her.")
    findings.add_allegation(
        case, by=p.investigator, officer=keller, category="dishonesty",
        policy_section="Policy 300.5 (use-of-force reporting)",
        description="Reported that the student struck him with her elbow; the recording and two witnesses do not support it.")
    _reviewer_answers(case, incident, p)
    findings.recommend_finding(
        force, by=p.investigator, finding="sustained",
        reason=("The student was not a threat to anyone and was not fleeing; the recording shows an escort turning "
                "into a takedown and prone restraint of a child within seven seconds of first contact."))
    claims.record_claim(
        agency, by=p.command, incident=incident, claimant_name="Lucia Benavidez, for her daughter",
        received_on=min(day + timedelta(days=21), _today(agency)), counsel="Ortiz & Chavez, Attorneys at Law",
        claimant_born_on=day - timedelta(days=11 * 365 + 140), case=case)
    da = referrals.refer_criminal(case, by=p.command, referred_to="district_attorney",
                                  referred_on=min(day + timedelta(days=12), _today(agency)),
                                  office="Eleventh Judicial District Attorney", officer=keller)
    declined_on = min(day + timedelta(days=26), _today(agency))
    referrals.update_referral(da, by=p.command, status="declined", on=declined_on,
                              note="The district attorney declined to prosecute.")
    referrals.refer_criminal(case, by=p.command, referred_to="attorney_general",
                             referred_on=min(day + timedelta(days=30), _today(agency)),
                             office="New Mexico Office of the Attorney General", officer=keller)
    return case


def _reviewer_answers(case, incident: Incident, p: People) -> None:
    """The sergeant who found the takedown within policy answers for that review."""
    from forcereview.cases.actions import cases as case_actions
    from forcereview.cases.actions import findings
    from forcereview.reviews.models import Disagreement

    disagreement = Disagreement.objects.filter(incident=incident).select_related("determination").first()
    if disagreement is None or disagreement.reviewer_officer_id is None:
        return
    sergeant = disagreement.reviewer_officer
    case_actions.add_officer(case, sergeant, "reviewer", by=p.investigator)
    findings.add_allegation(
        case, by=p.investigator, officer=sergeant, category="review_failure", review=disagreement.determination,
        policy_section="Policy 300.9 (supervisory review of force)",
        description=("Found the takedown and prone restraint of an 11-year-old within policy, citing an elbow strike "
                     "that the recording does not show, and without addressing the administrator's objections."))


def _neck_restraint_case(agency: Agency, incident: Incident, p: People):
    from forcereview.cases.actions import board, discipline, findings
    from forcereview.cases.actions import cases as case_actions
    from forcereview.cases.models import Discipline, StandardsReport

    tz = agency.timezone
    day = incident.occurred_at.astimezone(ZoneInfo(tz)).date()
    nez = p.officers["ofc_nez"]
    case = case_actions.open_case(
        agency, by=p.investigator, **_source(incident),
        title="Neck restraint outside a nightclub; the subject lost consciousness",
        summary="Opened on the sergeant's notification: a lateral vascular neck restraint during a detention for battery.",
        incidents=[incident], officers=[(nez, "subject"), (p.officers["c2"], "witness")],
        lead_investigator=p.investigator, opened_at=_at(day + timedelta(days=1), 9, 15, tz),
    )
    case_actions.add_log_entry(
        case, by=p.investigator, kind="evidence_review", occurred_at=_at(day + timedelta(days=2), 10, 0, tz),
        summary=("Reviewed Officer Nez's recording: the subject pulls away and swings once; the neck restraint follows "
                 "within two seconds, the subject says he cannot breathe and goes limp about fifteen seconds later."),
        evidence_ref="Body-worn camera, Officer Nez")
    case_actions.add_log_entry(
        case, by=p.investigator, kind="interview", occurred_at=_at(day + timedelta(days=8), 13, 0, tz),
        interviewee_officer=nez, interviewer=p.investigator, advisement="garrity",
        summary="Officer Nez says he feared a second punch and used the hold he was trained on before the 2021 policy change.")
    allegation = findings.add_allegation(
        case, by=p.investigator, officer=nez, category="excessive_force",
        policy_section="Policy 300.4 (neck restraints only where deadly force is justified)",
        description="Applied a neck restraint to an unarmed intoxicated man during a detention for battery.")
    # The investigation ran past 90 days, so the interim report to the standards board was owed; it was filed.
    for report in StandardsReport.objects.filter(case=case, trigger=StandardsReport.Trigger.STILL_OPEN,
                                                 status=StandardsReport.Status.DUE):
        board.file_report(report, by=p.command, filed_on=min(report.due_on, _today(agency)),
                          board_reference=f"LEA-90 {report.due_on:%Y}-{case.pk:04d}",
                          note="Interim report: investigation still open at 90 days.")
    findings.recommend_finding(allegation, by=p.investigator, finding="sustained",
                               reason="Deadly force was not justified; a neck restraint is deadly force under policy 300.4.")
    case_actions.submit_for_findings(case, by=p.investigator)
    findings.decide_finding(allegation, by=p.command, finding="sustained",
                            reason="I agree with the investigator: the restraint was not justified by the threat.")
    proposed = Discipline.objects.get(allegation=allegation)
    discipline.decide_discipline(
        proposed, by=p.command, penalty="suspension_4_10", suspension_days=5,
        aggravating=["Injury to the subject"], mitigating=["Accepted responsibility", "No prior discipline"],
        reason="Five days: at the low end of the range, as he accepted responsibility and rendered aid at once.")
    discipline.assign_training(nez, by=p.command, course="Defensive tactics: control without neck restraints",
                               due_on=_today(agency) + timedelta(days=45), case=case, allegation=allegation)
    case_actions.close_case(case, by=p.command, note="Sustained; five-day suspension and remedial training.")
    return case


def _shoplift_complaint(agency: Agency, incident: Incident):
    from forcereview.cases.actions.complaints import Submission, submit_complaint

    day = incident.occurred_at.astimezone(ZoneInfo(agency.timezone)).date()
    return submit_complaint(agency, Submission(
        what_happened=("My son was stopped at Sun Country Market for taking cologne. He gave it back. The officer "
                       "threw him on the floor and knelt on his back while he kept saying he was not resisting. His "
                       "chin was cut open. The store's own employee told them he was not fighting."),
        where="Sun Country Market, 2150 E Main St", occurred_on=day, occurred_time="about 5:30 pm",
        who="Officer Holloway", contact_name="Teresa Chee", contact_email="teresa.chee@example.net",
        contact_phone="505-555-0188", fill_seconds=412,
    ), address="198.51.100.23")


def _today(agency: Agency) -> date:
    from forcereview.cases.actions import timeline

    return timeline.today_for(agency)
