"""The engine never imports Django, and `forcereview analyze` starts without heavy modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLE = "OFFICER (Smith): Get on the ground! Stop resisting!\nSUSPECT: I'm not resisting! I can't breathe!\n"
HEAVY = ("django", "ninja", "numpy", "faster_whisper", "ctranslate2", "torch", "celery", "psycopg")


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_engine_api_does_not_import_django_or_heavy_modules():
    code = f"""
import sys
from forcereview.engine import analyze_text, parse_text
analysis = analyze_text({SAMPLE!r})
assert analysis.risk.level in ("elevated", "high"), analysis.risk
import forcereview.engine.cli, forcereview.engine.render, forcereview.engine.detectors
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
print(",".join(loaded))
"""
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"the engine imported: {result.stdout.strip()}"


def test_forcereview_analyze_command_path_imports_no_django(tmp_path: Path):
    sample = tmp_path / "one.txt"
    sample.write_text(SAMPLE)
    code = f"""
import io, sys, contextlib
from forcereview.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(["analyze", {str(sample)!r}, "--format", "json"])
assert status == 0, status
assert '"risk"' in out.getvalue()
main(["--help"]) if False else None
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
print(",".join(loaded))
"""
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"forcereview analyze imported: {result.stdout.strip()}"


def test_forcereview_help_imports_no_django():
    result = _run("import sys, io, contextlib\nfrom forcereview.cli import main\n"
                  "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])\n"
                  "print('django' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
