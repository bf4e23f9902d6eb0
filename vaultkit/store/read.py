"""Reading files of the vault into notes: one that cannot be read becomes a problem."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from vaultkit.core.config import Config
from vaultkit.core.model import ParsedFile, Problem
from vaultkit.core.vault import note_folders

# Opening a file by its name within its open folder spares the kernel from resolving
# the whole path again for each file (as the walk does for its stats).
_RELATIVE_OPEN = os.open in os.supports_dir_fd
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_CHUNK = 1 << 16


def read_files(config: Config, paths: Iterable[str]) -> Iterator[ParsedFile]:
    """Parse the given vault-relative files; one that cannot be read becomes a problem."""
    from vaultkit.core.note import read_note  # YAML and the parsers: only when a file changed

    root, folders = str(config.root), note_folders(config)
    opened: dict[str, int] = {}
    try:
        for path in paths:
            try:
                raw = _read(root, path, opened)
            except FileNotFoundError:
                yield ParsedFile(path, retry=True)  # deleted since the walk
                continue
            except OSError as err:
                problem = Problem(path, None, f"cannot be read ({err.strerror})")
                yield ParsedFile(path, problems=[problem], retry=True)
                continue
            yield read_note(path, raw, strict_folder=path.startswith(folders))
    finally:
        for fd in opened.values():
            os.close(fd)


def _read(root: str, path: str, opened: dict[str, int]) -> bytes:
    """A file's bytes, opened within its folder, which `opened` keeps open for the next."""
    if not _RELATIVE_OPEN:
        return _read_all(os.open(os.path.join(root, path), _FLAGS))
    folder, _, name = path.rpartition("/")
    folder_fd = opened.get(folder)
    if folder_fd is None:
        folder_fd = opened[folder] = os.open(os.path.join(root, folder), _DIRECTORY)
    return _read_all(os.open(name, _FLAGS, dir_fd=folder_fd))


def _read_all(fd: int) -> bytes:
    """Everything from `fd` to its end, then closed; cheaper than a file object."""
    try:
        chunks = []
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)
