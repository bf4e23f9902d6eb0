"""Atomic writes: a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from vaultkit.errors import FOUND, USAGE, VaultError

# The process's umask, read once at import (reading it means setting it), so new
# files get the permissions any editor would give them rather than mkstemp's 0600.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write data to path through a synced temporary file in the same folder.

    With `exclusive`, an existing file is never replaced: the temporary file is
    hard-linked into place, which fails if the name is taken, even in a race.
    A symbolic link is written through: the file it points to gets the new bytes.
    """
    if not exclusive and path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name[:50]}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise VaultError(f"{path}: cannot be written ({err.strerror})", USAGE) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _set_mode(path, temp)
        if exclusive:
            _link_into_place(temp, path)
        else:
            os.replace(temp, path)
        _sync_folder(path.parent)
    except OSError as err:
        raise VaultError(
            f"{path}: cannot be written ({err.strerror or err}); the file is unchanged", USAGE
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def write_if_changed(
    path: Path,
    data: bytes,
    *,
    mark: bytes | None = None,
    instead: str = "Move that file away, or choose another name",
) -> bool:
    """Write `data` atomically unless the file already holds it; True when written.

    With `mark`, an existing file that does not contain it was not written by vault
    and is left alone (VaultError, with `instead` saying what to do). The file's
    folder is made when missing.
    """
    try:
        current: bytes | None = path.read_bytes()
    except FileNotFoundError:
        current = None
    except IsADirectoryError:
        raise VaultError(f"{path} is a folder; name a file to write", USAGE) from None
    except OSError as err:
        raise VaultError(f"{path}: cannot be read ({err.strerror})", USAGE) from None
    if current == data:
        return False
    if current is not None and mark is not None and mark not in current:
        raise VaultError(
            f"{path} exists and was not written by vault; nothing was written. {instead}",
            USAGE,
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VaultError(f"{path.parent}: cannot create the folder ({err.strerror})") from None
    write_atomic(path, data)
    return True


def copy_exclusive(temp: str, target: Path) -> None:
    """For file systems with no hard links: create `target` exclusively with `temp`'s bytes,
    synced; FileExistsError when the name is taken."""
    with open(target, "xb") as handle, open(temp, "rb") as source:
        handle.write(source.read())
        handle.flush()
        os.fsync(handle.fileno())


def _link_into_place(temp: str, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise VaultError(f"{path} already exists; nothing was written", FOUND) from None
    except OSError:
        try:
            copy_exclusive(temp, path)
        except FileExistsError:
            raise VaultError(f"{path} already exists; nothing was written", FOUND) from None
        except OSError as err:
            raise VaultError(f"{path}: cannot be written ({err.strerror})", USAGE) from None


def _set_mode(path: Path, temp: str) -> None:
    """The permissions of the file being replaced, or the usual ones for a new file."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    with contextlib.suppress(OSError):  # some file systems have no permission bits
        os.chmod(temp, mode)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
