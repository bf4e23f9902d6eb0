"""What the index keeps beside its rows (names, mentions, interview briefs) stays what a
fresh index of the same files keeps, through edits, renames and deletions."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from helpers import contact_text, copy_example, day, interview_text, write

from vaultkit.core.config import load_config
from vaultkit.core.names import Lookup
from vaultkit.store.answers import rows_of
from vaultkit.store.db import SIDE_TABLES, index_path
from vaultkit.store.index import refresh


def kept(root: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables kept beside the files, in order."""
    with sqlite3.connect(index_path(root)) as connection:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall())
            for table in SIDE_TABLES
        }


def rebuilt(root: Path, tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """What a first index of the same files keeps."""
    copy = tmp_path / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".vaultkit"))
    refresh(load_config(copy))
    return kept(copy)


def settle(root: Path) -> None:
    """Date every file an hour back, so the index stores it as read (not to read again)."""
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in root.rglob("*.md"):
        os.utime(path, ns=(hour_ago, hour_ago))


def test_keys_follow_every_change(tmp_path: Path) -> None:
    """An alias added, a contact renamed, an interview relinked and one deleted: the kept
    keys equal a fresh index's after each, and nothing of a gone file is left."""
    root = copy_example(tmp_path)
    changes = [
        lambda: write(root, "contacts/Maya Chen.md", contact_text("Maya Chen", aliases="[MC]")),
        lambda: os.replace(root / "contacts/Grace Liu.md", root / "contacts/Grace Li.md"),
        lambda: write(
            root,
            "interviews/2026-11-30 MC.md",
            interview_text("MC", date=day(8), referrals=["Someone New"]),
        ),
        lambda: (root / "interviews/2026-11-30 MC.md").unlink(),
    ]
    settle(root)
    refresh(load_config(root))
    for change in changes:
        change()
        settle(root)
        refresh(load_config(root))
        assert kept(root) == rebuilt(root, tmp_path)
    paths = {row[-1] for row in kept(root)["names"]}
    assert "contacts/Grace Liu.md" not in paths
    assert "contacts/Grace Li.md" in paths


def test_rows_find_a_contact_by_every_name(tmp_path: Path) -> None:
    """A contact is found by its file name, its name, an alias, a spelling with other
    punctuation and its path; a note linking to an alias is found by that alias."""
    root = copy_example(tmp_path)
    write(root, "contacts/Maya Chen.md", contact_text("Maya Chen", aliases="[Maya-Lin C.]"))
    write(root, "interviews/2026-11-30 Maya.md", interview_text("maya-lin c.", date=day(8)))
    vault, _ = refresh(load_config(root))
    rows = rows_of(vault)
    assert rows is not None
    for typed in ("Maya Chen", "maya chen", "Maya-Lin C.", "maya lin c", "contacts/maya chen.md"):
        assert rows.named(Lookup.of(typed)) == {"contacts/Maya Chen.md"}, typed
    assert "interviews/2026-11-30 Maya.md" in (rows.mentioning(["maya-lin c."]) or set())
