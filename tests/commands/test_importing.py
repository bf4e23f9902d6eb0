"""Matching and writing in `vault import`: who is who, what is filled and what never is,
names made safe and kept apart, an interrupted import completed by running it again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import snapshot, write
from import_helpers import APPLE, LINKEDIN, contact, contact_notes

from vaultkit.commands import import_notes, importing
from vaultkit.commands.importing import ImportOptions, import_file
from vaultkit.core.config import load_config
from vaultkit.store import batch
from vaultkit.store.index import load_vault

TODAY = dt.date(2026, 11, 22)


def run_import(root: Path, kind: str, file: Path, **options: object) -> importing.ImportResult:
    """Import through the index, as the command does."""
    vault = load_vault(load_config(root))
    return import_file(vault, kind, file, ImportOptions(**options), today=TODAY)  # type: ignore[arg-type]


def sheet(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_interrupted_import_is_completed_by_running_it_again(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after three notes took their places: only whole notes are there, and the
    same import again writes the rest and doubles none."""
    real = batch._place_new
    placed: list[Path] = []

    def place_then_stop(temp: str, target: Path) -> str | None:
        if len(placed) == 3:
            raise KeyboardInterrupt
        placed.append(target)
        return real(temp, target)

    monkeypatch.setattr(batch, "_place_new", place_then_stop)
    with pytest.raises(KeyboardInterrupt):
        run_import(vault, "linkedin", LINKEDIN)
    assert len(contact_notes(vault)) == 3  # each reads whole, as a contact with no problems
    assert not [p for p in (vault / "contacts").iterdir() if p.suffix == ".tmp"]
    monkeypatch.setattr(batch, "_place_new", real)
    again = run_import(vault, "linkedin", LINKEDIN)
    assert len(again.created) == 3 and len(again.unchanged) == 3
    assert len(contact_notes(vault)) == 6
    after = snapshot(vault)
    run_import(vault, "linkedin", LINKEDIN)
    assert snapshot(vault) == after


def test_rendering_in_workers_gives_the_same_notes(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notes rendered by worker processes are byte for byte the ones rendered here."""
    rows = "".join(f"Person {n},Acme {n},p{n}@x.example\n" for n in range(12))
    people = sheet(tmp_path, "Name,Company,Email\n" + rows)
    here = run_import(vault, "csv", people)
    alone = snapshot(vault)
    other = tmp_path / "other"
    (other / "contacts").mkdir(parents=True)
    (other / "vault.toml").write_text((vault / "vault.toml").read_text())
    monkeypatch.setattr(import_notes, "PARALLEL_FROM", 2)
    monkeypatch.setattr(import_notes, "_CHUNK", 3)
    monkeypatch.setattr(import_notes.os, "cpu_count", lambda: 2)
    there = run_import(other, "csv", people)
    assert there.created == here.created
    assert snapshot(other) == alone


def test_a_vcard_note_fills_an_empty_research_section_only(vault: Path) -> None:
    """A card's note goes under an empty `## Research`; a section with text is kept."""
    empty = "---\ntype: contact\nname: Chloé Dubois\n---\n## Research\n\n## Log\n"
    write(vault, "contacts/Chloé Dubois.md", empty)
    full = "---\ntype: contact\nname: Daniel Okafor\n---\n## Research\n\nMine.\n"
    write(vault, "contacts/Daniel Okafor.md", full)
    result = run_import(vault, "vcard", APPLE)
    filled = {u.path: u.filled for u in result.updated}
    assert "research" in filled["contacts/Chloé Dubois.md"]
    text = (vault / "contacts/Chloé Dubois.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntype: contact\nname: Chloé Dubois\ncompany: ")
    assert "## Research\n\nMet at the Lyon design meetup, spring 2024.\n" in text
    assert text.endswith("\\## Log\n\n## Log\n")
    assert (vault / "contacts/Daniel Okafor.md").read_text().endswith("## Research\n\nMine.\n")


def test_a_date_under_its_older_name_is_not_filled_again(vault: Path, tmp_path: Path) -> None:
    """`contacted:` is where other tools put outreach_sent: the note is left as it is."""
    write(vault, "contacts/Ann Lee.md", "---\ntype: contact\ncontacted: 2024-01-02\n---\n")
    result = run_import(vault, "csv", sheet(tmp_path, "Name,Date contacted\nAnn Lee,05/01/2024\n"))
    assert result.unchanged == ["contacts/Ann Lee.md"]


def test_a_referrer_is_linked_to_their_note(vault: Path, tmp_path: Path) -> None:
    """A referrer's name, in any case, becomes a link to their note's file name."""
    write(vault, "contacts/Zoë Martin.md", "---\ntype: contact\n---\n")
    run_import(vault, "csv", sheet(tmp_path, "Name,Referred by\nAnn Lee,zoe martin\n"))
    assert contact(vault, "Ann Lee").referred_by == "Zoë Martin"
    raw = (vault / "contacts/Ann Lee.md").read_text(encoding="utf-8")
    assert 'referred_by: "[[Zoë Martin]]"\n' in raw


def test_two_people_of_one_name_in_one_file(vault: Path, tmp_path: Path) -> None:
    """Two rows with one name and two LinkedIn addresses are two people, two notes."""
    people = sheet(
        tmp_path,
        "Name,LinkedIn\nAnn Lee,linkedin.com/in/ann-lee-1\nAnn Lee,linkedin.com/in/ann-lee-2\n"
        "ann lee,https://www.linkedin.com/in/ann-lee-2/\n",
    )
    result = run_import(vault, "csv", people)
    assert result.created == ["contacts/Ann Lee.md", "contacts/Ann Lee 2.md"]
    assert contact(vault, "Ann Lee 2").linkedin == "linkedin.com/in/ann-lee-2"


def test_a_name_two_contacts_answer_to_is_skipped(vault: Path, tmp_path: Path) -> None:
    """When a row's name means two contacts, neither is guessed: the row is skipped."""
    write(vault, "contacts/Ann Lee.md", "---\ntype: contact\n---\n")
    write(vault, "people/Ann Lee.md", "---\ntype: contact\n---\n")
    result = run_import(vault, "csv", sheet(tmp_path, "Name,Company\nAnn Lee,Acme\n"))
    assert [r.line for r in result.skipped] == [2]
    assert "contacts/Ann Lee.md, people/Ann Lee.md" in result.skipped[0].message


def test_a_note_that_cannot_be_read_is_not_doubled(vault: Path, tmp_path: Path) -> None:
    """A broken note with the new note's name: skipped, naming it and `vault check`."""
    write(vault, "contacts/Ann Lee.md", "---\ntype: contact\nstatus: [\n---\n")
    result = run_import(vault, "csv", sheet(tmp_path, "Name\nAnn Lee\n"))
    assert result.created == []
    assert "contacts/Ann Lee.md cannot be read" in result.skipped[0].message
    assert "vault check" in result.skipped[0].message


def test_file_names_are_made_safe(vault: Path, tmp_path: Path) -> None:
    """Slashes, colons and brackets in a name do not reach the file name; the name stays."""
    result = run_import(vault, "csv", sheet(tmp_path, 'Name\n"Ann/Lee: [PhD]"\n../../etc\n'))
    assert result.created == ["contacts/Ann Lee- -PhD-.md", "contacts/etc.md"]
    assert contact(vault, "Ann Lee- -PhD-").name == "Ann/Lee: [PhD]"


def test_a_row_known_only_by_email_fills_that_contact(vault: Path, tmp_path: Path) -> None:
    """A row with no name updates the contact its email belongs to; with no match it is
    skipped, since a note needs a name."""
    write(vault, "contacts/Ann Lee.md", "---\ntype: contact\nemail: ann@x.example\n---\n")
    people = sheet(tmp_path, "Name,Email,Company\n,ANN@x.example,Acme\n,bo@x.example,Beta\n")
    result = run_import(vault, "csv", people)
    assert [u.path for u in result.updated] == ["contacts/Ann Lee.md"]
    assert contact(vault, "Ann Lee").company == "Acme"
    assert [r.line for r in result.skipped] == [3]
    assert "a note needs a name" in result.skipped[0].message
