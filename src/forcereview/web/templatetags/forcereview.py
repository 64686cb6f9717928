"""Template filters shared by the pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def panel_title(name: str) -> str:
    """A panel's registry name as a link label: ``claims_vs_evidence`` -> "Claims vs evidence"."""
    words = str(name).replace("_", " ").strip()
    return words[:1].upper() + words[1:]
