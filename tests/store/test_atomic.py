"""write_atomic: the old file or the new one, never half, and never an unasked overwrite."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from vaultkit.errors import VaultError
from vaultkit.store import atomic
from vaultkit.store.atomic import write_atomic

ORIGINAL = b"---\ntype: contact\nname: Jane Doe\n---\nkeep me\n"
NEW = b"---\ntype: contact\nname: Jane Doe\nreplied: 2026-11-21\n---\nkeep me\n"


def names_in(folder: Path) -> list[str]:
    """Every entry of a folder, hidden temporary files included."""
    return sorted(os.listdir(folder))


@pytest.fixture
def note(tmp_path: Path) -> Path:
    """An existing note with known bytes."""
    path = tmp_path / "Jane Doe.md"
    path.write_bytes(ORIGINAL)
    return path


def test_replaces_the_content(note: Path) -> None:
    """The file holds exactly the new bytes, and nothing else is left in the folder."""
    write_atomic(note, NEW)
    assert note.read_bytes() == NEW
    assert names_in(note.parent) == ["Jane Doe.md"]


def test_creates_a_new_file(tmp_path: Path) -> None:
    """A file that did not exist is created with the bytes."""
    path = tmp_path / "Sam Lee.md"
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert names_in(tmp_path) == ["Sam Lee.md"]


def test_keeps_the_permissions(note: Path) -> None:
    """Replacing a file keeps its permission bits."""
    note.chmod(0o640)
    write_atomic(note, NEW)
    assert stat.S_IMODE(note.stat().st_mode) == 0o640


@pytest.mark.parametrize("exclusive", [False, True])
def test_new_files_get_the_usual_permissions(tmp_path: Path, exclusive: bool) -> None:
    """A new file is readable as any editor would leave it (umask applies), not private."""
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    path = tmp_path / "Sam Lee.md"
    write_atomic(path, NEW, exclusive=exclusive)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~old_umask


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    """Editing a note that is a link changes the file it points to and keeps the link."""
    target = tmp_path / "elsewhere" / "Jane Doe.md"
    target.parent.mkdir()
    target.write_bytes(ORIGINAL)
    link = tmp_path / "Jane Doe.md"
    link.symlink_to(target)
    write_atomic(link, NEW)
    assert link.is_symlink()
    assert target.read_bytes() == NEW
    assert names_in(tmp_path) == ["Jane Doe.md", "elsewhere"]


def fail(*_args: object, **_kwargs: object) -> None:
    """Stand in for a system call that fails as a full disk would."""
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("call", ["replace", "fsync"])
def test_failed_write_leaves_the_original(
    note: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    """When fsync or the rename fails, the old bytes stay and no temporary file is left."""
    monkeypatch.setattr(atomic.os, call, fail)
    with pytest.raises((OSError, VaultError)):
        write_atomic(note, NEW)
    monkeypatch.undo()
    assert note.read_bytes() == ORIGINAL
    assert names_in(note.parent) == ["Jane Doe.md"]


def test_failed_write_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new note whose write fails is not created, not even half."""
    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises((OSError, VaultError)):
        write_atomic(tmp_path / "Sam Lee.md", NEW, exclusive=True)
    monkeypatch.undo()
    assert names_in(tmp_path) == []


def test_failed_write_is_a_vault_error(note: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk is reported as a VaultError the CLI prints as one line, not a traceback."""
    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(VaultError) as caught:
        write_atomic(note, NEW)
    monkeypatch.undo()
    assert "Jane Doe.md" in caught.value.message
    assert note.read_bytes() == ORIGINAL


def test_folder_that_cannot_be_written(tmp_path: Path) -> None:
    """A missing folder is a VaultError, not a crash."""
    with pytest.raises(VaultError):
        write_atomic(tmp_path / "no such folder" / "x.md", NEW)


def test_exclusive_never_overwrites(note: Path) -> None:
    """exclusive=True on an existing file is a VaultError with exit code 1, bytes untouched."""
    with pytest.raises(VaultError) as caught:
        write_atomic(note, NEW, exclusive=True)
    assert caught.value.exit_code == 1
    assert "already exists" in caught.value.message
    assert note.read_bytes() == ORIGINAL
    assert names_in(note.parent) == ["Jane Doe.md"]


def test_exclusive_creates(tmp_path: Path) -> None:
    """exclusive=True writes a file that does not exist yet."""
    path = tmp_path / "Sam Lee.md"
    write_atomic(path, NEW, exclusive=True)
    assert path.read_bytes() == NEW
    assert names_in(tmp_path) == ["Sam Lee.md"]


def test_exclusive_loses_a_race_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that appears between the check and the write is never overwritten."""
    path = tmp_path / "Sam Lee.md"
    real_fsync = os.fsync

    def appear_then_fsync(fd: int) -> None:
        if not path.exists():
            path.write_bytes(b"written by someone else\n")
        real_fsync(fd)

    assert not path.exists()
    monkeypatch.setattr(atomic.os, "fsync", appear_then_fsync)
    with pytest.raises(VaultError) as caught:
        write_atomic(path, NEW, exclusive=True)
    monkeypatch.undo()
    assert caught.value.exit_code == 1
    assert path.read_bytes() == b"written by someone else\n"
    assert names_in(tmp_path) == ["Sam Lee.md"]


def no_hard_links(*_args: object, **_kwargs: object) -> None:
    """Stand in for os.link on a file system without hard links."""
    raise OSError(errno.EPERM, "Operation not permitted")


def test_exclusive_without_hard_links_creates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where hard links are refused, an exclusive write still creates the file."""
    monkeypatch.setattr(atomic.os, "link", no_hard_links)
    path = tmp_path / "Sam Lee.md"
    write_atomic(path, NEW, exclusive=True)
    monkeypatch.undo()
    assert path.read_bytes() == NEW
    assert names_in(tmp_path) == ["Sam Lee.md"]


def test_exclusive_without_hard_links_never_overwrites(
    note: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where hard links are refused, an existing file is still never overwritten."""
    monkeypatch.setattr(atomic.os, "link", no_hard_links)
    with pytest.raises(VaultError) as caught:
        write_atomic(note, NEW, exclusive=True)
    monkeypatch.undo()
    assert caught.value.exit_code == 1
    assert note.read_bytes() == ORIGINAL
    assert names_in(note.parent) == ["Jane Doe.md"]
