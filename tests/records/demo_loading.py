"""The demo agency loaded for a test module: generated, written by the real loader inside a
transaction that is rolled back when the module is done, with a fast password hasher and
evidence kept in the module's own data folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings

from forcereview.records.demo import generate
from forcereview.records.demo.generate import DEFAULT_INCIDENTS
from forcereview.records.demo.load import load

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def demo_loaded(django_db_blocker, tmp_path_factory, *, incidents: int = DEFAULT_INCIDENTS) -> Iterator[tuple]:
    """``(data, summary, data_dir)`` of a demo with ``incidents`` incidents, for a module-scoped
    fixture to yield."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER, DATA_DIR=data_dir,
                                                        EVIDENCE_DIR="", EVIDENCE_S3_BUCKET=""):
        with transaction.atomic():
            data = generate(incidents=incidents)
            summary = load(data)
            yield data, summary, data_dir
            transaction.set_rollback(True)
