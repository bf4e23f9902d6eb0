"""Listing the Markdown files of a vault, cheaply and safely."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

IGNORED_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit"})


@dataclass(frozen=True)
class FileStat:
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
                if entry.is_dir():
                    if name not in IGNORED_DIRS and not name.startswith("."):
                        stack.append((entry.path, f"{prefix}{name}/"))
                elif name.endswith(".md") and entry.is_file():
                    stat = entry.stat()
                    yield FileStat(f"{prefix}{name}", stat.st_size, stat.st_mtime_ns)
            except OSError:
                continue
