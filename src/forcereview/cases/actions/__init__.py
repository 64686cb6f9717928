"""Every write to cases, claims and complaints. Each action validates, writes in one
transaction and records its audit entry; views, the API and the command line call these.

Modules: ``cases`` (opening, officers, log, stages), ``findings`` (allegations, recommended
and final findings), ``discipline`` (decisions, training, leave, personnel actions),
``board`` (standards-board reports), ``referrals`` (criminal referrals), ``claims`` (civil
claims), ``complaints`` (public complaints). ``CaseInvalid`` is the one refusal they raise.
"""

from forcereview.cases.actions.common import CaseInvalid  # noqa: F401
