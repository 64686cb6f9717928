"""Standing guards: migrations match the models, every setting is documented."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def test_models_and_migrations_agree(db):
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        raise AssertionError("a model change has no migration:\n" + out.getvalue()) from exc


def test_every_setting_is_documented():
    import forcereview.settings  # noqa: F401  (declares the settings)
    from forcereview.conf import SETTINGS

    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", (ROOT / "docs" / "settings.md").read_text(), re.M))
    missing = sorted(set(SETTINGS) - documented)
    assert not missing, f"settings missing from docs/settings.md: {missing}"
