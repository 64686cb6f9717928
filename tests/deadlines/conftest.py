from __future__ import annotations

import pytest

from forcereview.deadlines.registry import KINDS, DeadlineKind, register


@pytest.fixture
def calls():
    """What the test kind's handlers were asked to do, in order."""
    return []


@pytest.fixture
def test_kind(calls):
    kind = register(DeadlineKind(
        "test.filing", "Test filing",
        remind=lambda d, n: calls.append(("remind", d.pk, n)),
        escalate=lambda d, n: calls.append(("escalate", d.pk, n)),
    ))
    yield kind
    KINDS.pop(kind.code, None)


@pytest.fixture
def plain_kind():
    """A kind with the default handlers (email)."""
    kind = register(DeadlineKind("test.plain", "Plain test deadline"))
    yield kind
    KINDS.pop(kind.code, None)
