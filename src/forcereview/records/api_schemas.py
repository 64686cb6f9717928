"""The shapes of the incidents API, for its OpenAPI schema.

Input shapes document what ``records.validation`` accepts; that validator alone decides, so
the API, the web form and the import refuse the same things with the same words. Output
shapes describe ``records.snapshot.incident_snapshot`` (the same report shape, plus read-only
fields). Code fields list their allowed codes; ``GET /api/vocabularies`` gives their labels.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Union

from ninja import Field, Schema

from forcereview.records import vocab


def codes(vocabulary: vocab.Vocabulary, *, blank: bool = False):
    """A Literal of the vocabulary's codes (plus "" where the field may be left empty)."""
    values = vocabulary.codes + (("",) if blank else ())
    return Literal[values]  # type: ignore[valid-type]


ForceType = codes(vocab.FORCE_TYPES)
LocationType = codes(vocab.LOCATION_TYPES)
ContactReason = codes(vocab.CONTACT_REASONS)
Resistance = codes(vocab.RESISTANCE_TYPES)
ResistanceOrBlank = codes(vocab.RESISTANCE_TYPES, blank=True)
Injury = codes(vocab.INJURY_TYPES)
Impairment = codes(vocab.IMPAIRMENTS)
Armed = codes(vocab.ARMED)
Sex = codes(vocab.SEX)
Race = codes(vocab.RACE, blank=True)
Ethnicity = codes(vocab.ETHNICITY, blank=True)
Treatment = codes(vocab.MEDICAL_TREATMENT)
InvolvementRole = codes(vocab.INVOLVEMENT_ROLES)
ClaimKind = codes(vocab.CLAIMS)
WitnessRole = codes(vocab.WITNESS_ROLES)
IncidentStatus = codes(vocab.INCIDENT_STATUS)


# -- input ---------------------------------------------------------------------------------------


class ClaimIn(Schema):
    kind: ClaimKind
    subject: str | None = Field(None, description="Reference of the subject the claim is about (e.g. S1).")
    detail: str = ""


class OfficerIn(Schema):
    badge: str = Field(description="Badge number of an officer of your agency.")
    role: InvolvementRole
    injuries: list[Injury] = []
    on_duty: bool = True
    in_uniform: bool = True
    camera_activated: bool | None = None
    claims: list[Union[ClaimKind, ClaimIn]] = Field(
        [], description="The officer's justification: claim codes, or objects naming a subject and detail."
    )


class SubjectIn(Schema):
    ref: str = Field(description="Reference within the incident, e.g. S1; force applications point at it.")
    name: str = ""
    age: int | None = Field(None, ge=0, le=vocab.MAX_AGE, description="Age in years; or give age_min and age_max.")
    age_min: int | None = Field(None, ge=0, le=vocab.MAX_AGE)
    age_max: int | None = Field(None, ge=0, le=vocab.MAX_AGE)
    sex: Sex = "unknown"
    race: Race = ""
    ethnicity: Ethnicity = ""
    impairments: list[Impairment] = []
    armed: Armed = "unarmed"
    perceived_threat: bool = False
    resistance: list[Resistance] = []
    injuries: list[Injury] = []
    medical_treatment: Treatment = "none"


class ForceIn(Schema):
    officer: str = Field(description="Badge of an officer listed in this incident as primary or assisting.")
    subject: str = Field(description="Reference of a subject of this incident.")
    type: ForceType
    at: datetime | str | None = Field(
        None, description="When the force was used: an ISO 8601 date and time, or a time of day (HH:MM[:SS]) on the incident's date."
    )
    resistance: ResistanceOrBlank = Field("", description="The subject's resistance at that moment.")
    description: str = ""


class WitnessIn(Schema):
    name: str
    role: WitnessRole = "bystander"
    contact: str = ""
    statement: str = ""


class ReportIn(Schema):
    """A use-of-force report. Unknown fields are refused; ``status`` and the other read-only
    fields of ``IncidentOut`` are accepted so a read report can be sent back, but ``status``
    must not change (it changes through review)."""

    number: str = Field(max_length=40, description="The agency's incident number, unique in the agency.")
    occurred_at: datetime = Field(description="ISO 8601; without an offset, the agency's local time.")
    location: str = Field(max_length=300)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    location_type: LocationType
    contact_reason: ContactReason
    offense: str = Field("", max_length=200, description="Most serious offense observed, if any.")
    narrative: str
    nibrs_number: str = Field("", max_length=40)
    supervisor_present: bool = False
    recording_expected: bool = True
    reported_by: str | None = Field(None, description="Badge of the reporting officer; defaults to the primary officer.")
    officers: list[OfficerIn] = Field(min_length=1, max_length=200)
    subjects: list[SubjectIn] = Field(min_length=1, max_length=200)
    force: list[ForceIn] = Field(min_length=1, max_length=200)
    witnesses: list[WitnessIn] = Field([], max_length=200)


# -- output --------------------------------------------------------------------------------------


class ClaimOut(Schema):
    kind: ClaimKind
    subject: str | None
    detail: str


class OfficerOut(Schema):
    badge: str
    officer_name: str
    role: InvolvementRole
    injuries: list[Injury]
    on_duty: bool
    in_uniform: bool
    camera_activated: bool | None
    claims: list[ClaimOut]


class SubjectOut(Schema):
    ref: str
    name: str = Field(description='"[redacted]" where the reader\'s role may not see this subject\'s identity.')
    age: int | None
    age_min: int | None
    age_max: int | None
    is_juvenile: bool
    sex: Sex
    race: Race
    ethnicity: Ethnicity
    impairments: list[Impairment]
    armed: Armed
    perceived_threat: bool
    resistance: list[Resistance]
    injuries: list[Injury]
    medical_treatment: Treatment


class ForceOut(Schema):
    officer: str
    subject: str | None
    type: ForceType
    at: datetime | None
    resistance: ResistanceOrBlank
    description: str


class WitnessOut(Schema):
    name: str
    role: WitnessRole
    contact: str
    statement: str


class IncidentOut(Schema):
    id: int
    agency: str
    url: str = Field(description="The incident's page in the web app.")
    number: str
    occurred_at: datetime
    location: str
    latitude: float | None
    longitude: float | None
    location_type: LocationType
    contact_reason: ContactReason
    offense: str
    narrative: str
    nibrs_number: str
    supervisor_present: bool
    recording_expected: bool
    status: IncidentStatus = Field(description="Read-only: changes through review, not through this API.")
    reported_by: str | None
    officers: list[OfficerOut]
    subjects: list[SubjectOut]
    force: list[ForceOut]
    witnesses: list[WitnessOut]


class IncidentSummary(Schema):
    id: int
    url: str
    number: str
    occurred_at: datetime
    location: str
    location_type: LocationType
    contact_reason: ContactReason
    status: IncidentStatus
    reported_by: str | None
    force_types: list[ForceType] = Field(description="Distinct force types used, in taxonomy order.")
    juvenile: bool = Field(description="At least one subject is a juvenile.")


class IncidentPage(Schema):
    count: int = Field(
        description="Incidents matching the filters (all pages) when count_exact is true; otherwise more than this "
        "many match (the count stops past 1,000 unless exact_count is asked for)."
    )
    count_exact: bool = Field(description="Whether count is the exact number of matching incidents.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    previous: str | None
    items: list[IncidentSummary]


class IncidentQuery(Schema):
    date_from: date | None = Field(None, description="On or after this day (agency time), YYYY-MM-DD.")
    date_to: date | None = Field(None, description="On or before this day (agency time), YYYY-MM-DD.")
    officer: int | None = Field(None, description="Officer id (see /api/officers) involved in the incident.")
    unit: int | None = Field(None, description="Unit id (see /api/units) of an involved officer.")
    force_type: ForceType | None = None
    location_type: LocationType | None = None
    juvenile: bool | None = Field(None, description="Has (true) or has no (false) juvenile subject.")
    status: IncidentStatus | None = None
    number: str | None = Field(None, description="Part of the incident number.")
    limit: int = Field(50, ge=1, le=500, description="Incidents per page.")
    offset: int = Field(0, ge=0, description="Incidents to skip.")
    page: int | None = Field(None, ge=1, description="Page number (1-based); sets offset to (page - 1) * limit.")
    exact_count: bool = Field(
        False, description="Count every matching incident however many match (slower on large results); "
        "otherwise the count stops past 1,000."
    )


class FieldProblem(Schema):
    field: str = Field(description='Path of the field, e.g. "subjects[0].age"; empty for the whole request.')
    message: str


class Invalid(Schema):
    detail: str
    errors: list[FieldProblem]


class Detail(Schema):
    detail: str


# -- reference data ------------------------------------------------------------------------------


class TermOut(Schema):
    code: str
    label: str
    fbi: str | None = Field(description="The FBI National Use-of-Force Data Collection value, where one exists.")


class VocabularyOut(Schema):
    key: str
    name: str
    fields: list[str] = Field(description="Report fields that take codes from this list.")
    terms: list[TermOut]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent: int | None


class OfficerListed(Schema):
    id: int
    badge: str
    first_name: str
    last_name: str
    rank: str
    assignment: str
    unit: int | None
    supervisor: int | None
    status: str
    hire_date: date
