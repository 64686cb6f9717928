"""The ``forcereview`` command.

Sub-commands are listed in ``COMMANDS``. Each one names the module whose ``main(argv)`` runs it,
so ``forcereview --help`` and ``forcereview analyze`` never import Django; commands that need
the database set Django up themselves (see ``forcereview.djangoenv``).
"""

from __future__ import annotations

import importlib
import sys

# name -> (module with main(argv), one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "setup": ("forcereview.accounts.cli_setup", "Apply migrations and create an agency and its first administrator."),
    "analyze": ("forcereview.engine.cli", "Analyse transcripts (and recordings) for what a reviewer must not miss."),
    "demo": ("forcereview.records.cli_demo", "Load a demo agency with ~300 incidents and serve the web app."),
    "serve": ("forcereview.records.cli_serve", "Apply migrations and serve the web app."),
    "import": ("forcereview.records.cli_import", "Import incidents from a CSV or JSON file (validates everything first)."),
    "token": ("forcereview.accounts.cli_token", "Issue, list or revoke a user's API tokens."),
    "evidence": ("forcereview.evidence.cli", "Evidence store: 'evidence add INCIDENT FILE...', 'verify', 'purge', 'worker'."),
    "policy": ("forcereview.reviews.cli", "Review policy: check, load, show and apply rules (policy evaluate --all)."),
    "audit": ("forcereview.audit.cli", "Audit log tools: 'audit verify' re-computes the hash chain."),
    "cases": ("forcereview.cases.cli", "Case tools: 'cases check-rules FILE' validates a case rules file."),
    "deadlines": ("forcereview.deadlines.cli", "Deadline tools: 'deadlines run' sends due reminders and escalations (for cron)."),
    "manage": ("forcereview.djangoenv", "Run a Django management command (migrate, createsuperuser, ...)."),
}


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: forcereview COMMAND [ARGS...]",
        "",
        "Use-of-force review and accountability. Commands:",
        "",
    ]
    for name, (_, help_text) in COMMANDS.items():
        lines.append(f"  {name.ljust(width)}  {help_text}")
    lines += ["", "Run 'forcereview COMMAND --help' for the options of one command."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    if argv[0] in {"-V", "--version"}:
        from forcereview import __version__

        print(f"forcereview {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"forcereview: unknown command {name!r}\n", file=sys.stderr)
        print(usage(), file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
