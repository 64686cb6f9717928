"""``forcereview token``: issue, list and revoke a user's API tokens from the command line
(for the first integration, before anyone has signed in to the web app)."""

from __future__ import annotations

import argparse
import getpass
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="forcereview token", description="API tokens of a user.")
    sub = parser.add_subparsers(dest="command", required=True)
    issue = sub.add_parser("issue", help="Issue a token and print it (shown only this once).")
    issue.add_argument("username")
    issue.add_argument("--name", default="command line", help="Where the token will be used.")
    listing = sub.add_parser("list", help="List a user's tokens (their first characters, never the tokens).")
    listing.add_argument("username")
    revoke = sub.add_parser("revoke", help="Revoke a user's token, named by its first characters.")
    revoke.add_argument("username")
    revoke.add_argument("prefix")
    args = parser.parse_args(argv)

    from forcereview import djangoenv

    djangoenv.ensure_database()
    from forcereview.accounts import actions
    from forcereview.accounts.models import ApiToken, User

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"forcereview token: no user named {args.username!r}", file=sys.stderr)
        return 2
    actor = f"command line ({getpass.getuser()})"
    if args.command == "issue":
        name = args.name.strip()[:100] or "command line"
        _, token = actions.issue_token(user, by=actor, name=name)
        print(token)
        print(f"Token {name!r} issued for {user.username}; it is shown only this once.", file=sys.stderr)
        return 0
    rows = ApiToken.objects.filter(user=user).order_by("created_at")
    if args.command == "list":
        for row in rows:
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
            print(f"{row.prefix}  {row.created_at:%Y-%m-%d}  {state:<24}  {row.name}")
        return 0
    matches = [r for r in rows if r.prefix.startswith(args.prefix) or args.prefix.startswith(r.prefix)]
    active = [r for r in matches if r.revoked_at is None]
    if len(active) != 1:
        what = "no active token" if not active else f"{len(active)} active tokens"
        print(f"forcereview token: {what} of {user.username} starts with {args.prefix!r}", file=sys.stderr)
        return 2
    actions.revoke_token(active[0], by=actor)
    print(f"Token {active[0].name!r} ({active[0].prefix}...) of {user.username} is revoked.")
    return 0
