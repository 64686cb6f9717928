"""Copy an incoming file to disk while hashing it, fast and with memory flat.

Two fixed buffers take turns: while one is written, the other's SHA-256 is taken in a second
thread (hashlib and file I/O release the GIL), so a large file costs about the slower of the
two, not their sum. The hash is taken of the very buffer that is written, so it is the hash of
what was stored.

Where the filesystem allows it the file is written with ``O_DIRECT``: straight from our buffer
to the disk, bypassing the page cache. Buffered writes of a body-camera video spend most of
their time in the kernel, allocating and reclaiming cache pages for data nobody reads soon; on
a busy two-core server that, not hashing, capped the store near 150 MB/s. Direct writes need
page-aligned buffers (``mmap`` gives them) and whole blocks, so each buffer is filled to the
brim before it is written and only the last, partial block goes through the page cache.
Filesystems without ``O_DIRECT`` (tmpfs, some network mounts) get ordinary buffered writes.
"""

from __future__ import annotations

import errno
import hashlib
import mmap
import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import BinaryIO

CHUNK = 4 * 1024 * 1024
HEAD_BYTES = 4096
DIRECT_BLOCK = 4096  # O_DIRECT writes must be whole blocks at block-aligned offsets


class TooLarge(ValueError):
    pass


def try_direct(fd: int) -> bool:
    """Switch ``fd`` to unbuffered writes; False where the platform or filesystem refuses."""
    flag = getattr(os, "O_DIRECT", 0)
    if not flag:
        return False
    import fcntl

    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | flag)
    except OSError:
        return False
    return True


def _buffered(fd: int) -> None:
    import fcntl

    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_DIRECT)


class _Writer:
    def __init__(self, fd: int, direct: bool):
        self.fd = fd
        self.direct = direct

    def write(self, data: memoryview) -> None:
        if self.direct:
            whole = len(data) - len(data) % DIRECT_BLOCK
            try:
                written = self._write_all(data[:whole]) if whole else 0
            except OSError as exc:  # a filesystem that accepted the flag but not the write
                if exc.errno != errno.EINVAL:
                    raise
                written = 0
            if written == len(data):
                return
            _buffered(self.fd)  # the last partial block, or a refusal: the page cache from here on
            self.direct = False
            data = data[written:]
        self._write_all(data)

    def _write_all(self, data: memoryview) -> int:
        done = 0
        while done < len(data):
            written = os.write(self.fd, data[done:])
            if written == 0:
                raise OSError(errno.EIO, "the disk accepted no more bytes")
            done += written
            if self.direct and done % DIRECT_BLOCK:  # a short direct write leaves us unaligned
                return done
        return done


def _fill(source: BinaryIO, view: memoryview) -> int:
    """Read from ``source`` until ``view`` is full or the source ends; the bytes read."""
    readinto = getattr(source, "readinto", None)
    filled = 0
    while filled < len(view):
        if readinto is not None:
            n = readinto(view[filled:])
        else:
            data = source.read(len(view) - filled)
            n = len(data)
            view[filled:filled + n] = data
        if not n:
            break
        filled += n
    return filled


def copy_hashing(source: BinaryIO, fd: int, *, max_bytes: int, what: str,
                 direct: bool = True) -> tuple[str, int, bytes]:
    """Copy ``source`` to the open file ``fd`` while hashing it: (sha256, size, first bytes).

    Raises ``TooLarge`` once more than ``max_bytes`` have arrived. Does not fsync.
    """
    writer = _Writer(fd, direct and try_direct(fd))
    digest = hashlib.sha256()
    buffers = [mmap.mmap(-1, CHUNK), mmap.mmap(-1, CHUNK)]  # page-aligned, as O_DIRECT needs
    views = [memoryview(b) for b in buffers]
    pending: list[Future | None] = [None, None]
    size, head, turn = 0, b"", 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as hasher:
        try:
            while True:
                if pending[turn] is not None:
                    pending[turn].result()  # the buffer is free again once its hash is taken
                    pending[turn] = None
                n = _fill(source, views[turn])
                if not n:
                    break
                size += n
                if size > max_bytes:
                    raise TooLarge(f"{what} is larger than the limit of {max_bytes:,} bytes")
                chunk = views[turn][:n]
                if len(head) < HEAD_BYTES:
                    head += bytes(chunk[: HEAD_BYTES - len(head)])
                pending[turn] = hasher.submit(digest.update, chunk)  # one thread: updates stay in order
                writer.write(chunk)
                if n < CHUNK:
                    break  # the source ended inside this buffer
                turn ^= 1
        finally:
            for future in pending:  # the hasher must be done with a buffer before it goes
                if future is not None:
                    future.result()
    return digest.hexdigest(), size, head
