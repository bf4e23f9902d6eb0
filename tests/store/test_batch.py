"""Many notes written at once: each whole or not at all, a new one never over a file, a
changed one never overwritten, and one sync of the disk for all of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vaultkit.store import batch
from vaultkit.store.batch import Write, write_all


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_notes_are_written_with_ordinary_permissions(tmp_path: Path) -> None:
    """Each new note has its bytes and the permissions an editor would give it."""
    writes = [Write(tmp_path / "contacts" / f"{n}.md", f"note {n}\n".encode()) for n in range(5)]
    assert write_all(writes) == []
    for write in writes:
        assert write.path.read_bytes() == write.data
        assert write.path.stat().st_mode & 0o777 == 0o666 & ~umask()
    assert temporary_files(tmp_path / "contacts") == []


def test_a_new_note_never_replaces_a_file(tmp_path: Path) -> None:
    """A file that appeared at a new note's name is kept; the rest are written."""
    (tmp_path / "b.md").write_bytes(b"mine")
    failed = write_all([Write(tmp_path / "a.md", b"a"), Write(tmp_path / "b.md", b"b")])
    assert [f.path.name for f in failed] == ["b.md"]
    assert "appeared while this ran" in failed[0].reason
    assert (tmp_path / "b.md").read_bytes() == b"mine"
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert temporary_files(tmp_path) == []


def test_a_note_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    """A note whose bytes are no longer the ones read is left as it now is."""
    note = tmp_path / "a.md"
    note.write_bytes(b"edited by hand")
    failed = write_all([Write(note, b"new", expect=b"as read")])
    assert "changed while this ran" in failed[0].reason
    assert note.read_bytes() == b"edited by hand"


def test_a_replaced_note_keeps_its_permissions(tmp_path: Path) -> None:
    """Replacing a note keeps its mode, and writes through a symbolic link."""
    note = tmp_path / "real.md"
    note.write_bytes(b"old")
    note.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(note)
    assert write_all([Write(link, b"new", expect=b"old")]) == []
    assert link.is_symlink()
    assert note.read_bytes() == b"new"
    assert note.stat().st_mode & 0o777 == 0o640


def test_one_sync_for_the_whole_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk is flushed once for all notes, not once per note."""
    calls: list[str] = []
    monkeypatch.setattr(batch, "_syncfs", lambda folder: calls.append("syncfs") or True)
    monkeypatch.setattr(batch, "_fsync_file", lambda path: calls.append("fsync"))
    writes = [Write(tmp_path / f"{n}.md", b"x") for n in range(batch.SYNCFS_FROM)]
    assert write_all(writes) == []
    assert calls == ["syncfs"]


def test_a_few_notes_are_synced_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below SYNCFS_FROM notes, each file is synced and the file system is not flushed."""
    calls: list[str] = []
    monkeypatch.setattr(batch, "_syncfs", lambda folder: calls.append("syncfs") or True)
    monkeypatch.setattr(batch, "_fsync_file", lambda path: calls.append("fsync"))
    assert write_all([Write(tmp_path / f"{n}.md", b"x") for n in range(3)]) == []
    assert calls == ["fsync"] * 3


def test_each_file_is_synced_where_syncfs_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without syncfs every temporary file is synced before it takes its place."""
    synced: list[str] = []
    monkeypatch.setattr(batch, "_syncfs", lambda folder: False)
    monkeypatch.setattr(batch, "_fsync_file", synced.append)
    writes = [Write(tmp_path / f"{n}.md", b"x") for n in range(batch.SYNCFS_FROM)]
    assert write_all(writes) == []
    assert len(synced) == batch.SYNCFS_FROM


def test_an_interrupted_batch_leaves_whole_notes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped while notes take their places: those placed are whole, the others absent,
    and no temporary file is left behind."""
    real = batch._place_new
    placed: list[Path] = []

    def place_then_stop(temp: str, target: Path) -> str | None:
        if len(placed) == 3:
            raise KeyboardInterrupt
        placed.append(target)
        return real(temp, target)

    monkeypatch.setattr(batch, "_place_new", place_then_stop)
    writes = [Write(tmp_path / f"{n}.md", f"whole note {n}\n".encode()) for n in range(10)]
    with pytest.raises(KeyboardInterrupt):
        write_all(writes)
    written = sorted(p.name for p in tmp_path.glob("*.md"))
    assert written == ["0.md", "1.md", "2.md"]
    assert all((tmp_path / n).read_bytes() == f"whole note {n[0]}\n".encode() for n in written)
    assert temporary_files(tmp_path) == []


def test_without_renameat2_a_hard_link_places_new_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a rename cannot refuse to replace, a hard link does, and still never replaces."""
    monkeypatch.setattr(batch, "_rename_noreplace", lambda temp, target: None)
    (tmp_path / "b.md").write_bytes(b"mine")
    failed = write_all([Write(tmp_path / "a.md", b"a"), Write(tmp_path / "b.md", b"b")])
    assert [f.path.name for f in failed] == ["b.md"]
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert (tmp_path / "b.md").read_bytes() == b"mine"
    assert temporary_files(tmp_path) == []


def test_a_note_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note whose temporary file cannot be made is returned with the reason; the others
    are written."""
    real = batch._open_temporary

    def refuse_b(folder: Path, name: str) -> tuple[int, str]:
        if name == "b.md":
            raise PermissionError(13, "Permission denied")
        return real(folder, name)

    monkeypatch.setattr(batch, "_open_temporary", refuse_b)
    failed = write_all([Write(tmp_path / "a.md", b"a"), Write(tmp_path / "b.md", b"b")])
    assert [(f.path.name, f.reason) for f in failed] == [
        ("b.md", "cannot be written (Permission denied)")
    ]
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert not (tmp_path / "b.md").exists()
