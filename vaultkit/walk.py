"""Listing the Markdown files of a vault, cheaply and safely."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

IGNORED_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit"})  # and any dot-folder


class FileStat(NamedTuple):
    path: str  # vault-relative, forward slashes
    size: int
    mtime_ns: int


def markdown_files(root: Path) -> Iterator[FileStat]:
    """Every `.md` file under root, skipping ignored folders and symlink cycles.

    Symlinked folders are followed once each: a folder already seen (by device
    and inode) is not entered again, so a link back up the tree ends there.
    """
    seen: set[tuple[int, int]] = set()
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            info = os.stat(folder)
            entries = list(os.scandir(folder))
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            name = entry.name
            try:
                if name.endswith(".md"):
                    if entry.is_file():
                        stat = entry.stat()
                        yield FileStat(prefix + name, stat.st_size, stat.st_mtime_ns)
                    elif entry.is_dir() and not name.startswith("."):
                        stack.append((entry.path, f"{prefix}{name}/"))
                elif entry.is_dir() and not name.startswith("."):
                    stack.append((entry.path, f"{prefix}{name}/"))
            except OSError:
                continue
