from django.db.models import QuerySet

from forcereview.accounts.roles import Role
from forcereview.audit.models import AuditEntry

READERS = {Role.ADMIN, Role.COMMAND, Role.AUDITOR}


def entries_for(user) -> QuerySet[AuditEntry]:
    """Audit entries of the user's own agency, for the roles that oversee it."""
    if not user.is_authenticated or user.role not in READERS or user.agency_id is None:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(agency_id=user.agency_id)
