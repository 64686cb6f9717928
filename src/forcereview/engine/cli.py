"""``forcereview analyze``: analyse transcripts (and recordings) from the command line.

One file: a timeline for a reviewer (``--format text``, the default) or the JSON contract
(``--format json``). Several files or a folder: one JSON object per file (JSON Lines), a
progress bar on a terminal, ``--jobs N`` processes. Exit status: 0 success; 2 bad input (the
message names the file and line); 1 when some files of a batch were bad (the rest are still
analysed, and each bad one gets an ``{"source", "error"}`` line).

Only the standard library and the engine are imported here: no Django, nothing heavy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from .model import ROLES
from . import datafiles
from .errors import DataFileError, TranscriptError

PROG = "forcereview analyze"
TRANSCRIPT_SUFFIXES = {".vtt", ".srt", ".sbv", ".ttml", ".dfxp", ".json", ".tsv", ".csv", ".ass", ".ssa",
                       ".txt", ".text", ".transcript", ".docx", ".odt", ".rtf", ".pdf", ".html", ".htm"}
MEDIA_SUFFIXES = {".wav", ".mp3", ".m4a", ".mp4", ".mov", ".mkv", ".webm", ".ogg", ".oga", ".opus", ".flac",
                  ".aac", ".wma", ".wmv", ".avi", ".3gp", ".amr", ".aiff", ".aif", ".caf", ".mpg", ".mpeg", ".ts"}


def build_parser() -> argparse.ArgumentParser:
    from .formats import FORMATS  # (every analysis reads through it, so no extra import)

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Find what a reviewer must not miss in body-camera transcripts: force commands, "
                    "distress, medical emergencies, objections, threats, weapons, vulnerable subjects, "
                    "aggression and de-escalation, with a transparent risk score.",
        epilog="Formats are recognised from the content: WebVTT, SRT, Whisper-style JSON, plain text "
               "('ROLE (Name): words', optional [mm:ss]) and more (docs/engine.md). Audio and video are "
               "transcribed first when the speech extra is installed. Extra phrase files: --phrases or "
               f"{datafiles.ENV_VAR}.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="transcript or recording files, or folders; - reads one transcript from standard input")
    parser.add_argument("--format", choices=("text", "json"), default=None,
                        help="text: a timeline for reading (default for one file); json: the JSON contract "
                             "(several files always give JSON Lines unless --format text is given)")
    parser.add_argument("--subject-age", type=_age, metavar="N", help="the subject's age, if known")
    parser.add_argument("--location-type", metavar="TYPE", help="where it happened, e.g. school, street, residence")
    parser.add_argument("--role", action="append", default=[], metavar="NAME=ROLE", type=_role,
                        help=f"set a speaker's role ({', '.join(ROLES)}); repeatable")
    parser.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="processes for a batch (default 1)")
    parser.add_argument("--phrases", action="append", default=[], metavar="FILE",
                        help="extra phrase/weights file (YAML or JSON) merged over the built-in data; repeatable")
    parser.add_argument("--model", metavar="DIR", help="speech-to-text model folder, for audio and video")
    parser.add_argument("--transcript-format", choices=FORMATS, default=None,
                        help="skip format detection")
    parser.add_argument("--segments", action="store_true", help="JSON: include every segment, not only signals")
    parser.add_argument("--signals-only", action="store_true", help="text: show only utterances with signals")
    parser.add_argument("--no-color", action="store_true", help="text: no colours (also NO_COLOR=1)")
    return parser


def _age(value: str) -> int:
    try:
        age = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of years") from None
    if not 0 <= age <= 130:
        raise argparse.ArgumentTypeError(f"{age} is not an age between 0 and 130")
    return age


def _role(value: str) -> tuple[str, str]:
    name, sep, role = value.rpartition("=")
    role = role.strip().lower()
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{value!r}: write NAME=ROLE, e.g. \"Administrator=bystander\"")
    if role not in ROLES:
        raise argparse.ArgumentTypeError(f"{value!r}: the role must be one of {', '.join(ROLES)}")
    return name.strip(), role


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("--jobs must be 1 or more")
    return jobs


def expand(paths: Sequence[str]) -> tuple[list[str], bool]:
    """Files to analyse, and whether this is a batch (several paths or a folder)."""
    files: list[str] = []
    batch = len(paths) > 1
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            batch = True
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    suffix = Path(name).suffix.lower()
                    if not name.startswith(".") and (suffix in TRANSCRIPT_SUFFIXES or suffix in MEDIA_SUFFIXES):
                        files.append(os.path.join(root, name))
        else:
            files.append(raw)
    return files, batch


# -- the work of one file (runs in worker processes too) ---------------------------------------
_OPTIONS: dict = {}


def _setup(options: dict) -> None:
    global _OPTIONS
    _OPTIONS = options
    from .book import phrasebook_for

    _OPTIONS["book"] = phrasebook_for(options["phrases"])


STDIN = "-"


def _analyse(path: str):
    from .analysis import analyze_file, analyze_transcript

    o = _OPTIONS
    try:
        if path == STDIN:  # a transcript piped in (a recording must be named, to be transcribed)
            from .formats import parse_bytes

            transcript = parse_bytes(sys.stdin.buffer.read(), format=o["format"], source="stdin")
            analysis = analyze_transcript(transcript, subject_age=o["subject_age"],
                                          location_type=o["location_type"], roles=o["roles"], phrasebook=o["book"])
        else:
            analysis = analyze_file(path, o["subject_age"], o["location_type"], o["roles"], format=o["format"],
                                    model=o["model"], phrasebook=o["book"])
    except TranscriptError as exc:
        return False, path, {"message": exc.message, "line": exc.line, "source": exc.source or path}
    return True, path, analysis


def _analyse_line(path: str) -> tuple[bool, str, str]:
    ok, path, result = _analyse(path)
    if not ok:
        return False, path, json.dumps({"source": path, "error": result}, ensure_ascii=False)
    data = result.to_dict(segments=_OPTIONS["segments"])
    data["path"] = path
    return True, path, json.dumps(data, ensure_ascii=False)


def _analyse_text(path: str) -> tuple[bool, str, str]:
    from .render import render_text

    ok, path, result = _analyse(path)
    if not ok:
        return False, path, ""
    return True, path, render_text(result, color=_OPTIONS["color"], signals_only=_OPTIONS["signals_only"])


# what a batch gives back for some files: each file's (ok, path, error), the error only where a
# JSON Lines batch must name it (None for files that went well, and in a text batch), and the
# output of those files as it is written
Done = tuple[list[tuple[bool, str, "dict | None"]], str]


def _analyse_files(paths: Sequence[str]) -> Done:
    """Analyse ``paths`` (in a worker of the pool, or in this process) and write out their
    results in one string: a JSON line each (an ``{"source", "error"}`` line for a bad file), or
    each one's timeline with a blank line after it (nothing for a bad file)."""
    text = _OPTIONS["text"]
    work = _analyse_text if text else _analyse_line
    done: list[tuple[bool, str, dict | None]] = []
    written: list[str] = []
    for path in paths:
        ok, path, line = work(path)
        done.append((ok, path, None if ok or text else json.loads(line)["error"]))
        if ok or not text:
            written.append(line)
    return done, "\n".join(written) + "\n" if written else ""


def _results(files: list[str], jobs: int, options: dict) -> Iterator[Done]:
    if jobs <= 1 or len(files) <= 1:
        _setup(options)
        for path in files:
            yield _analyse_files((path,))
        return
    import gc
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    forked = ctx.get_start_method() == "fork"
    if forked:
        _setup(options)  # children inherit the compiled phrasebook
        initializer, initargs = None, ()
        # what the children inherit stays out of the collector's walks, which would write to
        # every object and so copy every page of the phrasebook into each child
        gc.freeze()
    else:
        initializer, initargs = _setup, (options,)
    # about eight chunks a process, of at most 256 files: each chunk costs the parent about a
    # millisecond of its own (its task and its results through the pool's threads), and with a
    # file taking about a third of a millisecond, chunks of 64 gave the parent a tenth of the work.
    # A worker sends back a chunk's output as one string, which the parent writes as it comes:
    # one message a chunk, not one a file
    size = max(1, min(256, len(files) // (jobs * 8) or 1))
    chunks = [files[k:k + size] for k in range(0, len(files), size)]
    try:
        with ctx.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
            yield from pool.imap(_analyse_files, chunks)
    finally:
        if forked:
            gc.unfreeze()  # (a program that runs a batch and goes on collects as before)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, stream=None) -> None:
        self.total = total
        self.stream = stream = stream or sys.stderr
        self.enabled = total > 1 and hasattr(stream, "isatty") and stream.isatty()
        self.done = 0
        self.bad = 0
        self.last = 0.0
        self.started = time.monotonic()

    def step(self, ok: bool) -> None:
        self.done += 1
        self.bad += 0 if ok else 1
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.1 or self.done == self.total):
            self.last = now
            width = 30
            filled = int(width * self.done / self.total)
            rate = self.done / max(now - self.started, 1e-6)
            bad = f", {self.bad} bad" if self.bad else ""
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files"
                              f" ({rate:.0f}/s{bad})")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    files, batch = expand(args.paths)
    if STDIN in args.paths and len(args.paths) > 1:
        print(f"{PROG}: - (standard input) is analysed on its own, not with other paths", file=sys.stderr)
        return 2
    if not files:
        print(f"{PROG}: no transcript or recording files found in {', '.join(args.paths)}", file=sys.stderr)
        return 2
    color = (not args.no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty())
    options = {
        "subject_age": args.subject_age,
        "location_type": args.location_type,
        "roles": dict(args.role),
        "phrases": list(args.phrases),
        "model": args.model,
        "format": args.transcript_format,
        "segments": args.segments,
        "signals_only": args.signals_only,
        "color": color,
    }
    try:
        from .book import phrasebook_for

        phrasebook_for(options["phrases"])  # validate the data files before any work
    except DataFileError as exc:
        print(f"{PROG}: bad phrase data: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    if not batch:
        return _single(files[0], args, options, out)
    text = options["text"] = args.format == "text"
    progress = Progress(len(files))
    bad = 0
    try:
        for done, written in _results(files, args.jobs, options):
            for ok, path, error in done:
                progress.step(ok)
                if not ok:
                    bad += 1
                    if error is not None:
                        where = f"{path}:{error['line']}" if error.get("line") else path
                        progress.close() if progress.enabled else None
                        print(f"{PROG}: {where}: {error['message']}", file=sys.stderr)
            out.write(written)
    except KeyboardInterrupt:
        progress.close()
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0 if not bad else 1
    finally:
        progress.close()
    if bad and text:
        print(f"{PROG}: {bad} of {len(files)} files could not be analysed (run with --format json for details)",
              file=sys.stderr)
    elif bad:
        print(f"{PROG}: {bad} of {len(files)} files could not be analysed", file=sys.stderr)
    return 1 if bad else 0


def _single(path: str, args, options: dict, out) -> int:
    _setup(options)
    ok, path, result = _analyse(path)
    if not ok:
        where = f"{result['source']}:{result['line']}" if result.get("line") else result["source"]
        if os.path.basename(where.split(":")[0]) == where.split(":")[0] and os.path.basename(path) != path:
            where = os.path.join(os.path.dirname(path), where)
        print(f"{PROG}: {where}: {result['message']}", file=sys.stderr)
        return 2
    try:
        if args.format == "json":
            out.write(json.dumps(result.to_dict(segments=args.segments), indent=2, ensure_ascii=False) + "\n")
        else:
            from .render import render_text

            out.write(render_text(result, color=options["color"], signals_only=args.signals_only))
        out.flush()
    except BrokenPipeError:
        _quiet_stdout()
    return 0


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
