"""Linux's inotify, looked at from inside: which folders this process watches, and what a
refused watch means. A folder left unwatched would miss changes silently."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterator
from pathlib import Path

_WATCH_LINE = re.compile(r"^inotify wd:\S+ ino:([0-9a-f]+)", re.M)


def cannot_watch(root: Path, err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return (
            f"cannot watch {root}: the system's limit on inotify watches is reached; raise it "
            "(for example `sudo sysctl fs.inotify.max_user_watches=524288`) and try again"
        )
    if err.errno == errno.EMFILE:
        return (
            f"cannot watch {root}: the system's limit on inotify instances is reached; close "
            "other watchers or raise fs.inotify.max_user_instances, and try again"
        )
    return f"cannot watch {root}: {err.strerror or err}"


def unwatched_folders(root: Path) -> list[str]:
    """Folders of the vault (hidden ones aside) that this process has no inotify watch on.

    Read from /proc/self/fdinfo, where Linux lists each watch's inode. Where that
    cannot be read, or does not show the root itself, nothing can be told: [].
    """
    watched = _watched_inodes()
    try:
        root_inode = os.stat(root).st_ino
    except OSError:
        return []
    if root_inode not in watched:
        return []
    return [relative for relative, inode in _folders(root) if inode not in watched]


def _watched_inodes() -> set[int]:
    inodes: set[int] = set()
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(f"/proc/self/fd/{fd}") == "anon_inode:inotify":
                    text = Path(f"/proc/self/fdinfo/{fd}").read_text()
                    inodes.update(int(found, 16) for found in _WATCH_LINE.findall(text))
    return inodes


def _folders(root: Path) -> Iterator[tuple[str, int]]:
    """Every folder under root that can be listed, but hidden ones and symlinks, with inodes."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                    continue
                if os.access(entry.path, os.R_OK | os.X_OK):
                    yield prefix + entry.name, entry.stat(follow_symlinks=False).st_ino
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
