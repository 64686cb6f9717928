"""Where other apps plug into evidence. Each list is appended to in the other app's
``AppConfig.ready()`` and called in order.

``ANALYSIS_COMPLETED_HOOKS``: ``hook(incident, item, by)`` runs inside the transaction that
stores a new analysis of ``item`` (the policy evaluation re-runs here). ``by`` is the user who
caused the analysis (an upload, a correction) or None for the system.

``RETENTION_BLOCKERS``: ``blocker(item) -> str | None`` returns why ``item`` must be kept (an
open case, a pending claim), or None. Nothing a blocker names is ever deleted.
"""

from __future__ import annotations

from collections.abc import Callable

ANALYSIS_COMPLETED_HOOKS: list[Callable[[object, object, object], None]] = []
RETENTION_BLOCKERS: list[Callable[[object], str | None]] = []
