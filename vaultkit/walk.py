"""Listing the Markdown files of a vault, cheaply and safely."""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

IGNORED_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit"})  # and any dot-folder

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
    list_folder = _list_folder_relative if _RELATIVE_STAT else _list_folder
    while stack:
        folder, prefix = stack.pop()
        try:
            list_folder(folder, prefix, found, seen, stack)
        except OSError:  # gone or unreadable since its parent was listed
            continue
    return found


def _list_folder_relative(
    folder: str,
    prefix: str,
    found: Listing,
    seen: set[tuple[int, int]],
    stack: list[tuple[str, str]],
) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if not _first_visit(os.fstat(fd), seen):
            return
        notes = []
        with os.scandir(fd) as scan:
            for entry in scan:
                name = entry.name
                try:
                    if entry.is_dir():
                        if not name.startswith("."):
                            stack.append((f"{folder}/{name}", f"{prefix}{name}/"))
                    elif name.endswith(".md"):
                        notes.append(name)
                except OSError:  # a symlink that cannot be followed
                    continue
        for name in notes:
            try:
                stat = os.stat(name, dir_fd=fd)
            except OSError:  # gone since the folder was listed, or a dangling link
                continue
            if S_ISREG(stat.st_mode):
                found[prefix + name] = _signature(stat)
    finally:
        os.close(fd)


def _list_folder(
    folder: str,
    prefix: str,
    found: Listing,
    seen: set[tuple[int, int]],
    stack: list[tuple[str, str]],
) -> None:
    if not _first_visit(os.stat(folder), seen):
        return
    with os.scandir(folder) as scan:
        for entry in scan:
            name = entry.name
            try:
                if entry.is_dir():
                    if not name.startswith("."):
                        stack.append((entry.path, f"{prefix}{name}/"))
                elif name.endswith(".md") and entry.is_file():
                    found[prefix + name] = _signature(entry.stat())
            except OSError:  # gone or unreadable since the folder was listed
                continue


def _first_visit(folder: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    """Whether this folder is new to the walk (a symlink may lead back to one seen)."""
    key = (folder.st_dev, folder.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
