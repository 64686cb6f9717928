"""What the importer reports: where in the file, which field, what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class ImportFileError(ValueError):
    """The file as a whole cannot be read (too big, binary, wrong encoding, malformed JSON,
    a bad CSV header). Nothing is imported; the message names the problem and where it is."""

    def __init__(self, message: str, where: str = ""):
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Problem:
    where: str  # "row 3", "item 12", "line 7"
    message: str
    column: str = ""  # CSV column name
    field: str = ""  # report field path, e.g. "subjects[0].age"

    def __str__(self) -> str:
        place = self.where
        if self.column:
            place += f", column {self.column}"
        elif self.field:
            place += f", {self.field}"
        return f"{place}: {self.message}"


@dataclass(frozen=True)
class Where:
    """Where one report came from in the file. ``locate`` turns a validator field path into
    the place a person can find (for CSV: a row and a column)."""

    label: str  # "rows 2-4", "item 12 (2019-0827-001)"
    mapper: Callable[[str], tuple[int, str] | None] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.label

    def problem(self, path: str, message: str) -> Problem:
        if self.mapper is not None:
            found = self.mapper(path)
            if found is not None:
                row, column = found
                return Problem(f"row {row}", message, column=column, field=path)
        return Problem(self.label, message, field=path)
