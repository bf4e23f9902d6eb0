"""Reading names and interviews from the index as it stands: read-only, never a refresh,
nothing at all when there is no usable index."""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import sqlite3
from pathlib import Path

from helpers import copy_example, make_vault, run

from vaultkit.core.completion import KnownContact, KnownInterview
from vaultkit.store.cached import cached_contacts, cached_interviews
from vaultkit.store.db import SCHEMA, index_path


def indexed_example(tmp_path: Path) -> Path:
    vault = copy_example(tmp_path)
    assert run("index", "--vault", vault).exit_code == 0
    return vault


def cache_files(vault: Path) -> dict[str, bytes]:
    """Every file in .vaultkit/ with its bytes."""
    return {p.name: p.read_bytes() for p in sorted((vault / ".vaultkit").iterdir())}


def test_the_contacts_and_interviews_held(tmp_path: Path) -> None:
    """Each contact's path, name, aliases and company; each interview's link, date and time."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Robert Smith.md": (
                "---\ntype: contact\naliases: [Bob]\ncompany: Acme\n---\n"
            ),
            "interviews/call.md": (
                '---\ntype: interview\ncontact: "[[Bob]]"\ndate: 2026-11-03T09:30\n---\n'
            ),
            "notes/other.md": "just a note\n",
        },
    )
    run("index", "--vault", vault)
    assert cached_contacts(vault) == [
        KnownContact("contacts/Robert Smith.md", "Robert Smith", ("Bob",), "Acme")
    ]
    assert cached_interviews(vault) == [
        KnownInterview("interviews/call.md", "Bob", dt.date(2026, 11, 3), "09:30:00")
    ]


def test_no_index_gives_nothing_and_makes_none(tmp_path: Path) -> None:
    """Before any command has run: empty answers, and no .vaultkit/ created."""
    vault = copy_example(tmp_path)
    assert cached_contacts(vault) == [] and cached_interviews(vault) == []
    assert not (vault / ".vaultkit").exists()


def test_reading_writes_nothing(tmp_path: Path) -> None:
    """No -wal or -shm file appears beside the index, and the index keeps its bytes."""
    vault = indexed_example(tmp_path)
    before = cache_files(vault)
    assert len(cached_contacts(vault)) == 20
    assert len(cached_interviews(vault)) == 23
    assert cache_files(vault) == before


def test_stale_is_what_it_holds(tmp_path: Path) -> None:
    """A note written since the last refresh is not read from the disk: only the cache counts."""
    vault = indexed_example(tmp_path)
    (vault / "contacts" / "New Person.md").write_text("---\ntype: contact\n---\n")
    assert "New Person" not in {c.name for c in cached_contacts(vault)}


def test_read_while_a_writer_holds_the_index(tmp_path: Path) -> None:
    """With another connection mid-transaction (as `vault watch` may be), the last committed
    names are read, through the WAL."""
    vault = indexed_example(tmp_path)
    with contextlib.closing(sqlite3.connect(index_path(vault), isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM files WHERE kind = 'contact'")
        assert len(cached_contacts(vault)) == 20
        writer.execute("ROLLBACK")


def test_another_schema_gives_nothing(tmp_path: Path) -> None:
    """An index of another layout version is not guessed at."""
    vault = indexed_example(tmp_path)
    with contextlib.closing(sqlite3.connect(index_path(vault))) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    assert cached_contacts(vault) == []


def test_damaged_rows_are_skipped(tmp_path: Path) -> None:
    """A row that does not decode is left out; the others are still read."""
    vault = indexed_example(tmp_path)
    with contextlib.closing(sqlite3.connect(index_path(vault))) as connection:
        connection.execute(
            "UPDATE files SET note = ? WHERE path = 'contacts/Maya Chen.md'", (b"\x00garbage",)
        )
        connection.execute(
            "UPDATE files SET note = ? WHERE path = 'contacts/Grace Liu.md'",
            (marshal.dumps(((), ("i",))),),  # an interview's record under a contact's kind
        )
        connection.commit()
    names = {c.name for c in cached_contacts(vault)}
    assert len(names) == 18 and "Maya Chen" not in names and "Grace Liu" not in names


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    """Junk where the index should be: nothing, and the junk left alone."""
    vault = copy_example(tmp_path)
    (vault / ".vaultkit").mkdir()
    index_path(vault).write_bytes(b"junk" * 1000)
    assert cached_contacts(vault) == []
    assert index_path(vault).read_bytes() == b"junk" * 1000
