"""Parts of an export kept in the cache folder from one run to the next, by a digest of
what each was made from, so a change to one note costs about one part.

A kept answer (answers.py) lasts only while no note changes; parts outlive that:
after an edit, every part whose inputs did not change is taken as it was made.
The file is a cache like the index: deleted, damaged or written by another version
of vaultkit, it is simply made again.
"""

from __future__ import annotations

import contextlib
import marshal
from pathlib import Path

from vaultkit.core.config import CACHE_DIR, Config
from vaultkit.errors import VaultError
from vaultkit.store.atomic import write_atomic
from vaultkit.store.digest import reading


class KeptParts:
    """The parts kept under one name: read once, and written back only if they changed."""

    def __init__(self, config: Config, name: str) -> None:
        self.path = config.root / CACHE_DIR / f"{name}.parts"
        self.version = reading(config)
        self.kept = self._read()
        self.used: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        found = self.kept.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, data: bytes) -> None:
        self.used[key] = data

    def save(self) -> None:
        """Keep exactly the parts used this time, unless they are the ones kept already."""
        if self.used.keys() == self.kept.keys():
            return
        with contextlib.suppress(OSError, VaultError):  # a cache: not kept costs only time
            self.path.parent.mkdir(exist_ok=True)
            write_atomic(self.path, marshal.dumps((self.version, self.used)))

    def _read(self) -> dict[str, bytes]:
        try:
            version, parts = marshal.loads(Path(self.path).read_bytes())
        except Exception:  # missing, damaged or foreign: made again
            return {}
        if version != self.version or not isinstance(parts, dict):
            return {}
        return parts
