"""Internal-affairs cases and everything that follows from them.

``case``: the case, its incidents, officers, criminal team, allegations and investigation log.
``discipline``: discipline decisions, training, leave, personnel actions, disclosure marks.
``outside``: criminal referrals, reports to the standards board, civil claims.
``complaints``: public complaints.

Rows are written only by ``cases.actions``; permission-checked reads are in ``cases.access``.
"""

from forcereview.cases.models.case import (  # noqa: F401
    Allegation,
    Case,
    CaseEvidence,
    CaseIncident,
    CaseOfficer,
    CriminalTeamMember,
    Finding,
    InvestigationEntry,
)
from forcereview.cases.models.complaints import Complaint, ComplaintRefusal  # noqa: F401
from forcereview.cases.models.discipline import (  # noqa: F401
    DisclosureMark,
    Discipline,
    LeavePeriod,
    PersonnelAction,
    TrainingAssignment,
)
from forcereview.cases.models.outside import (  # noqa: F401
    CivilClaim,
    ClaimPeriodRecord,
    CriminalReferral,
    CriminalReferralUpdate,
    StandardsReport,
)
