"""What the index holds, read as it stands: never a walk, a refresh or a write.

For shell completion, which must answer in a few milliseconds and stay silent: with no
index, or one that cannot be read, these give nothing at all. The SQLite file is opened
read-only and nothing is created beside it, so a vault on a read-only disk, or a
`vault watch` writing at the same time, is left alone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from vaultkit.core.completion import KnownContact, KnownInterview
from vaultkit.store.db import SCHEMA, index_path
from vaultkit.store.serialize import contact_names, interview_link

DAMAGED = (ValueError, EOFError, TypeError, IndexError)  # what decoding a bad row raises


def cached_contacts(root: Path) -> list[KnownContact]:
    """Every contact the index of the vault at `root` holds, by path; [] without an index."""
    found = []
    for path, data in _rows(root, "contact"):
        try:
            found.append(KnownContact(path, *contact_names(data)))
        except DAMAGED:  # a row another version wrote, or damaged: left out
            continue
    return found


def cached_interviews(root: Path) -> list[KnownInterview]:
    """Every interview the index of the vault at `root` holds, by path; [] without an index."""
    found = []
    for path, data in _rows(root, "interview"):
        try:
            found.append(KnownInterview(path, *interview_link(data)))
        except DAMAGED:
            continue
    return found


def _rows(root: Path, kind: str) -> Iterator[tuple[str, bytes]]:
    """(path, record) of the notes of one kind, read-only; nothing if that cannot be done."""
    path = index_path(root)
    if not path.is_file():
        return iter(())
    # A -wal file means a writer may be at work: read through it. Without one the file is
    # all there is, and reading it as immutable creates no -wal or -shm beside it.
    wal = path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?{'mode=ro' if wal else 'immutable=1'}"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0.2)) as connection:
            if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                return iter(())
            rows = connection.execute(
                "SELECT path, note FROM files WHERE kind = ? AND note IS NOT NULL ORDER BY path",
                (kind,),
            ).fetchall()
    except sqlite3.Error:
        return iter(())
    return iter(rows)
