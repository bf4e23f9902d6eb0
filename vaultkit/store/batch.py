"""Writing many notes at once, each atomically, with one wait for the disk instead of one
per note.

write_atomic (atomic.py) syncs every file and its folder: right for one note, but an
import of thousands would spend most of its time waiting on the disk. Here the same
guarantee comes in four steps:

1. each note's bytes go to a temporary file beside it, not synced yet;
2. one sync of the file system makes every temporary file durable at once (Linux's
   syncfs, from SYNCFS_FROM notes on; elsewhere, and for fewer notes, each file is synced,
   as write_atomic does);
3. each temporary file takes its note's place: for a new note by a rename that refuses
   to replace a file that appeared meanwhile (Linux's renameat2, else a hard link), over
   the note it replaces only if that note still holds the bytes that were read;
4. each folder is synced once, so the new names are durable too.

A crash before step 3 changes no note; during it, some notes are whole and new and the
rest as they were, never half of one, and running the same command again completes it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaultkit.errors import USAGE, VaultError
from vaultkit.store.atomic import copy_exclusive

# From this many notes on, one flush of the whole file system costs less than a sync of
# each file; below it, each file is synced, so a small write never waits for the data
# other programs have left unwritten on the same disk.
SYNCFS_FROM = 32


@dataclass(frozen=True)
class Write:
    """A note to write: its bytes, and what the file must still hold to be replaced.

    `expect` None means a new note, written only where no file is.
    """

    path: Path
    data: bytes
    expect: bytes | None = None


@dataclass(frozen=True)
class Failed:
    """A note that was not written, and why, in words for the user."""

    path: Path
    reason: str


def write_all(
    writes: Sequence[Write], *, progress: Callable[[int, int], None] | None = None
) -> list[Failed]:
    """Write every note atomically (see the module's docstring); the ones that could not
    be written are returned with the reason, and every other one is written."""
    temps: dict[int, str] = {}
    failed: list[Failed] = []
    folders: dict[Path, int] = {}  # each folder written in, and its file system's device
    try:
        for number, write in enumerate(writes):
            try:
                temps[number] = _temporary(write, folders)
            except OSError as err:
                failed.append(Failed(write.path, f"cannot be written ({err.strerror or err})"))
        _make_durable(writes, temps, folders)
        for done, number in enumerate(sorted(temps), start=1):
            write = writes[number]
            reason = _put_in_place(write, temps[number])
            if reason:
                failed.append(Failed(write.path, reason))
            else:
                del temps[number]  # it is the note now
            if progress:
                progress(done, len(writes))
        for folder in sorted(folders):
            _sync_folder(folder)
    finally:
        for temp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    return failed


def _temporary(write: Write, folders: dict[Path, int]) -> str:
    """The note's bytes in a new temporary file beside it, with the note's permissions
    (a new note's are the usual ones: the process's umask applies)."""
    folder = write.path.parent
    if folder not in folders:
        folder.mkdir(parents=True, exist_ok=True)
        folders[folder] = os.stat(folder).st_dev
    fd, temp = _open_temporary(folder, write.path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(write.data)
            if write.expect is not None:
                with contextlib.suppress(OSError):  # some file systems have no permission bits
                    os.fchmod(handle.fileno(), os.stat(write.path).st_mode & 0o7777)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def _open_temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file `.NAME.RANDOM.tmp` in the folder, open for writing: hidden, and not a
    note (it does not end in .md), so nothing reads it meanwhile."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = os.path.join(folder, f".{name[:50]}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:  # one chance in four billion: draw another name
            continue


def _make_durable(writes: Sequence[Write], temps: dict[int, str], folders: dict[Path, int]) -> None:
    """Every temporary file's bytes on disk: for many notes one syncfs per file system where
    Linux has it, else (and for a few notes) each file synced on its own."""
    if not temps:
        return
    synced: set[int] = set()
    if sys.platform.startswith("linux") and len(temps) >= SYNCFS_FROM:
        for folder, device in sorted(folders.items()):
            if device not in synced and _syncfs(folder):
                synced.add(device)
    for number, temp in temps.items():
        if folders[writes[number].path.parent] not in synced:
            _fsync_file(temp)


@functools.cache
def _libc() -> object | None:
    import ctypes  # only for writing many notes: it costs a few milliseconds to load

    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _syncfs(folder: Path) -> bool:
    """Flush the whole file system holding `folder` to disk; False where that cannot be."""
    syncfs = getattr(_libc(), "syncfs", None)
    if syncfs is None:
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(write: Write, temp: str) -> str | None:
    """Move the temporary file to the note's name; the reason it could not, or None."""
    target = write.path
    try:
        if write.expect is None:
            return _place_new(temp, target)
        if target.is_symlink():
            target = Path(os.path.realpath(target))
        if target.read_bytes() != write.expect:
            return "changed while this ran; nothing was written to it: run the command again"
        os.replace(temp, target)
    except FileNotFoundError:
        return "was deleted while this ran; nothing was written: run the command again"
    except OSError as err:
        return f"cannot be written ({err.strerror or err}); the file is unchanged"
    return None


TAKEN = "appeared while this ran; it was left as it is: run the command again"
_RENAME_NOREPLACE = 1  # renameat2's flag: fail rather than replace
_AT_FDCWD = -100


def _place_new(temp: str, target: Path) -> str | None:
    """Give the temporary file the new note's name, never over a file that has it: one
    rename where Linux can refuse to replace (renameat2), else a hard link."""
    renamed = _rename_noreplace(temp, target)
    if renamed is True:
        return None
    if renamed is False:
        return TAKEN
    try:
        os.link(temp, target)
    except FileExistsError:
        return TAKEN
    except OSError:
        try:  # some file systems have no hard links
            copy_exclusive(temp, target)
        except FileExistsError:
            return TAKEN
    os.unlink(temp)
    return None


def _rename_noreplace(temp: str, target: Path) -> bool | None:
    """True once renamed, False when the name is taken, None where this cannot be done."""
    if not sys.platform.startswith("linux"):
        return None
    rename = getattr(_libc(), "renameat2", None)
    if rename is None:
        return None
    import ctypes

    done = rename(_AT_FDCWD, os.fsencode(temp), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE)
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error == errno.EEXIST:
        return False
    if error in (errno.EINVAL, errno.ENOSYS, errno.EPERM):  # not on this file system
        return None
    raise OSError(error, os.strerror(error))


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def ensure_writable(folder: Path) -> None:
    """Fail early, before any work, when notes cannot be written into `folder`."""
    probe = folder if folder.exists() else folder.parent
    if not os.access(probe, os.W_OK):
        raise VaultError(f"{folder}: cannot be written (permission denied)", USAGE)
