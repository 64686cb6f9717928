"""The examples in docs/import.md import as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forcereview.records.actions import create_officer
from tests.records.importing import messages, run

DOC = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text()


@pytest.mark.parametrize("language", ["json", "csv"])
def test_documented_example_is_valid(world, language):
    block = re.search(rf"```{language}\n(.*?)```", DOC, re.S).group(1)
    for badge in ("1234", "2345"):
        create_officer(world.agency, by=None, first_name="Ex", last_name=badge, badge_number=badge,
                       hire_date=world.officer.hire_date, supervisor=world.sergeant)
    outcome = run(world, block.encode(), dry_run=True)
    assert outcome.ok, messages(outcome)
    assert outcome.format == language and outcome.count == 1
