"""Kept parts of an export: read back while vaultkit and the settings are the same, made
again when the file is damaged, and written only when the parts used changed."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from vaultkit.core.config import Config
from vaultkit.store.parts import KeptParts


def test_parts_come_back_in_the_next_run(tmp_path: Path) -> None:
    """What one run put is what the next run gets; parts not used are dropped."""
    config = Config(root=tmp_path)
    first = KeptParts(config, "calendar")
    first.put("a", b"A")
    first.put("b", b"B")
    first.save()
    second = KeptParts(config, "calendar")
    assert (second.get("a"), second.get("c")) == (b"A", None)
    second.save()
    assert KeptParts(config, "calendar").kept == {"a": b"A"}


def test_the_same_parts_are_not_written_again(tmp_path: Path) -> None:
    """A run that used exactly the kept parts leaves the file as it was."""
    config = Config(root=tmp_path)
    first = KeptParts(config, "calendar")
    first.put("a", b"A")
    first.save()
    before = os.stat(first.path)
    again = KeptParts(config, "calendar")
    again.get("a")
    again.save()
    after = os.stat(first.path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_damaged_or_foreign_file_is_made_again(tmp_path: Path) -> None:
    """Bytes that are not kept parts, or parts of another version, count as none."""
    config = Config(root=tmp_path)
    parts = KeptParts(config, "calendar")
    parts.path.parent.mkdir()
    parts.path.write_bytes(b"\x00 not marshal")
    assert KeptParts(config, "calendar").kept == {}
    parts.path.write_bytes(marshal.dumps(("another version", {"a": b"A"})))
    assert KeptParts(config, "calendar").kept == {}


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    """When the cache folder cannot be made, saving does nothing and raises nothing."""
    (tmp_path / ".vaultkit").write_text("a file where the folder should be")
    parts = KeptParts(Config(root=tmp_path), "calendar")
    parts.put("a", b"A")
    parts.save()
    assert KeptParts(Config(root=tmp_path), "calendar").kept == {}
