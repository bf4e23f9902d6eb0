"""The formats `vault import` reads, by name: each a module of its own with the same shape,
imported only when used (so `vault --help` stays fast).

An importer module has `read(path, *, columns=()) -> vaultkit.core.people.Incoming`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaultkit.core.people import Incoming

    Importer = Callable[..., Incoming]

IMPORTERS = {
    "linkedin": "vaultkit.formats.linkedin",
    "vcard": "vaultkit.formats.vcard",
    "csv": "vaultkit.formats.spreadsheet",
}


def read_people(kind: str, path: Path, *, columns: Sequence[str] = ()) -> Incoming:
    """The people of the file, read by the importer named `kind`."""
    module = importlib.import_module(IMPORTERS[kind])
    read: Importer = module.read
    return read(path, columns=columns)
