"""Forms of the account pages. They only parse input; ``accounts.actions`` checks the new
password with the password validators and writes it."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from forcereview.accounts import throttle

PASSWORD = forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False)


class NewPasswordForm(forms.Form):
    new_password = forms.CharField(label="New password", strip=False, widget=PASSWORD,
                                   help_text=password_validation.password_validators_help_text_html())
    new_password_again = forms.CharField(label="New password again", strip=False, widget=PASSWORD)

    def clean(self):
        data = super().clean()
        first, second = data.get("new_password"), data.get("new_password_again")
        if first and second and first != second:
            self.add_error("new_password_again", "The two new passwords differ; type the same password twice.")
        return data


class ChangePasswordForm(NewPasswordForm):
    old_password = forms.CharField(label="Your current password", strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    field_order = ["old_password", "new_password", "new_password_again"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError("This is not your current password.")
        return old


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a locked user name or address before the password is
    looked at (``accounts.throttle``)."""

    locked_until = None

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and self.cleaned_data.get("password"):
            until = throttle.locked_until(username, throttle.client_address(self.request))
            if until is not None:
                self.locked_until = until
                raise forms.ValidationError("Too many failed sign-ins.", code="locked")
        return super().clean()
