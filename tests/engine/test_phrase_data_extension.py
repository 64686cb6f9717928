"""Agencies extend the phrase lists and weights with data files, validated on load."""

from __future__ import annotations

import json

import pytest

from forcereview.cli import main
from forcereview.engine import analyze_text, load_phrasebook
from forcereview.engine.book import default_phrasebook
from forcereview.engine.datafiles import ENV_VAR
from forcereview.engine.errors import DataFileError

PORTUGUESE = "Policial: no chão! no chão!\nSuspeito: não consigo respirar\n"
AGENCY = """
groups:
  force_command:
    phrases: ["(no chao|deita no chao)"]
  portuguese_medical:
    category: medical_distress
    roles: [subject, unknown]
    phrases: [nao consigo respirar]
labels:
  officer:
    strong: [policial]
  subject:
    strong: [suspeito]
risk:
  levels: {elevated: 10, high: 20}
"""


def test_an_agency_file_adds_phrases_labels_and_weights(tmp_path):
    path = tmp_path / "agency.yaml"
    path.write_text(AGENCY)
    assert analyze_text(PORTUGUESE).signals == ()
    analysis = analyze_text(PORTUGUESE, phrasebook=load_phrasebook([path]))
    assert {s.category for s in analysis.signals} == {"force_command", "medical_distress"}
    assert analysis.transcript.speakers == {"Policial": "officer", "Suspeito": "subject"}
    assert analysis.risk.level == "high"
    assert analysis.to_dict()["phrasebook"] != analyze_text(PORTUGUESE).to_dict()["phrasebook"]


def test_the_environment_variable_names_a_folder_of_files(tmp_path, monkeypatch):
    folder = tmp_path / "phrases"
    folder.mkdir()
    (folder / "10-agency.yaml").write_text(AGENCY)
    (folder / "20-more.json").write_text(json.dumps({"groups": {"force_command": {"phrases": ["parado"]}}}))
    (folder / "README.txt").write_text("ignored")
    monkeypatch.setenv(ENV_VAR, str(folder))
    analysis = analyze_text(PORTUGUESE + "Policial: parado\n")
    assert [s.category for s in analysis.signals].count("force_command") == 2
    monkeypatch.delenv(ENV_VAR)
    assert analyze_text(PORTUGUESE).signals == ()


def test_exclude_removes_a_built_in_phrase(tmp_path):
    path = tmp_path / "quiet.yaml"
    path.write_text("groups:\n  calm:\n    exclude: ['(are you|you) (ok|okay|alright|hurt|injured|doing okay)']\n")
    assert analyze_text("Officer: are you okay?").signals
    assert not analyze_text("Officer: are you okay?", phrasebook=load_phrasebook([path])).signals


@pytest.mark.parametrize("content, key, words", [
    ("groups:\n  x:\n    phrases: [a]\n", "groups.x", "needs a 'category'"),
    ("groups:\n  x:\n    category: brutality\n    phrases: [a]\n", "groups.x.category", "unknown category"),
    ("groups:\n  force_command:\n    roles: [cop]\n", "groups.force_command.roles", "unknown role 'cop'"),
    ("groups:\n  force_command:\n    weight: heavy\n", "groups.force_command.weight", "must be a number"),
    ("groups:\n  force_command:\n    phrases: ['get (down']\n", "groups.force_command.phrases[", "missing ')'"),
    ("groups:\n  force_command:\n    colour: red\n", "groups.force_command.colour", "unknown field"),
    ("groups:\n  force_command:\n    questions: maybe\n", "groups.force_command.questions", "keep, weak or drop"),
    ("phrasez: {}\n", "phrasez", "unknown key"),
    ("risk:\n  levels: {elevated: 70, high: 60}\n", "risk.levels", "below the high one"),
    ("risk:\n  categories:\n    force_command: {points: many}\n", "risk.categories.force_command.points",
     "must be a number"),
    ("labels:\n  chief: {strong: [boss]}\n", "labels.chief", "unknown role"),
    ("groups: [1, 2]\n", "groups", "must be a mapping"),
    ("groups:\n  force_command:\n    phrases: [get down\n", None, "not valid YAML"),
    ("groups:\n  force_command:\n    unless_next: [off, now]\n", "groups.force_command.unless_next",
     'put quotes around a word such as "on"'),
    ("groups:\n  force_command:\n    min_repeats: 1.5\n", "groups.force_command.min_repeats",
     "whole number from 1 to 10"),
    ("groups:\n  quiet:\n    mask: [brutality]\n    phrases: [a]\n", "groups.quiet.mask", "unknown category 'brutality'"),
    ("groups:\n  quiet:\n    mask: []\n    phrases: [a]\n", "groups.quiet.mask", "list of the categories it hides"),
    ("groups:\n  quiet:\n    mask: sometimes\n    phrases: [a]\n", "groups.quiet.mask", "must be true, false"),
    # a filler sound is taken out of every transcript, so "(40 (millimeter|mm))" would match "40" alone
    ("groups:\n  weapon_mention:\n    phrases: ['40 (millimeter|mm)']\n", "groups.weapon_mention.phrases[",
     "'mm' is a filler sound"),
    ("groups:\n  force_command:\n    phrases: ['get down (now|--)']\n", "groups.force_command.phrases[",
     "'--' is a filler sound or a mark"),
])
def test_bad_data_files_name_the_file_and_key(tmp_path, content, key, words):
    path = tmp_path / "agency.yaml"
    path.write_text(content)
    with pytest.raises(DataFileError) as caught:
        load_phrasebook([path])
    message = str(caught.value)
    assert message.startswith(str(path)), message
    if key:
        assert key in message
    assert words in message


def test_bad_json_data_file_names_the_line(tmp_path):
    path = tmp_path / "agency.json"
    path.write_text('{"groups":\n {"force_command": {"phrases": [}}}')
    with pytest.raises(DataFileError, match=r"agency.json: not valid JSON \(line 2\)"):
        load_phrasebook([path])


def test_cli_phrases_option_and_its_errors(tmp_path, capsys):
    transcript = tmp_path / "t.txt"
    transcript.write_text(PORTUGUESE)
    agency = tmp_path / "agency.yaml"
    agency.write_text(AGENCY)
    assert main(["analyze", str(transcript), "--format", "json", "--phrases", str(agency)]) == 0
    assert json.loads(capsys.readouterr().out)["risk"]["level"] == "high"
    agency.write_text("groups:\n  force_command:\n    roles: [cop]\n")
    assert main(["analyze", str(transcript), "--phrases", str(agency)]) == 2
    err = capsys.readouterr().err
    assert "agency.yaml" in err and "groups.force_command.roles" in err
    assert main(["analyze", str(transcript), "--phrases", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: file not found" in capsys.readouterr().err


def test_a_bad_environment_variable_is_reported(tmp_path, monkeypatch, capsys):
    transcript = tmp_path / "t.txt"
    transcript.write_text(PORTUGUESE)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    assert main(["analyze", str(transcript)]) == 2
    assert ENV_VAR in capsys.readouterr().err


def test_the_built_in_data_loads_and_every_group_has_phrases():
    book = default_phrasebook()
    assert book.words.size > 400  # accepting trie nodes (shared where phrases end alike)
    assert all(group.phrases for group in book.groups.values())


def test_a_group_may_count_only_what_is_said_again_in_one_utterance(tmp_path):
    path = tmp_path / "agency.yaml"
    path.write_text("groups:\n  begging:\n    category: subject_distress\n    roles: [subject]\n"
                    "    min_repeats: 3\n    phrases: ['have mercy']\n")
    book = load_phrasebook([path])
    twice = "Subject: Have mercy! Have mercy!"
    thrice = "Subject: Have mercy! Have mercy! Have mercy!"
    assert not [s for s in analyze_text(twice, phrasebook=book).signals if s.category == "subject_distress"]
    found = [s for s in analyze_text(thrice, phrasebook=book).signals if s.category == "subject_distress"]
    assert len(found) == 1 and found[0].repetition == 3


def test_a_mask_may_hide_only_the_categories_it_names(tmp_path):
    offer = "Officer: Do you want us to call an ambulance, just in case?"
    # the built-in mask of offers hides their reading as a medical emergency, not as a check on the person
    assert [s.category for s in analyze_text(offer).signals] == ["deescalation"]
    path = tmp_path / "agency.yaml"
    path.write_text("groups:\n  drill:\n    mask: [force_command]\n    phrases: ['get down']\n")
    said = "Officer: Get down! Get down! I swear I'll tase you."
    before = {s.category for s in analyze_text(said).signals}
    after = {s.category for s in analyze_text(said, phrasebook=load_phrasebook([path])).signals}
    assert before - after == {"force_command"} and "officer_escalation" in after
