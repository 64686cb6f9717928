"""The roles a user can hold, and what each role may see at the widest."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "Officer"
    SUPERVISOR = "supervisor", "Supervisor"
    INVESTIGATOR = "investigator", "Investigator (professional standards)"
    COMMAND = "command", "Command staff"
    AUDITOR = "auditor", "Auditor (civilian oversight)"
    ADMIN = "admin", "Administrator"


ALL_ROLES = frozenset(Role.values)
SWORN_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND})

# Roles that read every incident of their agency. Officers and supervisors are scoped by
# involvement and chain of command; admins manage users and policy, not incidents.
AGENCY_WIDE_INCIDENT_READERS = frozenset({Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR})

# Roles that may see the names of subjects who are minors. Everyone else sees a redaction.
MINOR_IDENTITY_READERS = frozenset({Role.INVESTIGATOR, Role.COMMAND})

# Roles that may see any subject's name. Auditors see de-identified records.
SUBJECT_IDENTITY_READERS = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.INVESTIGATOR, Role.COMMAND})
