"""Paging for long lists without counting every row.

``COUNT(*)`` over a large filtered set can cost many times more than the page itself (a rare
filter at 200,000 incidents means checking every row), so a page fetches one row more than it
shows, to know whether a next page exists, and counts the whole set only when the reader asks
(``count=1``). The total is still known for free on the last page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

PAGE_SIZE = 50


@dataclass
class Page:
    number: int
    size: int
    items: list
    has_next: bool
    total: int | None  # None: not counted

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
        if self.total is None:
            return None
        return max(1, -(-self.total // self.size))


def page_number(raw) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


def get_page(qs: QuerySet, raw_number, *, size: int = PAGE_SIZE, counted: QuerySet | None = None) -> Page:
    """A page of ``qs``. With ``counted`` (the same rows, in the form the database counts
    fastest; ``qs`` itself will do), the whole set is counted."""
    number = page_number(raw_number)
    offset = (number - 1) * size
    rows = list(qs[offset : offset + size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    if counted is not None:
        total = counted.order_by().count()
    elif not has_next and (rows or number == 1):
        total = offset + len(rows)  # the last page: everything before it was full
    else:
        total = None
    return Page(number=number, size=size, items=rows, has_next=has_next, total=total)
