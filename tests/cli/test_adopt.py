"""`vault adopt` over an Obsidian-style people folder: one line added to each untyped note,
every other byte kept; notes of another type and unreadable ones named and left alone;
and `vault check` pointing to it once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import run, snapshot, write
from import_helpers import PEOPLE

from vaultkit.core.model import Contact
from vaultkit.core.note import read_note

UNTYPED = ["Ada Park.md", "Ben Ortiz.md", "Carla Mendes.md", "alumni/Femi Adeyemi.md"]
NO_PROPERTIES = "Dev Rao.md"
LEFT_ALONE = ["Broken props.md", "Eve Stone.md", "Project Falcon.md"]


@pytest.fixture
def people_vault(vault: Path) -> Path:
    """A vault with the fixture's people notes in People/."""
    shutil.copytree(PEOPLE, vault / "People")
    return vault


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def test_adopt_adds_exactly_one_line_to_each_untyped_note(people_vault: Path) -> None:
    """Byte comparison: each untyped note gains `type: contact` as one line in its
    properties and changes in nothing else; the rest of the vault is untouched."""
    before = snapshot(people_vault)
    result = run("adopt", "People", "--as", "contact", "--vault", people_vault)
    after = snapshot(people_vault)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {f"People/{name}" for name in [*UNTYPED, NO_PROPERTIES]}
    for name in UNTYPED:
        old, new = lines_of(before[f"People/{name}"]), lines_of(after[f"People/{name}"])
        ending = b"\r\n" if b"\r\n" in old[0] else b"\n"
        if b"type:" + ending in old:  # an empty `type:` line is filled in place
            at = old.index(b"type:" + ending)
            assert new == [*old[:at], b"type: contact" + ending, *old[at + 1 :]], name
        else:  # one line added just before the closing ---
            close = old.index(b"---" + ending, 1)
            assert new == [*old[:close], b"type: contact" + ending, *old[close:]], name
    assert result.exit_code == 1  # the broken note is a problem the user should see


def test_a_note_without_properties_gets_a_block_of_its_own(people_vault: Path) -> None:
    """A note with no properties at all gets `---`, `type: contact`, `---` above its text."""
    old = (people_vault / "People" / NO_PROPERTIES).read_bytes()
    run("adopt", "People", "--as", "contact", "--vault", people_vault)
    assert (people_vault / "People" / NO_PROPERTIES).read_bytes() == (
        b"---\ntype: contact\n---\n" + old
    )


def test_adopted_notes_read_as_contacts_with_what_they_held(people_vault: Path) -> None:
    """After adopting, the notes are contacts and keep their properties (a BOM, CRLF too)."""
    run("adopt", "People", "--as", "contact", "--vault", people_vault)
    read = {}
    for name in [*UNTYPED, NO_PROPERTIES]:
        raw = (people_vault / "People" / name).read_bytes()
        parsed = read_note(f"People/{name}", raw, strict_folder=True)
        assert isinstance(parsed.note, Contact), (name, parsed.problems)
        read[name] = parsed.note
    assert read["Ada Park.md"].company == "Hooli"
    assert read["Ada Park.md"].aliases == ("Ada",)
    assert read["Ben Ortiz.md"].email == "ben@ortiz.example"
    assert read["Carla Mendes.md"].linkedin == "https://www.linkedin.com/in/carla-mendes"


def test_adopt_names_what_it_skips(people_vault: Path) -> None:
    """Another type and an unreadable block are each one line with the reason."""
    result = run("adopt", "People", "--as", "contact", "--vault", people_vault)
    lines = result.output.splitlines()
    assert "People/Project Falcon.md: skipped: it has type: project" in lines
    assert any(line.startswith("People/Broken props.md:2: skipped: ") for line in lines), lines
    assert lines[-1] == "adopted 5, already contact 1, skipped 2 (see above)"


def test_adopt_dry_run_lists_and_writes_nothing(people_vault: Path) -> None:
    """--dry-run lists the notes it would change; no byte of the vault changes."""
    before = snapshot(people_vault)
    result = run("adopt", "People", "--as", "contact", "--dry-run", "--vault", people_vault)
    assert snapshot(people_vault) == before
    lines = result.output.splitlines()
    assert "People/Ada Park.md: would add type: contact" in lines
    assert lines[-1] == "would adopt 5, already contact 1, skipped 2 (see above); nothing written"


def test_adopt_twice_changes_nothing_the_second_time(people_vault: Path) -> None:
    """A second adopt finds every note already a contact."""
    run("adopt", "People", "--as", "contact", "--vault", people_vault)
    after = snapshot(people_vault)
    result = run("adopt", "People", "--as", "contact", "--json", "--vault", people_vault)
    assert snapshot(people_vault) == after
    data = json.loads(result.stdout)
    assert data["adopted"] == []
    assert len(data["already"]) == 6
    assert [s["path"] for s in data["skipped"]] == [
        "People/Broken props.md",
        "People/Project Falcon.md",
    ]


def test_adopt_as_interview(vault: Path) -> None:
    """--as interview writes `type: interview`."""
    write(vault, "interviews/2026-11-03 Jane.md", '---\ncontact: "[[Jane]]"\n---\n')
    run("adopt", "interviews", "--as", "interview", "--vault", vault)
    assert (vault / "interviews/2026-11-03 Jane.md").read_text() == (
        '---\ncontact: "[[Jane]]"\ntype: interview\n---\n'
    )


@pytest.mark.parametrize(
    ("folder", "words"),
    [(".", "not the whole vault"), ("nowhere", "no such folder"), ("..", "not inside the vault")],
)
def test_adopt_refuses_folders_it_should_not_touch(vault: Path, folder: str, words: str) -> None:
    """The vault's root, a missing folder and one outside the vault: exit 2, one line."""
    result = run("adopt", folder, "--as", "contact", "--vault", vault)
    assert result.exit_code == 2
    assert words in result.output


def test_check_hints_once_at_untyped_notes(vault: Path) -> None:
    """`vault check` over untyped people notes in contacts/ says how to adopt them, once."""
    for note in PEOPLE.glob("*.md"):
        shutil.copy(note, vault / "contacts" / note.name)
    result = run("check", "--vault", vault)
    hints = [line for line in result.output.splitlines() if "have no type" in line]
    assert hints == ["4 notes in contacts/ have no type: run `vault adopt contacts --as contact`"]
    data = json.loads(run("check", "--json", "--vault", vault).stdout)
    assert data["hints"] == hints
    run("adopt", "contacts", "--as", "contact", "--vault", vault)
    assert "no type" not in run("check", "--vault", vault).output


def test_check_gives_no_hint_without_untyped_notes(jane_vault: Path) -> None:
    """A vault whose note folders hold only typed notes gets no hint."""
    result = run("check", "--vault", jane_vault)
    assert result.output == "no problems (1 contact, 0 interviews, 0 other notes)\n"


def test_check_hint_without_a_cache(vault: Path) -> None:
    """The hint counts the same when the cache cannot be written (a read-only .vaultkit)."""
    write(vault, "interviews/a.md", "---\ndate: 2026-01-02\n---\n")
    write(vault, "interviews/b.md", "Just text.\n")
    (vault / ".vaultkit").write_text("not a folder")  # so no index can be made
    result = run("check", "--vault", vault)
    assert "2 notes in interviews/ have no type: run `vault adopt interviews --as interview`" in (
        result.output
    )
