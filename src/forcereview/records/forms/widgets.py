"""Fields and widgets of the report form that take what people send without judging it.

The report validator (``records.validation``) is the one judge, with the same messages over
the form, the API and the import; these fields only carry values and show them back.
"""

from __future__ import annotations

from django import forms

from forcereview.records import vocab


class KeepingSelect(forms.Select):
    """A select that shows back a value that is not among its choices (a mistyped code, an
    officer since removed from the report) instead of silently selecting something else."""

    def get_context(self, name, value, attrs):
        known = {str(v) for v, _ in self.choices}
        strays = [v for v in self.format_value(value) if v not in known and v != ""]
        if strays:
            self.choices = [*self.choices, *((v, f"{v} (not a valid choice)") for v in strays)]
        return super().get_context(name, value, attrs)


def text(label: str, *, help_text: str = "", **attrs) -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=True, help_text=help_text,
                           widget=forms.TextInput(attrs=attrs))


def area(label: str, *, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=True, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


def code(label: str, choices, *, empty: str | None = None, initial: str = "", help_text: str = "") -> forms.CharField:
    """One code from a vocabulary. ``empty`` labels a leading blank option."""
    options = list(choices.choices if isinstance(choices, vocab.Vocabulary) else choices)
    if empty is not None:
        options.insert(0, ("", empty))
    return forms.CharField(label=label, required=False, initial=initial, help_text=help_text,
                           widget=KeepingSelect(choices=options))


class CodesField(forms.MultipleChoiceField):
    """Several codes from a vocabulary, as checkboxes. Unknown codes pass through to the
    validator, which names them."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, label: str, vocabulary: vocab.Vocabulary, *, help_text: str = "", exclude=()):
        super().__init__(label=label, required=False, help_text=help_text,
                         choices=[(c, lbl) for c, lbl in vocabulary.choices if c not in exclude])

    def validate(self, value):
        pass


def flag(label: str, *, initial: bool = False, help_text: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, initial=initial, help_text=help_text)
