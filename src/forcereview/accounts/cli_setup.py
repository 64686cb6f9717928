"""``forcereview setup``: bring the database up to date, then create an agency and its first
administrator, so a new installation can be signed in to.

Everything is checked before anything is written; a refusal exits with status 2, names the
problem, and writes nothing. Running it again for an agency that exists is such a refusal.
Every answer can be given as an option, for scripts; what is missing is asked for when a
person is at the terminal, and refused otherwise.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from zoneinfo import ZoneInfo, available_timezones

PASSWORD_ENV = "FORCEREVIEW_SETUP_PASSWORD"
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


class Refused(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="forcereview setup",
        description="Apply database migrations, then create an agency and its first administrator.",
        epilog=f"The password comes from --password-file, else from ${PASSWORD_ENV}, else from a prompt.",
    )
    parser.add_argument("--agency", help="The agency's name, e.g. 'Mesa Police Department'.")
    parser.add_argument("--code", help="Short code of the agency: lower-case letters, digits and '-', e.g. 'mesa-pd'.")
    parser.add_argument("--time-zone", help="The agency's time zone (IANA name), e.g. America/Denver.")
    parser.add_argument("--state", default=None, help="Two-letter state code, e.g. NM (optional).")
    parser.add_argument("--ori", default=None, help="FBI Originating Agency Identifier (optional).")
    parser.add_argument("--admin-username", help="User name of the first administrator.")
    parser.add_argument("--admin-email", help="Email address of the first administrator (optional; '' for none).")
    parser.add_argument("--password-file", help="Read the administrator's password from this file (first line).")
    parser.add_argument("--no-input", action="store_true", help="Never prompt; refuse when an answer is missing.")
    return parser


def _ask(args, name: str, prompt: str, *, interactive: bool, required: bool = True, default: str = "") -> str:
    value = getattr(args, name)
    if value is None and interactive:
        shown = f" [{default}]" if default else ""
        value = input(f"{prompt}{shown}: ").strip() or default
    if value is None:
        value = default
    value = value.strip()
    if required and not value:
        raise Refused(f"--{name.replace('_', '-')} is required ({prompt.lower()})")
    return value


def _password(args, *, interactive: bool) -> str:
    if args.password_file:
        try:
            with open(args.password_file, encoding="utf-8") as fh:
                password = fh.readline().rstrip("\r\n")
        except OSError as exc:
            raise Refused(f"--password-file: cannot read {args.password_file}: {exc.strerror}") from None
        if not password:
            raise Refused(f"--password-file: {args.password_file} is empty")
        return password
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not interactive:
        raise Refused(f"no password: give --password-file or set {PASSWORD_ENV}")
    first = getpass.getpass("Administrator's password: ")
    if first != getpass.getpass("The same password again: "):
        raise Refused("the two passwords differ")
    return first


def _gather(args, interactive: bool) -> dict:
    name = _ask(args, "agency", "Agency name", interactive=interactive)
    code = _ask(args, "code", "Short code (e.g. mesa-pd)", interactive=interactive).lower()
    if not CODE_RE.match(code):
        raise Refused(f"--code {code!r}: use lower-case letters, digits and '-' (at most 60), starting with a letter or digit")
    tz = _ask(args, "time_zone", "Time zone", interactive=interactive, default="America/Denver")
    if tz not in available_timezones():
        raise Refused(f"--time-zone {tz!r} is not a known time zone (an IANA name such as America/Denver)")
    ZoneInfo(tz)
    state = _ask(args, "state", "State (two letters, optional)", interactive=interactive, required=False).upper()
    if state and not re.fullmatch(r"[A-Z]{2}", state):
        raise Refused(f"--state {state!r}: give the two-letter code, e.g. NM")
    ori = _ask(args, "ori", "ORI (optional)", interactive=interactive, required=False).upper()
    if len(ori) > 9:
        raise Refused(f"--ori {ori!r} is longer than 9 characters")
    username = _ask(args, "admin_username", "Administrator's user name", interactive=interactive)
    email = _ask(args, "admin_email", "Administrator's email (optional)", interactive=interactive, required=False)
    return {"name": name, "code": code, "tz": tz, "state": state, "ori": ori, "username": username, "email": email}


def _check_against_database(answers: dict) -> None:
    from forcereview.accounts.actions import check_email, check_username
    from forcereview.records.actions import RecordInvalid
    from forcereview.records.models import Agency

    existing = Agency.objects.filter(slug=answers["code"]).first()
    if existing is not None:
        raise Refused(f"an agency with the code {answers['code']!r} already exists ({existing.name}); "
                      "nothing was changed. Sign in as its administrator to manage it.")
    try:
        check_username(answers["username"])
        check_email(answers["email"])
    except RecordInvalid as exc:
        err = exc.errors[0]
        option = {"username": "--admin-username", "email": "--admin-email"}.get(err.path, err.path)
        raise Refused(f"{option}: {err.message}") from None


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    interactive = not args.no_input and sys.stdin.isatty()
    try:
        answers = _gather(args, interactive)
    except Refused as exc:
        print(f"forcereview setup: {exc}; nothing was written.", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nforcereview setup: stopped; nothing was written.", file=sys.stderr)
        return 2

    from forcereview import djangoenv

    djangoenv.ensure_database()
    from django.db import transaction

    from forcereview.accounts import actions as account_actions
    from forcereview.accounts.models import User
    from forcereview.accounts.roles import Role
    from forcereview.records.actions import RecordInvalid, create_agency

    try:
        _check_against_database(answers)
        password = _password(args, interactive=interactive)
        probe = User(username=answers["username"], email=answers["email"])
        account_actions.check_password(password, probe)
    except Refused as exc:
        print(f"forcereview setup: {exc}; nothing was written.", file=sys.stderr)
        return 2
    except RecordInvalid as exc:
        print(f"forcereview setup: the password is refused: {exc.errors[0].message} Nothing was written.",
              file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nforcereview setup: stopped; nothing was written.", file=sys.stderr)
        return 2

    actor = f"forcereview setup ({getpass.getuser()})"
    try:
        with transaction.atomic():
            agency = create_agency(by=actor, name=answers["name"], slug=answers["code"], ori=answers["ori"],
                                   state=answers["state"], timezone=answers["tz"])
            admin = account_actions.create_user(
                by=actor, username=answers["username"], password=password, role=Role.ADMIN, agency=agency,
                email=answers["email"])
    except RecordInvalid as exc:
        err = exc.errors[0]
        print(f"forcereview setup: {err.path}: {err.message}; nothing was written.", file=sys.stderr)
        return 2
    print(f"Agency {agency.name} ({agency.slug}, {agency.timezone}) is set up.")
    print(f"Administrator {admin.username} can now sign in (forcereview serve) and add the agency's units, "
          "officers and logins under Users, Officers and Units.")
    return 0
