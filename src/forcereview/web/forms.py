"""How every form field renders: label, hint and error next to the input, tied to it with
``aria-describedby`` so a screen reader reads them with the field."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    field_template_name = "web/forms/field.html"


def mark_required(*fields: forms.Field) -> None:
    """Show a field as required without letting the form refuse it: the report validator
    (``records.validation``) is the one judge of what is missing, with the same message
    over the form, the API and the import."""
    for f in fields:
        f.mark_required = True
        f.widget.attrs["aria-required"] = "true"
