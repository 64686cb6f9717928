"""The chain of command, read from ``Officer.supervisor``."""

from __future__ import annotations

from forcereview.records.models import Officer


def subordinate_ids(officer: Officer) -> set[int]:
    """Every officer below ``officer`` in the chain of command (not ``officer`` itself)."""
    children: dict[int, list[int]] = {}
    for pk, sup in Officer.objects.filter(agency_id=officer.agency_id).values_list("pk", "supervisor_id"):
        if sup is not None:
            children.setdefault(sup, []).append(pk)
    found: set[int] = set()
    stack = list(children.get(officer.pk, []))
    while stack:
        pk = stack.pop()
        if pk in found or pk == officer.pk:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def chain_above(officer: Officer) -> list[Officer]:
    """The officer's supervisors, nearest first (sergeant, lieutenant, captain, chief)."""
    above: list[Officer] = []
    seen = {officer.pk}
    walker = officer.supervisor
    while walker is not None and walker.pk not in seen:
        above.append(walker)
        seen.add(walker.pk)
        walker = walker.supervisor
    return above
