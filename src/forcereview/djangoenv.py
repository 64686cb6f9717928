"""Set Django up for command-line use, only for the commands that need it."""

from __future__ import annotations

import os
import sys


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forcereview.settings")
    import django

    django.setup()


def ensure_database() -> None:
    """Create the data folder and bring the schema up to date (quietly)."""
    setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def main(argv: list[str]) -> int:
    """``forcereview manage ...``: any Django management command."""
    setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["forcereview manage", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
