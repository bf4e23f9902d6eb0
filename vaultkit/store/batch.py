"""Writing many notes at once, each atomically, with one wait for the disk instead of one
per note.

write_atomic (atomic.py) syncs every file and its folder: right for one note, but an
import of thousands would spend most of its time waiting on the disk. Here the same
guarantee comes in four steps:

1. each note's bytes go to a temporary file beside it, not synced yet;
2. one sync of the file system makes every temporary file durable at once (Linux's
   syncfs; elsewhere each file is synced, as write_atomic does);
3. each temporary file takes its note's place: linked in for a new note (which never
   replaces a file that appeared meanwhile), renamed over the note it replaces only if
   that note still holds the bytes that were read;
4. each folder is synced once, so the new names are durable too.

A crash before step 3 changes no note; during it, some notes are whole and new and the
rest as they were, never half of one, and running the same command again completes it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaultkit.errors import USAGE, VaultError

_UMASK = os.umask(0o022)  # read once (reading it means setting it), as atomic.py does
os.umask(_UMASK)


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
    try:
        for number, write in enumerate(writes):
            try:
                temps[number] = _temporary(write)
            except OSError as err:
                failed.append(Failed(write.path, f"cannot be written ({err.strerror or err})"))
        _make_durable(writes, temps)
        folders: set[Path] = set()
        for done, (number, temp) in enumerate(sorted(temps.items()), start=1):
            write = writes[number]
            reason = _put_in_place(write, temp)
            if reason:
                failed.append(Failed(write.path, reason))
            else:
                folders.add(write.path.parent)
            if progress:
                progress(done, len(temps))
        for folder in sorted(folders):
            _sync_folder(folder)
    finally:
        for temp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    return failed


def _temporary(write: Write) -> str:
    """The note's bytes in a new temporary file beside it, with the note's permissions."""
    folder = write.path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{write.path.name[:50]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(write.data)
        try:
            mode = os.stat(write.path).st_mode & 0o7777 if write.expect is not None else None
        except FileNotFoundError:
            mode = None
        with contextlib.suppress(OSError):  # some file systems have no permission bits
            os.chmod(temp, 0o666 & ~_UMASK if mode is None else mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def _make_durable(writes: Sequence[Write], temps: dict[int, str]) -> None:
    """Every temporary file's bytes on disk: one syncfs per file system where Linux has it."""
    if not temps:
        return
    synced: set[int] = set()
    if sys.platform.startswith("linux"):
        for number in temps:
            folder = writes[number].path.parent
            device = os.stat(folder).st_dev
            if device not in synced and _syncfs(folder):
                synced.add(device)
    for number, temp in temps.items():
        if os.stat(writes[number].path.parent).st_dev not in synced:
            _fsync_file(temp)


def _syncfs(folder: Path) -> bool:
    """Flush the whole file system holding `folder` to disk; False where that cannot be."""
    import ctypes  # only for writing many notes: it costs a few milliseconds to load

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
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
            return _link_new(temp, target)
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


def _link_new(temp: str, target: Path) -> str | None:
    taken = "appeared while this ran; it was left as it is: run the command again"
    try:
        os.link(temp, target)
    except FileExistsError:
        return taken
    except OSError:
        # Some file systems have no hard links: an exclusive create, synced on its own.
        try:
            with open(target, "xb") as handle, open(temp, "rb") as source:
                handle.write(source.read())
                handle.flush()
                os.fsync(handle.fileno())
        except FileExistsError:
            return taken
    return None


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
