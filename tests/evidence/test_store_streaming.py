"""The store's copy: what lands on disk is byte for byte what arrived, and its SHA-256 is the
hash of those bytes, however the source hands them over and whatever the filesystem allows."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcereview.evidence import hashcopy
from forcereview.evidence.storage import LocalStore, TooLarge

SMALL_CHUNK = 2 * hashcopy.DIRECT_BLOCK  # small buffers, so short files cross many of them


class Trickle(io.RawIOBase):
    """A source that hands over at most ``step`` bytes per read, like a socket."""

    def __init__(self, data: bytes, step: int):
        self.data, self.step, self.at = data, step, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(self.step, len(buffer), len(self.data) - self.at)
        buffer[:n] = self.data[self.at:self.at + n]
        self.at += n
        return n


class ReadOnly:
    """A source with ``read`` only (no ``readinto``)."""

    def __init__(self, data: bytes):
        self.stream = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self.stream.read(n)


def _copy(tmp_path, source, *, direct: bool, max_bytes: int = 1 << 30):
    path = tmp_path / f"out-{os.urandom(4).hex()}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        result = hashcopy.copy_hashing(source, fd, max_bytes=max_bytes, what="clip.mp4", direct=direct)
    finally:
        os.close(fd)
    return result, path.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(0, 5 * SMALL_CHUNK + 7), step=st.integers(1, 3 * SMALL_CHUNK), direct=st.booleans())
def test_stored_bytes_and_hash_match_the_source_whatever_the_read_sizes(tmp_path, monkeypatch, size, step, direct):
    monkeypatch.setattr(hashcopy, "CHUNK", SMALL_CHUNK)
    data = os.urandom(size)
    (sha256, count, head), stored = _copy(tmp_path, Trickle(data, step), direct=direct)
    assert stored == data
    assert (sha256, count, head) == (hashlib.sha256(data).hexdigest(), size, data[:hashcopy.HEAD_BYTES])


@pytest.mark.parametrize("size", [0, 1, hashcopy.DIRECT_BLOCK - 1, hashcopy.DIRECT_BLOCK,
                                  hashcopy.CHUNK - 1, hashcopy.CHUNK, hashcopy.CHUNK + 1, 2 * hashcopy.CHUNK + 4097])
def test_full_size_buffers_copy_exactly_at_every_boundary(tmp_path, size):
    data = os.urandom(size)
    for source in (io.BytesIO(data), ReadOnly(data)):
        (sha256, count, _), stored = _copy(tmp_path, source, direct=True)
        assert stored == data and sha256 == hashlib.sha256(data).hexdigest() and count == size


def test_a_filesystem_that_refuses_direct_writes_gets_buffered_ones(tmp_path, monkeypatch):
    probe = os.open(tmp_path / "probe", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if not hashcopy.try_direct(probe):
            pytest.skip("this filesystem has no O_DIRECT: every write is buffered already")
    finally:
        os.close(probe)
    data = os.urandom(3 * hashcopy.DIRECT_BLOCK + 5)
    real_write, refused = os.write, []

    def write(fd, buffer):
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_DIRECT:
            refused.append(len(buffer))
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_write(fd, buffer)

    monkeypatch.setattr(hashcopy.os, "write", write)
    (sha256, _, _), stored = _copy(tmp_path, io.BytesIO(data), direct=True)
    assert refused == [3 * hashcopy.DIRECT_BLOCK]
    assert stored == data and sha256 == hashlib.sha256(data).hexdigest()


def test_receive_stops_at_the_limit_and_leaves_nothing_behind(tmp_path):
    store = LocalStore(tmp_path / "store")
    with pytest.raises(TooLarge, match="clip.mp4 is larger than the limit of 1,000 bytes"):
        store.receive(io.BytesIO(os.urandom(5000)), max_bytes=1000, what="clip.mp4")
    assert list((tmp_path / "store" / "tmp").iterdir()) == []


def test_receive_then_keep_stores_a_read_only_file_under_its_hash(tmp_path):
    data = os.urandom(hashcopy.CHUNK + 12345)
    store = LocalStore(tmp_path / "store")
    incoming = store.receive(io.BytesIO(data), max_bytes=1 << 30)
    assert store.keep(incoming) is True
    target = store.path_of(hashlib.sha256(data).hexdigest())
    assert target.read_bytes() == data and target.stat().st_mode & 0o777 == 0o444
    assert list((tmp_path / "store" / "tmp").iterdir()) == []
