"""The cyclic garbage collector held off while one transcript is read and analysed.

An analysis makes tens of thousands of short-lived objects (segments, tokens, matches) and no
reference cycles: everything it makes is freed by reference counting alone. The collector
would still walk the young objects every few hundred allocations, about a twentieth of the
whole analysis, to find nothing. It is paused for the analysis and enabled again afterwards,
only when it was enabled before; when several threads analyse at once, it is enabled again
when the last of them is done.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # analyses running with the collector paused by this module
_paused_here = False  # whether this module paused it (and so must enable it again)


@contextmanager
def collector_paused() -> Iterator[None]:
    global _holders, _paused_here
    with _lock:
        if _holders == 0:
            _paused_here = gc.isenabled()
            if _paused_here:
                gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _paused_here:
                _paused_here = False
                gc.enable()
