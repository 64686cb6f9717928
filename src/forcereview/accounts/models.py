from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from forcereview.accounts.roles import Role


class User(AbstractUser):
    """A login. Sworn users are linked to their officer record, which places them in the
    chain of command; every user belongs to one agency."""

    agency = models.ForeignKey(
        "records.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    officer = models.OneToOneField(
        "records.Officer", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )

    class Meta:
        db_table = "accounts_user"

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.is_active and self.role in roles

    @property
    def display_name(self) -> str:
        if self.officer_id:
            return str(self.officer)
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 is stored; the token itself is
    shown once, when it is created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)  # first characters, to tell tokens apart in lists
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"


class SignInThrottle(models.Model):
    """Recent failed sign-ins of one user name or from one address, and the lock they led to.
    Bookkeeping for ``accounts.throttle``; every attempt itself is in the audit log."""

    scope = models.CharField(max_length=10)  # "username" or "address"
    key = models.CharField(max_length=200)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="signin_throttle_unique")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}: {self.failures} failures"
