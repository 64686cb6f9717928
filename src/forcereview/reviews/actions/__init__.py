"""Every write of the reviews app. Each action validates, writes in one transaction and
appends its audit entry; views, the API, the command line and the hooks call these.

- policy versions: ``save_policy_version``, ``ensure_default_policy``
- evaluation: ``evaluate_incident``, ``reevaluate`` (many incidents, in batches)
- reviews: ``submit_determination`` (with the safety net), ``resolve_flag``, ``escalate_task``
- referrals: ``refer``, ``mark_referral_opened`` (called by the cases app), ``decline_referral``
"""

from forcereview.reviews.actions.determinations import ReviewRefused, resolve_flag, submit_determination
from forcereview.reviews.actions.evaluation import evaluate_batch, evaluate_incident, reevaluate
from forcereview.reviews.actions.policy import (
    adopt_policy_version,
    affected_incident_ids,
    ensure_default_policy,
    save_policy_version,
)
from forcereview.reviews.actions.referrals import ReferralRefused, decline_referral, mark_referral_opened, refer
from forcereview.reviews.actions.tasks import escalate_task

__all__ = [
    "ReferralRefused",
    "ReviewRefused",
    "adopt_policy_version",
    "affected_incident_ids",
    "decline_referral",
    "ensure_default_policy",
    "escalate_task",
    "evaluate_batch",
    "evaluate_incident",
    "mark_referral_opened",
    "reevaluate",
    "refer",
    "resolve_flag",
    "save_policy_version",
    "submit_determination",
]
