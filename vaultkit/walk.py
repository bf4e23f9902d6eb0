"""Listing the Markdown files of a vault, cheaply and safely."""

from __future__ import annotations

import os
from pathlib import Path

IGNORED_DIRS = frozenset({".git", ".obsidian", ".trash", ".vaultkit"})  # and any dot-folder

# A file's signature: size, mtime_ns, ctime_ns and inode. Size and mtime change with
# any ordinary edit; ctime and inode also catch a file swapped for another, or one
# restored with its old mtime (cp -p, tar), or one whose permissions were fixed.
Signature = tuple[int, int, int, int]
Listing = dict[str, Signature]  # vault-relative path -> signature


def listing(root: Path) -> Listing:
    """Every `.md` file under root with its signature, skipping dot-folders.

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
                            found[prefix + name] = (
                                stat.st_size,
                                stat.st_mtime_ns,
                                stat.st_ctime_ns,
                                stat.st_ino,
                            )
                    except OSError:  # gone or unreadable since the folder was listed
                        continue
        except OSError:
            continue
    return found
