"""Reading files of the vault into notes: one that cannot be read becomes a problem."""

from __future__ import annotations

import os
from collections.abc import Iterable

from vaultkit.core.config import Config
from vaultkit.core.model import ParsedFile, Problem
from vaultkit.core.vault import note_folders


def read_files(config: Config, paths: Iterable[str]) -> Iterable[ParsedFile]:
    """Parse the given vault-relative files; one that cannot be read becomes a problem."""
    from vaultkit.core.note import read_note  # YAML and the parsers: only when a file changed

    root, folders = str(config.root), note_folders(config)
    for path in paths:
        try:
            with open(os.path.join(root, path), "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            yield ParsedFile(path, retry=True)  # deleted since the walk
            continue
        except OSError as err:
            problem = Problem(path, None, f"cannot be read ({err.strerror})")
            yield ParsedFile(path, problems=[problem], retry=True)
            continue
        yield read_note(path, raw, strict_folder=path.startswith(folders))
