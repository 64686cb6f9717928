"""Logging filters the settings attach to Django's loggers."""

from __future__ import annotations

import logging


class ClientErrorsInOneLine(logging.Filter):
    """A page refused or not found (4xx) is logged as its one line ("Forbidden (Permission
    denied): /incidents/"), without the traceback of the PermissionDenied or Http404 that
    answered it: those are the app working as meant, not errors to debug. Server errors keep
    their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
