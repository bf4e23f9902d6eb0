"""Listing the Markdown files of a vault, cheaply and safely."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG

# A file's signature: size, mtime_ns, ctime_ns and inode. Size and mtime change with
# any ordinary edit; ctime and inode also catch a file swapped for another, or one
# restored with its old mtime (cp -p, tar), or one whose permissions were fixed.
Signature = tuple[int, int, int, int]
Listing = dict[str, Signature]  # vault-relative path -> signature

# Statting a name relative to its open folder spares the kernel from resolving the
# whole path again for each file: the walk runs before every command, and this is
# most of its cost.
_RELATIVE_STAT = os.stat in os.supports_dir_fd and os.scandir in os.supports_fd


def listing(root: Path) -> Listing:
    """Every regular `.md` file under root with its signature, skipping dot-folders.

    Symlinked folders are followed once each: a folder already seen (by device
    and inode) is not entered again, so a link back up the tree ends there.
    This runs before every command, so it does no more than the walk needs.
    """
    found: Listing = {}
    seen: set[tuple[int, int]] = set()
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            _list_folder(folder, prefix, found, seen, stack)
        except OSError:  # gone or unreadable since its parent was listed
            continue
    return found


def _list_folder(
    folder: str,
    prefix: str,
    found: Listing,
    seen: set[tuple[int, int]],
    stack: list[tuple[str, str]],
) -> None:
    """Add the folder's notes to `found` and its subfolders to `stack`, once per folder."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if _RELATIVE_STAT else None
    try:
        info = os.stat(folder) if fd is None else os.fstat(fd)
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return
        seen.add(key)
        with os.scandir(folder if fd is None else fd) as scan:
            notes = _notes_pushing_folders(scan, folder, prefix, stack)
        for entry in notes:
            try:
                stat = entry.stat() if fd is None else os.stat(entry.name, dir_fd=fd)
            except OSError:  # gone since the folder was listed, or a dangling link
                continue
            if S_ISREG(stat.st_mode):
                found[prefix + entry.name] = (
                    stat.st_size,
                    stat.st_mtime_ns,
                    stat.st_ctime_ns,
                    stat.st_ino,
                )
    finally:
        if fd is not None:
            os.close(fd)


def _notes_pushing_folders(
    scan: Iterator[os.DirEntry[str]], folder: str, prefix: str, stack: list[tuple[str, str]]
) -> list[os.DirEntry[str]]:
    """The `.md` entries of a folder; its subfolders, but dot-folders, go on the stack."""
    notes = []
    for entry in scan:
        name = entry.name
        try:
            if entry.is_dir():
                if not name.startswith("."):
                    stack.append((f"{folder}/{name}", f"{prefix}{name}/"))
            elif name.endswith(".md"):
                notes.append(entry)
        except OSError:  # a symlink that cannot be followed
            continue
    return notes
