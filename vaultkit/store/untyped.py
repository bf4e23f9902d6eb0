"""Notes in the contacts and interviews folders that have no type, counted from the index.

The index knows every file that is not a note of ours ("other"); only those in the two
folders are read again here, to tell a note with no type from one with another type.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from vaultkit.core.adoption import type_state
from vaultkit.core.config import Config
from vaultkit.core.vault import note_folders
from vaultkit.store import db
from vaultkit.store.walk import listing


def untyped_counts(config: Config) -> dict[str, int]:
    """How many notes of each note folder (`contacts/`, `interviews/`) have no type."""
    counts: dict[str, int] = {}
    for folder in note_folders(config):
        found = 0
        for path in _other_files(config, folder):
            try:
                with open(os.path.join(config.root, path), "rb") as handle:
                    raw = handle.read()
            except OSError:
                continue
            if type_state(raw).untyped:
                found += 1
        if found:
            counts[folder] = found
    return counts


def _other_files(config: Config, folder: str) -> list[str]:
    """Files of the folder that are not notes of ours: from the index, else by a walk."""
    path = db.index_path(config.root)
    if path.exists():
        with (
            contextlib.suppress(sqlite3.Error, OSError),
            db.session(path, "BEGIN") as connection,
        ):
            rows = connection.execute(
                "SELECT path FROM files WHERE path >= ? AND path < ? AND kind = 'other'",
                (folder, folder[:-1] + chr(ord("/") + 1)),
            )
            return [row[0] for row in rows]
    base = config.root / folder
    from vaultkit.core.note import read_note

    found = []
    for name in sorted(listing(base)) if base.is_dir() else []:
        with contextlib.suppress(OSError):
            if (
                read_note(folder + name, (base / name).read_bytes(), strict_folder=True).kind
                == "other"
            ):
                found.append(folder + name)
    return found
