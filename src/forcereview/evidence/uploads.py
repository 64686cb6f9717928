"""Refuse an oversized upload before its body is read, so a huge request cannot fill the disk.

Listed first in ``FILE_UPLOAD_HANDLERS``. The evidence views see ``request.upload_refused``
and answer 413 with its message; the evidence store checks the size again as it writes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

FORM_OVERHEAD = 1024 * 1024


def upload_limit() -> int:
    return max(settings.EVIDENCE_MAX_BYTES, settings.TRANSCRIPT_MAX_BYTES, settings.IMPORT_MAX_BYTES) + FORM_OVERHEAD


class RefuseOversizedUploads(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = upload_limit()
        if content_length and content_length > limit:
            if self.request is not None:
                self.request.upload_refused = (
                    f"the upload is {content_length:,} bytes; the largest accepted is {limit - FORM_OVERHEAD:,}"
                )
            return QueryDict(encoding=encoding), MultiValueDict()  # skip the body
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
