"""The engine's errors.

Every problem with an input (a transcript that cannot be read, a recording that cannot be
transcribed) is a ``TranscriptError``: parsers raise nothing else, whatever the bytes. A phrase
or weights file that does not validate is a ``DataFileError``. Both are ``ValueError`` so a
caller that only knows "bad input" can catch that.
"""

from __future__ import annotations


class TranscriptError(ValueError):
    """A transcript (or recording) that cannot be analysed, with where the problem is."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.location() + message)

    def location(self) -> str:
        if self.source and self.line:
            return f"{self.source}:{self.line}: "
        if self.source:
            return f"{self.source}: "
        if self.line:
            return f"line {self.line}: "
        return ""

    def with_source(self, source: str | None) -> TranscriptError:
        """The same error naming ``source`` (parsers of text do not know the file name)."""
        if source is None or self.source == source:
            return self
        clone = type(self)(self.message, source=source, line=self.line)
        clone.__cause__ = self.__cause__
        return clone


class SpeechUnavailable(TranscriptError):
    """A recording was given but speech-to-text is not installed or has no model."""


class DataFileError(ValueError):
    """A phrase, label or weights file that does not validate; names the file and the key."""

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None):
        self.message = message
        self.path = path
        self.key = key
        where = ": ".join(part for part in (path, key) if part)
        super().__init__(f"{where}: {message}" if where else message)
