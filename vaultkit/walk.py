"""Listing the Markdown files of a vault, cheaply and safely."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

IGNORED_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit"})  # and any dot-folder

Listing = dict[str, tuple[int, int]]  # vault-relative path -> (size, mtime_ns)


class FileStat(NamedTuple):
    path: str  # vault-relative, forward slashes
    size: int
    mtime_ns: int


def listing(root: Path) -> Listing:
    """Every `.md` file under root with its size and mtime_ns, skipping dot-folders.

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
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as scan:
                for entry in scan:
                    name = entry.name
                    try:
                        if entry.is_dir():
                            if not name.startswith("."):
                                stack.append((entry.path, f"{prefix}{name}/"))
                        elif name.endswith(".md") and entry.is_file():
                            stat = entry.stat()
                            found[prefix + name] = (stat.st_size, stat.st_mtime_ns)
                    except OSError:  # gone or unreadable since the folder was listed
                        continue
        except OSError:
            continue
    return found


def markdown_files(root: Path) -> Iterator[FileStat]:
    """The files of `listing`, one FileStat each."""
    for path, (size, mtime_ns) in listing(root).items():
        yield FileStat(path, size, mtime_ns)
