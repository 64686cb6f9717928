"""Paging for long lists without counting every row.

``COUNT(*)`` over a large filtered set can cost more than the page itself, so a page fetches
one row more than it shows (to know whether a next page exists) and the total is counted only
up to ``count_cap`` rows: "1,000 or more" is all a reader needs from a count that large.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

PAGE_SIZE = 50
COUNT_CAP = 1000


@dataclass
class Page:
    number: int
    size: int
    items: list
    has_next: bool
    total: int  # exact when not capped
    capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)

    @property
    def page_count(self) -> int | None:
        if self.capped:
            return None
        return max(1, -(-self.total // self.size))


def page_number(raw) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


def get_page(qs: QuerySet, raw_number, *, size: int = PAGE_SIZE, count_cap: int | None = None) -> Page:
    number = page_number(raw_number)
    offset = (number - 1) * size
    rows = list(qs[offset : offset + size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    if number == 1 and not has_next:
        total, capped = len(rows), False
    else:
        cap = max(count_cap or COUNT_CAP, offset + size + 1)
        total = qs.order_by()[:cap].count()
        capped = total >= cap
    return Page(number=number, size=size, items=rows, has_next=has_next, total=total, capped=capped)
