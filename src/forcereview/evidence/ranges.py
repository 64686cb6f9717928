"""Serve a stored file with HTTP Range support, so a player can seek in a long recording
without downloading all of it."""

from __future__ import annotations

import re
from typing import BinaryIO

from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 512 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | None | str:
    """(first, last) byte of a single satisfiable range; None for no or an ignorable header;
    "unsatisfiable" for a range outside the file."""
    match = RANGE.match(header.strip()) if header else None
    if not match:
        return None  # absent, several ranges, or malformed: serve the whole file (RFC 9110 allows it)
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, min(end, size - 1)


def _stream(fh: BinaryIO, start: int, length: int):
    try:
        fh.seek(start)
        left = length
        while left > 0:
            data = fh.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            yield data
    finally:
        fh.close()


def ranged_response(request, fh: BinaryIO, size: int, content_type: str, *, filename: str | None = None,
                    attachment: bool = False):
    wanted = parse_range(request.headers.get("Range", ""), size)
    if wanted == "unsatisfiable":
        fh.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        start, end, status = 0, size - 1, 200
    else:
        start, end = wanted
        status = 206
    length = max(0, end - start + 1)
    response = StreamingHttpResponse(_stream(fh, start, length), status=status, content_type=content_type)
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    if filename:
        disposition = "attachment" if attachment else "inline"
        safe = filename.replace('"', "").replace("\r", "").replace("\n", "")
        response["Content-Disposition"] = f'{disposition}; filename="{safe}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
