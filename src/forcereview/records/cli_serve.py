"""``forcereview serve``: bring the database up to date and serve the web app.

The app runs under waitress, a production-capable pure-Python WSGI server; static files are
collected into the data folder and served by WhiteNoise, so nothing else is needed on a
small installation. Large installations may put the same WSGI application
(``forcereview.wsgi:application``) behind any other server.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ALL_INTERFACES = {"0.0.0.0", "::", ""}


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")


def prepare() -> None:
    """Migrate and collect static files (both quiet, both quick when nothing changed)."""
    from forcereview import djangoenv

    djangoenv.ensure_database()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def database_description() -> str:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite database {settings.DATABASES['default']['NAME']}"
    db = settings.DATABASES["default"]
    return f"{connection.vendor} database {db.get('NAME')} on {db.get('HOST') or 'localhost'}"


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ALL_INTERFACES else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _allow_host(host: str) -> str | None:
    """Let the server answer to the name it was asked to listen on. Returns a note for the banner."""
    from django.conf import settings

    if host in ALL_INTERFACES:
        return ("Listening on every interface: add this machine's name or address to ALLOWED_HOSTS "
                "for other computers to reach it.")
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append(host)
    return None


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(host: str, port: int, *, threads: int = 8, banner: Callable[[str], str]) -> int:
    """Listen, print ``banner(url)``, and serve until interrupted."""
    from waitress import create_server

    from forcereview.wsgi import application

    note = _allow_host(host)
    try:
        server = create_server(application, host=host, port=port, threads=threads)
    except OSError as exc:
        print(f"forcereview: cannot listen on {host}:{port}: {exc.strerror or exc}. "
              "Is another server using that port? Choose another with --port.", file=sys.stderr)
        return 1
    print(banner(url_for(host, port)))
    if note:
        print(note)
    print("Press Ctrl+C to stop.", flush=True)
    # A service manager stops us with SIGTERM: leave as cleanly as on Ctrl+C.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.run()  # returns on Ctrl+C or SIGTERM, after finishing the requests in hand
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    print("Stopped.")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="forcereview serve",
        description="Apply database migrations and serve the web app (no demo data).",
    )
    add_server_arguments(parser)
    args = parser.parse_args(argv)
    prepare()

    def banner(url: str) -> str:
        return f"forcereview is serving {url}\nData: {database_description()}"

    return serve(args.host, args.port, threads=args.threads, banner=banner)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
