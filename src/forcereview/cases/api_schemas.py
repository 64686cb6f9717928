"""Request and response shapes of the cases API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema


class Problem(Schema):
    detail: str
    field: str | None = None


class OfficerRef(Schema):
    badge: str
    role: str


class CaseIn(Schema):
    title: str
    source: str = "command"
    summary: str = ""
    incidents: list[str] = []  # incident numbers
    officers: list[OfficerRef] = []
    lead_investigator: str | None = None  # username
    first_reported_on: date | None = None
    complaint: str | None = None  # tracking number
    referral: int | None = None  # a pending internal-affairs referral from the review workflow


class CaseListed(Schema):
    id: int
    number: str
    title: str
    status: str
    source: str
    opened_at: datetime
    lead_investigator: str | None


class AllegationOut(Schema):
    id: int
    officer: str  # badge
    officer_name: str
    category: str
    policy_section: str
    description: str
    review_id: int | None
    recommended_finding: str
    recommended_reason: str | None  # None: withheld from the criminal team
    final_finding: str
    final_reason: str | None


class LogEntryOut(Schema):
    id: int
    kind: str
    occurred_at: datetime
    interviewee: str
    interviewer: str | None
    compelled: bool
    advisement: str
    evidence_ref: str
    summary: str


class DisciplineOut(Schema):
    id: int
    allegation: int
    officer: str
    category: str
    prior_sustained: int
    presumptive: list[str]
    status: str
    penalty: str
    suspension_days: int | None
    aggravating: list[str]
    mitigating: list[str]
    departs_from_range: bool
    reason: str | None


class DeadlineRef(Schema):
    id: int
    kind: str
    title: str
    due_at: datetime
    status: str
    basis: str


class BoardReportOut(Schema):
    id: int
    trigger: str
    officer: str | None
    trigger_on: date
    due_on: date
    status: str
    basis: str
    filed_on: date | None


class ReferralOut(Schema):
    id: int
    referred_to: str
    office: str
    officer: str | None
    referred_on: date
    status: str
    status_on: date
    decision: str
    charges: str


class PersonnelOut(Schema):
    officer: str
    kind: str
    effective_on: date
    separation: str
    while_under_investigation: bool


class CaseOut(CaseListed):
    summary: str
    first_reported_on: date
    incidents: list[str]
    evidence: list[EvidenceOut]
    officers: list[OfficerRef]
    criminal_team: list[str]
    compelled_withheld: bool
    allegations: list[AllegationOut]
    log: list[LogEntryOut]
    discipline: list[DisciplineOut]
    personnel: list[PersonnelOut]
    referrals: list[ReferralOut]
    board_reports: list[BoardReportOut]
    deadlines: list[DeadlineRef]


class IncidentNumberIn(Schema):
    number: str


class EvidenceLinkIn(Schema):
    item: int
    note: str = ""


class EvidenceOut(Schema):
    id: int
    incident: str
    kind: str
    name: str
    named_in_case: bool
    legal_hold: bool
    risk: dict | None
    signals: list[dict]


class UsernameIn(Schema):
    username: str


class LogEntryIn(Schema):
    kind: str
    occurred_at: datetime
    summary: str
    interviewee_badge: str | None = None
    interviewee_name: str = ""
    interviewer: str | None = None  # username
    compelled: bool = False
    advisement: str = ""
    evidence_ref: str = ""


class AllegationIn(Schema):
    officer: str  # badge
    category: str
    policy_section: str
    description: str
    review: int | None = None  # a reviewer's determination id, for a review failure


class FindingIn(Schema):
    finding: str
    reason: str


class ReasonIn(Schema):
    reason: str = ""


class CloseIn(Schema):
    note: str
    message_to_complainant: str = ""


class DisciplineIn(Schema):
    penalty: str
    reason: str
    aggravating: list[str] = []
    mitigating: list[str] = []
    suspension_days: int | None = None


class PersonnelIn(Schema):
    action: str  # leave | end_leave | reassign | demote | separate
    officer: str  # badge
    effective_on: date
    reason: str
    leave_kind: str = "administrative_paid"
    unit: str | None = None  # unit name
    assignment: str | None = None
    rank: str | None = None
    separation: str | None = None


class TrainingIn(Schema):
    officer: str
    course: str
    due_on: date


class TrainingDoneIn(Schema):
    completed_on: date
    note: str = ""


class ReferralIn(Schema):
    referred_to: str
    referred_on: date
    office: str = ""
    officer: str | None = None
    team: list[str] = []  # usernames


class ReferralUpdateIn(Schema):
    status: str
    on: date
    note: str = ""
    charges: str = ""


class BoardStepIn(Schema):
    step: str  # file | not_required
    filed_on: date | None = None
    board_reference: str = ""
    note: str = ""


class SummaryOut(Schema):
    id: int
    number: str
    source: str
    status: str
    opened_on: str
    closed_on: str | None
    days_open: int
    incident_count: int
    officer_roles: list[str]
    allegations: list[dict]
    separated_while_under_investigation: int
    criminal_referrals: list[str]
    board_reports: list[list[str]]


class DisclosureOut(Schema):
    officer: str
    badge: str
    officer_status: str
    category: str
    sustained_on: date
    case: str


class ClaimIn(Schema):
    incident: str  # number
    claimant_name: str
    received_on: date
    counsel: str = ""
    claimant_is_minor: bool = False
    claimant_born_on: date | None = None
    wrongful_death: bool = False
    case: str | None = None  # case number


class ClaimPeriodOut(Schema):
    code: str
    label: str
    kind: str
    last_day: date
    timely: bool | None
    basis: str


class ClaimOut(Schema):
    id: int
    incident: str
    case: str | None
    claimant_name: str
    claimant_is_minor: bool
    counsel: str
    received_on: date
    occurred_on: date
    jurisdiction: str
    status: str
    suit_filed_on: date | None
    outcome: str
    outcome_on: date | None
    amount: Decimal | None
    periods: list[ClaimPeriodOut]


class SuitIn(Schema):
    filed_on: date


class OutcomeIn(Schema):
    outcome: str
    on: date
    amount: Decimal | None = None
    note: str = ""


class ComplaintOut(Schema):
    id: int
    tracking_number: str
    received_at: datetime
    status: str
    screening: str
    held_reasons: list[str]
    what_happened: str
    where: str
    occurred_on: date | None
    who: str
    anonymous: bool
