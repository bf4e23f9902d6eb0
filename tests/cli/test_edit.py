"""`vault edit NAME`: the note or interview it opens, with which program, and its exit code.

The editors here are fake: a script on PATH that records the arguments it was given.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import contact_text, copy_example, interview_text, make_vault, run, snapshot

FAKE = f"""#!{sys.executable}
import json, os, sys
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps([os.path.basename(sys.argv[0]), *sys.argv[1:]]) + "\\n")
if os.environ.get("FAKE_SIGNAL"):
    os.kill(os.getpid(), int(os.environ["FAKE_SIGNAL"]))
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on PATH with fake `fake`, `other` and `xdg-open` programs; no real editor set.

    PATH holds only that folder, so no real xdg-open or editor can be found.
    """
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("fake", "other", "xdg-open"):
        (folder / name).write_text(FAKE, encoding="utf-8")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.jsonl"))
    for variable in ("VISUAL", "EDITOR", "FAKE_EXIT", "FAKE_SIGNAL"):
        monkeypatch.delenv(variable, raising=False)
    return folder


def calls(fakes: Path) -> list[list[str]]:
    """Each run of a fake program: its name, then its arguments."""
    log = fakes.parent / "calls.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example vault."""
    return copy_example(tmp_path)


def test_editor_with_arguments(fakes: Path, example: Path, monkeypatch) -> None:
    """EDITOR="fake --wait" runs `fake --wait PATH`, split as a shell would."""
    monkeypatch.setenv("EDITOR", "fake --wait")
    result = run("edit", "Zoë Kowalski", "--vault", example)
    assert result.exit_code == 0, result.output
    assert calls(fakes) == [["fake", "--wait", str(example.resolve() / "contacts/Zoë Kowalski.md")]]


def test_quoted_words_in_editor(fakes: Path, example: Path, monkeypatch) -> None:
    """Quotes in EDITOR group words as in a shell: one argument with a space stays one."""
    monkeypatch.setenv("EDITOR", "fake -c 'set spell' --wait")
    run("edit", "Zoë Kowalski", "--vault", example)
    assert calls(fakes)[0][:4] == ["fake", "-c", "set spell", "--wait"]


def test_visual_wins_and_empty_counts_as_unset(fakes: Path, example: Path, monkeypatch) -> None:
    """VISUAL is used before EDITOR; a VISUAL that is empty or blank is skipped."""
    monkeypatch.setenv("VISUAL", "other")
    monkeypatch.setenv("EDITOR", "fake")
    run("edit", "Maya Chen", "--vault", example)
    monkeypatch.setenv("VISUAL", "  ")
    run("edit", "Maya Chen", "--vault", example)
    assert [call[0] for call in calls(fakes)] == ["other", "fake"]


def test_the_editors_exit_code_is_ours(fakes: Path, example: Path, monkeypatch) -> None:
    """vault exits with the editor's code; an editor killed by signal N gives 128 + N."""
    monkeypatch.setenv("EDITOR", "fake")
    monkeypatch.setenv("FAKE_EXIT", "3")
    assert run("edit", "Maya Chen", "--vault", example).exit_code == 3
    monkeypatch.setenv("FAKE_SIGNAL", "15")
    assert run("edit", "Maya Chen", "--vault", example).exit_code == 128 + 15


def test_no_editor_uses_the_systems_opener(fakes: Path, example: Path) -> None:
    """With neither VISUAL nor EDITOR, the note goes to xdg-open."""
    result = run("edit", "Maya Chen", "--vault", example)
    assert result.exit_code == 0, result.output
    assert calls(fakes) == [["xdg-open", str(example.resolve() / "contacts/Maya Chen.md")]]


def test_no_editor_at_all(fakes: Path, example: Path, monkeypatch) -> None:
    """No VISUAL, EDITOR nor xdg-open: exit 2 and one line saying what to set."""
    (fakes / "xdg-open").unlink()
    monkeypatch.setenv("EDITOR", "")
    result = run("edit", "Maya Chen", "--vault", example)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "set VISUAL or EDITOR" in result.stderr and "xdg-open" in result.stderr
    assert calls(fakes) == []


def test_an_editor_that_is_not_installed(fakes: Path, example: Path, monkeypatch) -> None:
    """An EDITOR naming no program: exit 2, naming the program and where it came from."""
    monkeypatch.setenv("EDITOR", "nosuch-editor --wait")
    result = run("edit", "Maya Chen", "--vault", example)
    assert result.exit_code == 2
    assert "cannot run 'nosuch-editor' (from $EDITOR): no such program" in result.stderr


def test_an_editor_with_broken_quotes(fakes: Path, example: Path, monkeypatch) -> None:
    """An unclosed quote in VISUAL is named, not run."""
    monkeypatch.setenv("VISUAL", "fake 'unclosed")
    result = run("edit", "Maya Chen", "--vault", example)
    assert result.exit_code == 2
    assert "$VISUAL" in result.stderr and "fix its quotes" in result.stderr
    assert calls(fakes) == []


@pytest.mark.parametrize(
    ("given", "opened"),
    [
        ([], "interviews/2026-11-12 Maya Chen.md"),
        (["latest"], "interviews/2026-11-12 Maya Chen.md"),
        (["2026-04-14"], "interviews/2026-04-14 Maya Chen.md"),
        (["2026-09-15"], "interviews/2026-09-15 Maya Chen.md"),
    ],
)
def test_interviews(fakes: Path, example: Path, monkeypatch, given: list[str], opened: str) -> None:
    """--interview alone or `latest` opens the latest; with a DATE, the one on that day."""
    monkeypatch.setenv("EDITOR", "fake")
    result = run("edit", "maya chen", "--vault", example, "--interview", *given)
    assert result.exit_code == 0, result.output
    assert calls(fakes) == [["fake", str(example.resolve() / opened)]]


def test_no_interview_that_day(fakes: Path, example: Path, monkeypatch) -> None:
    """A DATE with no interview: exit 1, listing the days there are."""
    monkeypatch.setenv("EDITOR", "fake")
    result = run("edit", "Zoë Kowalski", "--interview", "2026-05-21", "--vault", example)
    assert result.exit_code == 1
    assert "no interview on 2026-05-21; their interviews are on 2026-05-20, 2026-07-15" in (
        result.stderr
    )
    assert calls(fakes) == []


def test_nobody_to_interview(fakes: Path, example: Path, monkeypatch) -> None:
    """A contact with no interview notes: exit 1 and the command that makes one."""
    monkeypatch.setenv("EDITOR", "fake")
    result = run("edit", "Noah Fischer", "--interview", "--vault", example)
    assert result.exit_code == 1
    assert 'vault new interview "Noah Fischer"' in result.stderr


def test_two_interviews_on_one_day(fakes: Path, tmp_path: Path, monkeypatch) -> None:
    """Two calls the same day: ambiguous without a time (exit 1), each found with its time."""
    monkeypatch.setenv("EDITOR", "fake")
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe"),
            "interviews/morning.md": interview_text("Jane Doe", date="2026-11-03T09:00"),
            "interviews/afternoon.md": interview_text("Jane Doe", date="2026-11-03T15:30"),
        },
    )
    result = run("edit", "Jane Doe", "--interview", "2026-11-03", "--vault", vault)
    assert result.exit_code == 1
    assert "2 interviews on 2026-11-03" in result.stderr and "HH:MM" in result.stderr
    result = run("edit", "Jane Doe", "--interview", "2026-11-03 15:30", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert calls(fakes)[-1][-1].endswith("interviews/afternoon.md")


def test_a_bad_interview_date(fakes: Path, example: Path) -> None:
    """--interview with neither a date nor `latest`: a usage error, exit 2."""
    result = run("edit", "Maya Chen", "--interview", "soon", "--vault", example)
    assert result.exit_code == 2
    assert "'soon' is not a date" in result.stderr and "latest" in result.stderr


@pytest.mark.parametrize("name", ["Zoe", "Sofia"])
def test_names_behave_as_show_does(fakes: Path, example: Path, monkeypatch, name: str) -> None:
    """A name that matches nobody gets the same suggestion and exit code as `vault show`."""
    monkeypatch.setenv("EDITOR", "fake")
    edited = run("edit", name, "--vault", example)
    shown = run("show", name, "--vault", example)
    assert (edited.exit_code, edited.stderr) == (shown.exit_code, shown.stderr)
    assert edited.exit_code == 1 and "did you mean" in edited.stderr
    assert calls(fakes) == []


def test_a_note_that_cannot_be_read_is_opened_to_fix(fakes: Path, tmp_path: Path, monkeypatch):
    """NAME naming a broken note: it is opened, after a warning naming its problem and line."""
    monkeypatch.setenv("EDITOR", "fake")
    vault = make_vault(
        tmp_path / "v", {"contacts/Jane Doe.md": "---\ntype: contact\nname: [unclosed\n---\n"}
    )
    result = run("edit", "jane doe", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert calls(fakes) == [["fake", str(vault.resolve() / "contacts/Jane Doe.md")]]
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: contacts/Jane Doe.md:3: ")
    assert line.endswith("; opening it so you can fix it")
    result = run("edit", "jane doe", "--interview", "--vault", vault)
    assert result.exit_code == 1
    assert "contacts/Jane Doe.md cannot be read, so 'jane doe' is not known" in result.stderr


def test_a_name_matching_several_people(fakes: Path, tmp_path: Path, monkeypatch) -> None:
    """Two notes answering to one name: exit 1 listing both, as `vault show` does."""
    monkeypatch.setenv("EDITOR", "fake")
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Sam Lee.md": "---\ntype: contact\n---\n",
            "contacts/Samuel Lee.md": "---\ntype: contact\naliases: [Sam Lee]\n---\n",
        },
    )
    edited = run("edit", "sam lee", "--vault", vault)
    shown = run("show", "sam lee", "--vault", vault)
    assert (edited.exit_code, edited.stderr) == (shown.exit_code, shown.stderr)
    assert "matches more than one contact" in edited.stderr


def obsidian_call(fakes: Path) -> dict[str, list[str]]:
    """The query of the one obsidian:// URI xdg-open was given, decoded."""
    ((program, uri),) = calls(fakes)
    parts = urlsplit(uri)
    assert (program, parts.scheme, parts.netloc) == ("xdg-open", "obsidian", "open")
    assert " " not in uri and "/" not in parts.query
    return parse_qs(parts.query, strict_parsing=True)


def test_obsidian(fakes: Path, example: Path, monkeypatch) -> None:
    """--obsidian hands `obsidian://open?vault=FOLDER&file=PATH` to the opener, not the editor."""
    monkeypatch.setenv("EDITOR", "fake")
    result = run("edit", "zoe kowalski", "--obsidian", "--vault", example)
    assert result.exit_code == 0, result.output
    assert obsidian_call(fakes) == {"vault": ["example-vault"], "file": ["contacts/Zoë Kowalski"]}


def test_obsidian_interview_in_a_larger_obsidian_vault(fakes: Path, tmp_path: Path) -> None:
    """Inside a larger Obsidian vault: that folder names the vault and the path starts there."""
    outer = tmp_path / "My Notes & Co"
    (outer / ".obsidian").mkdir(parents=True)
    vault = copy_example(outer / "Network")
    result = run("edit", "Maya Chen", "--interview", "2026-04-14", "--obsidian", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert obsidian_call(fakes) == {
        "vault": ["My Notes & Co"],
        "file": ["Network/example-vault/interviews/2026-04-14 Maya Chen"],
    }


def test_obsidian_without_an_opener(fakes: Path, example: Path) -> None:
    """--obsidian with no xdg-open: exit 2 and what to install."""
    (fakes / "xdg-open").unlink()
    result = run("edit", "Maya Chen", "--obsidian", "--vault", example)
    assert result.exit_code == 2
    assert "xdg-open" in result.stderr and result.stderr.count("\n") == 1


def test_editing_writes_no_note(fakes: Path, example: Path, monkeypatch) -> None:
    """Opening a note changes no file of the vault (the editor here changes nothing)."""
    monkeypatch.setenv("EDITOR", "fake")
    before = snapshot(example)
    run("edit", "Maya Chen", "--interview", "--vault", example)
    assert snapshot(example) == before


def test_the_installed_command(fakes: Path, example: Path) -> None:
    """The installed `vault edit` as a process: EDITOR="fake --wait", the code passed through."""
    vault = Path(sys.executable).with_name("vault")
    env = {**os.environ, "EDITOR": "fake --wait", "FAKE_EXIT": "4"}
    done = subprocess.run(
        [str(vault), "edit", "José Martínez", "--interview", "latest", "--vault", str(example)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 4, done.stderr
    opened = example.resolve() / "interviews/2026-09-23 José Martínez.md"
    assert calls(fakes) == [["fake", "--wait", str(opened)]]
