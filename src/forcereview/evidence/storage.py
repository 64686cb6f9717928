"""The evidence store: files kept once, named by their SHA-256, never changed.

A file arrives in two steps. ``receive()`` streams it into a temporary file next to the store
while hashing it, so it is never held in memory and its hash is known the moment the last byte
is written. After the caller has checked it, ``keep()`` moves it into place: on a local disk by
an atomic rename to ``objects/ab/cd/<sha256>`` with mode 0444; in S3-compatible object storage
by an upload (configure the bucket with Object Lock or versioning so objects cannot be
overwritten). ``discard()`` removes a refused file and leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from forcereview.evidence.hashcopy import CHUNK, TooLarge, copy_hashing

__all__ = ["CHUNK", "Incoming", "LocalStore", "Store", "StorageStore", "TooLarge", "get_store"]

DIRECT_URL_SECONDS = 300  # a signed object-storage link lives five minutes


@dataclass
class Incoming:
    """A received file: hashed and on disk in the store's temporary folder, not yet kept."""

    path: Path
    sha256: str
    size: int
    head: bytes

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def object_name(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


class Store:
    """What every store does; subclasses say where kept files live."""

    tmp_dir: Path

    def receive(self, source: BinaryIO, *, max_bytes: int, what: str = "the file") -> Incoming:
        """Stream ``source`` into a temporary file while hashing it. Raises ``TooLarge`` (and
        leaves nothing behind) once more than ``max_bytes`` have arrived."""
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="incoming-", dir=self.tmp_dir)
        path = Path(name)
        try:
            try:
                sha256, size, head = copy_hashing(source, fd, max_bytes=max_bytes, what=what)
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return Incoming(path, sha256, size, head)

    def keep(self, incoming: Incoming) -> bool:
        """Store a received file under its hash. False when that content was already stored."""
        raise NotImplementedError

    def exists(self, sha256: str) -> bool:
        raise NotImplementedError

    def open(self, sha256: str) -> BinaryIO:
        raise NotImplementedError

    def delete(self, sha256: str) -> None:
        raise NotImplementedError

    @contextmanager
    def local_path(self, sha256: str) -> Iterator[Path]:
        """A path on this machine holding the content (for ffmpeg and speech-to-text)."""
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="work-", dir=self.tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out, self.open(sha256) as src:
                shutil.copyfileobj(src, out, CHUNK)
            yield Path(name)
        finally:
            Path(name).unlink(missing_ok=True)

    def rehash(self, sha256: str) -> str | None:
        """The SHA-256 of what is stored now under ``sha256``, or None if it is missing."""
        try:
            src = self.open(sha256)
        except FileNotFoundError:
            return None
        digest = hashlib.sha256()
        with src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def describe(self) -> str:
        raise NotImplementedError

    def direct_url(self, sha256: str, *, filename: str, content_type: str, attachment: bool) -> str | None:
        """A short-lived URL the browser can fetch the content from itself (object storage
        answers byte ranges far better than a proxy), or None to serve it through the app."""
        return None


class LocalStore(Store):
    def __init__(self, root: Path):
        self.root = Path(root)
        self.tmp_dir = self.root / "tmp"

    def path_of(self, sha256: str) -> Path:
        return self.root / "objects" / object_name(sha256)

    def keep(self, incoming: Incoming) -> bool:
        target = self.path_of(incoming.sha256)
        if target.exists():
            incoming.discard()
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(incoming.path, 0o444)
        os.replace(incoming.path, target)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return True

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).exists()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path_of(sha256), "rb")

    def delete(self, sha256: str) -> None:
        self.path_of(sha256).unlink(missing_ok=True)

    @contextmanager
    def local_path(self, sha256: str) -> Iterator[Path]:
        path = self.path_of(sha256)
        if not path.exists():
            raise FileNotFoundError(f"stored file {sha256} is missing")
        yield path

    def describe(self) -> str:
        return str(self.root)


class StorageStore(Store):
    """Files kept in a Django storage backend (S3-compatible object storage)."""

    def __init__(self, storage, tmp_dir: Path, prefix: str = ""):
        self.storage = storage
        self.tmp_dir = Path(tmp_dir)
        self.prefix = prefix.strip("/")

    def name_of(self, sha256: str) -> str:
        name = object_name(sha256)
        return f"{self.prefix}/{name}" if self.prefix else name

    def keep(self, incoming: Incoming) -> bool:
        name = self.name_of(incoming.sha256)
        try:
            if self.storage.exists(name):
                return False
            with open(incoming.path, "rb") as fh:
                saved = self.storage.save(name, fh)
            if saved != name:  # the backend chose another name: refuse to store under a wrong key
                self.storage.delete(saved)
                raise RuntimeError(f"storage kept the file as {saved!r} instead of {name!r}")
            return True
        finally:
            incoming.discard()

    def exists(self, sha256: str) -> bool:
        return self.storage.exists(self.name_of(sha256))

    def open(self, sha256: str) -> BinaryIO:
        name = self.name_of(sha256)
        if not self.storage.exists(name):
            raise FileNotFoundError(f"stored file {sha256} is missing")
        return self.storage.open(name, "rb")

    def delete(self, sha256: str) -> None:
        self.storage.delete(self.name_of(sha256))

    def direct_url(self, sha256: str, *, filename: str, content_type: str, attachment: bool) -> str | None:
        if not hasattr(self.storage, "bucket_name"):
            return None
        safe = filename.replace('"', "").replace("\r", "").replace("\n", "")
        disposition = f'{"attachment" if attachment else "inline"}; filename="{safe}"'
        return self.storage.url(self.name_of(sha256), expire=DIRECT_URL_SECONDS, parameters={
            "ResponseContentDisposition": disposition, "ResponseContentType": content_type,
        })

    def describe(self) -> str:
        bucket = getattr(self.storage, "bucket_name", None)
        return f"s3://{bucket}/{self.prefix}" if bucket else type(self.storage).__name__


def evidence_root() -> Path:
    return Path(settings.EVIDENCE_DIR) if settings.EVIDENCE_DIR else Path(settings.DATA_DIR) / "evidence"


def s3_storage():
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "FORCEREVIEW_EVIDENCE_S3_BUCKET is set but django-storages is not installed "
            "(pip install 'forcereview[s3]')"
        ) from None
    options = {"bucket_name": settings.EVIDENCE_S3_BUCKET, "file_overwrite": False, "default_acl": None}
    if settings.EVIDENCE_S3_ENDPOINT_URL:
        options["endpoint_url"] = settings.EVIDENCE_S3_ENDPOINT_URL
    if settings.EVIDENCE_S3_REGION:
        options["region_name"] = settings.EVIDENCE_S3_REGION
    if settings.EVIDENCE_S3_ACCESS_KEY_ID:
        options["access_key"] = settings.EVIDENCE_S3_ACCESS_KEY_ID
        options["secret_key"] = settings.EVIDENCE_S3_SECRET_ACCESS_KEY
    return S3Storage(**options)


def get_store() -> Store:
    """The configured store. Built per call: settings differ between tests and are cheap to read."""
    if settings.EVIDENCE_S3_BUCKET:
        return StorageStore(s3_storage(), Path(settings.DATA_DIR) / "tmp", settings.EVIDENCE_S3_PREFIX)
    return LocalStore(evidence_root())
