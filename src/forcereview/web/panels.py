"""Sections that apps contribute to shared pages, listed explicitly.

The home page ("what needs my attention") and the incident page are assembled from panels
that each app registers in its ``AppConfig.ready()``::

    from forcereview.web.panels import Panel, INCIDENT_PANELS
    INCIDENT_PANELS.append(Panel("evidence", "evidence/incident_panel.html", evidence_panel, order=30))

A panel's ``context`` callable receives the request (and the incident, for incident panels,
already permission-checked) and returns a dict for its template, or None to stay hidden.
The template receives that dict as ``data``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


HOME_PANELS: list[Panel] = []
INCIDENT_PANELS: list[Panel] = []


def rendered(panels: list[Panel], *args) -> list[tuple[Panel, dict]]:
    """The panels to show, in order, each with its context."""
    out = []
    for panel in sorted(panels, key=lambda p: (p.order, p.name)):
        data = panel.context(*args)
        if data is not None:
            out.append((panel, data))
    return out
