"""Errors about media files: each names the file and the problem, in words a reviewer can act on."""

from __future__ import annotations

import os


class MediaError(ValueError):
    """A file that cannot be used as a recording: missing, empty, not media, damaged or cut short."""

    def __init__(self, path: str | os.PathLike | None, problem: str):
        self.path = None if path is None else os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class ToolMissing(MediaError):
    """A system tool (ffmpeg, ffprobe) the file needs is not installed."""

    def __init__(self, tool: str, path: str | os.PathLike | None = None, why: str = ""):
        self.tool = tool
        package = "ffmpeg" if tool in {"ffmpeg", "ffprobe"} else tool
        reason = f" ({why})" if why else ""
        super().__init__(
            path,
            f"{tool} is not installed and is needed to read this file{reason}; "
            f"install it with: apt-get install {package}",
        )
