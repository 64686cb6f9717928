"""Storing policy versions."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from forcereview.audit.actions import record
from forcereview.policy import Policy, PolicyInvalid, Problem, default_policy_text, load_policy
from forcereview.records.models import Agency, Incident
from forcereview.reviews.models import PolicyVersion
from forcereview.reviews.versions import SINCE_ALWAYS, local_date


def _summary(version: PolicyVersion) -> dict:
    return {"number": version.number, "name": version.name, "effective_from": version.effective_from.isoformat(),
            "digest": version.digest, "note": version.note}


def save_policy_version(agency: Agency, *, by, text: str, effective_from: date, note: str = "") -> PolicyVersion:
    """Check ``text`` and store it as the agency's next policy version, in force from
    ``effective_from``. Raises ``PolicyInvalid`` (every problem with its rule and position)
    and stores nothing when the text has a problem."""
    policy: Policy = load_policy(text)
    if not isinstance(effective_from, date):
        raise PolicyInvalid([Problem("the effective date must be a date", part="effective_from")])
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()  # numbers versions one at a time
        last = PolicyVersion.objects.filter(agency=agency).order_by("-number").values_list("number", flat=True).first()
        version = PolicyVersion.objects.create(
            agency=agency, number=(last or 0) + 1, name=policy.name[:200], text=text, digest=policy.digest,
            effective_from=effective_from, note=note.strip(), created_by=by if getattr(by, "pk", None) else None,
        )
        record("policy.version_saved", version, by=by, agency_id=agency.pk, after=_summary(version))
    return version


def ensure_default_policy(agency: Agency) -> PolicyVersion:
    """The agency's policy versions start with the shipped default, in force since always."""
    existing = PolicyVersion.objects.filter(agency=agency).order_by("number").first()
    if existing is not None:
        return existing
    return save_policy_version(agency, by=None, text=default_policy_text(), effective_from=SINCE_ALWAYS,
                               note="The default policy shipped with forcereview.")


def affected_incident_ids(version: PolicyVersion) -> list[int]:
    """Incidents the version judges (from its effective date to the next version's)."""
    later = (
        PolicyVersion.objects.filter(agency_id=version.agency_id, effective_from__gt=version.effective_from)
        .order_by("effective_from").values_list("effective_from", flat=True).first()
    )
    earlier = PolicyVersion.objects.filter(agency_id=version.agency_id, effective_from__lt=version.effective_from).exists()
    tz = version.agency.timezone
    ids = []
    for pk, occurred in Incident.objects.filter(agency_id=version.agency_id).values_list("pk", "occurred_at").iterator(
        chunk_size=5000
    ):
        day = local_date(occurred, tz)
        # The earliest version also judges incidents from before every version.
        if (day >= version.effective_from or not earlier) and (later is None or day < later):
            ids.append(pk)
    return ids


# Above this many incidents, saving a version leaves the re-evaluation to the command line
# (``forcereview policy evaluate --all``) rather than holding a web request.
SYNC_REEVALUATION_LIMIT = 2000


def adopt_policy_version(agency: Agency, *, by, text: str, effective_from: date, note: str = "",
                         limit: int = SYNC_REEVALUATION_LIMIT) -> tuple[PolicyVersion, dict | None, int]:
    """Save a version and evaluate again the incidents it judges when they are few enough.
    Returns the version, the re-evaluation counts (None when left to the command line) and
    how many incidents the version judges."""
    from forcereview.reviews.actions.evaluation import reevaluate

    version = save_policy_version(agency, by=by, text=text, effective_from=effective_from, note=note)
    affected = affected_incident_ids(version)
    if len(affected) > limit:
        return version, None, len(affected)
    return version, reevaluate(affected, by=by), len(affected)
