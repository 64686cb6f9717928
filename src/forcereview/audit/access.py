from collections.abc import Callable

from django.db.models import Q, QuerySet

from forcereview.accounts.roles import Role
from forcereview.audit.models import AuditEntry

READERS = {Role.ADMIN, Role.COMMAND, Role.AUDITOR}

# Entries some readers must not see, registered by other apps in ``AppConfig.ready()``:
# ``hide(user) -> Q | None`` selects the entries to hide from ``user`` (the cases app hides
# the history of a case from the officers it is about and their unit).
HIDDEN_ENTRIES: list[Callable[[object], Q | None]] = []


def entries_for(user) -> QuerySet[AuditEntry]:
    """Audit entries of the user's own agency, for the roles that oversee it."""
    if not user.is_authenticated or user.role not in READERS or user.agency_id is None:
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.filter(agency_id=user.agency_id)
    for hide in HIDDEN_ENTRIES:
        q = hide(user)
        if q is not None:
            qs = qs.exclude(q)
    return qs
