"""``forcereview import FILE --agency SLUG [--dry-run] [--as USERNAME]``."""

from __future__ import annotations

import io

from forcereview.audit.models import AuditEntry
from forcereview.cli import main as cli_main
from forcereview.records.cli_import import Progress
from forcereview.records.models import Incident
from tests.conftest import report
from tests.records.importing import csv_bytes, json_bytes


def _file(tmp_path, data: bytes, name="incidents.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_succeeds_with_a_summary(world, tmp_path, capsys):
    path = _file(tmp_path, csv_bytes([report(), report(number="N-2")]))
    assert cli_main(["import", path, "--agency", "mesa"]) == 0
    out = capsys.readouterr()
    assert "Imported 2 incidents into Mesa Police Department" in out.out and "(CSV)" in out.out
    assert out.err == ""  # no progress bar when stderr is not a terminal
    assert Incident.objects.count() == 2
    labels = set(AuditEntry.objects.filter(action="incident.imported").values_list("actor_label", flat=True))
    assert len(labels) == 1 and labels.pop().startswith("command line (")


def test_dry_run_writes_nothing(world, tmp_path, capsys):
    path = _file(tmp_path, json_bytes([report()]), "whatever.txt")
    assert cli_main(["import", path, "--agency", "mesa", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Checked 1 incidents" in out and "(JSON)" in out and "Nothing was written (dry run)" in out
    assert not Incident.objects.exists()


def test_problems_exit_1_with_row_and_column(world, tmp_path, capsys):
    bad = report()
    bad["subjects"][0]["age"] = 300
    path = _file(tmp_path, csv_bytes([bad]))
    before = AuditEntry.objects.count()
    assert cli_main(["import", path, "--agency", "mesa"]) == 1
    err = capsys.readouterr().err
    assert f"{path}: row 2, column subject_age: 300 is out of range (0 to 120)" in err
    assert "1 problem(s); nothing was imported." in err
    assert not Incident.objects.exists() and AuditEntry.objects.count() == before


def test_import_as_a_user_is_audited_as_that_user(world, tmp_path):
    path = _file(tmp_path, csv_bytes([report()]))
    assert cli_main(["import", path, "--agency", "mesa", "--as", "investigator"]) == 0
    assert AuditEntry.objects.get(action="incident.imported").actor_id == world.users["investigator"].pk


def test_usage_errors_exit_2(world, tmp_path, capsys):
    path = _file(tmp_path, csv_bytes([report()]))
    assert cli_main(["import", path, "--agency", "nowhere"]) == 2
    assert "no agency 'nowhere' (agencies: mesa, riverside)" in capsys.readouterr().err
    assert cli_main(["import", str(tmp_path / "missing.csv"), "--agency", "mesa"]) == 2
    assert "cannot open" in capsys.readouterr().err
    assert cli_main(["import", path, "--agency", "mesa", "--as", "officer"]) == 2
    assert "officer may not import into mesa" in capsys.readouterr().err
    assert cli_main(["import", path, "--agency", "mesa", "--as", "outsider"]) == 2
    assert not Incident.objects.exists()


def test_progress_is_drawn_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(screen)
    progress("checked", 2000)
    progress("written", 1000)
    progress.done()
    assert "checking: 2,000 reports" in screen.getvalue()
    assert "writing:  [###############...............] 1,000/2,000" in screen.getvalue()
    quiet = io.StringIO()
    Progress(quiet)("checked", 1000)
    assert quiet.getvalue() == ""
