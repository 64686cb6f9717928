"""One-time set-password links. The token is Django's password-reset token: it covers the
login's password and last sign-in, so it stops working once a password is set with it, and
after ``PASSWORD_RESET_TIMEOUT`` (``FORCEREVIEW_PASSWORD_LINK_HOURS``)."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode


def set_password_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:set_password", args=[uid, default_token_generator.make_token(user)])


def user_for_link(uidb64: str, token: str):
    """The active login the link was made for, or None when the link is wrong, used or expired."""
    from forcereview.accounts.models import User

    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user
