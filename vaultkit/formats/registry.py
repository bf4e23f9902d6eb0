"""The formats vaultkit reads and writes, in one place: each name and its module.

Every importer is a module of the same shape, `read(path, *, columns=()) -> Incoming`
(the people in the file, as plain values; it writes nothing). Every exporter is a
module of the same shape too: a `SUFFIX` (the file name ending a user would give it)
and `export(vault, request) -> bytes`. The modules are imported only when used, so
`vault --help` stays fast; the CLI offers the names, as choices and in completion.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from vaultkit.core.people import Incoming
    from vaultkit.core.vault import Vault

    Importer = Callable[..., Incoming]

IMPORTERS: dict[str, str] = {
    "linkedin": "vaultkit.formats.linkedin",
    "vcard": "vaultkit.formats.vcard",
    "csv": "vaultkit.formats.spreadsheet",
}

EXPORTERS: dict[str, str] = {
    "ics": "vaultkit.formats.ics",
    "csv": "vaultkit.formats.csv_export",
    "vcard": "vaultkit.formats.vcard_export",
}

DEFAULT_DAYS = 30  # how far ahead the calendar looks


def read_people(kind: str, path: Path, *, columns: Sequence[str] = ()) -> Incoming:
    """The people of the file, read by the importer named `kind` (one of IMPORTERS)."""
    module = importlib.import_module(IMPORTERS[kind])
    read: Importer = module.read
    return read(path, columns=columns)


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for; each exporter reads the fields that concern it."""

    today: dt.date
    now: dt.time | None = None  # the time of day, for interviews later today
    days: int = DEFAULT_DAYS  # ics: how far ahead
    todo: bool = False  # ics: VTODOs instead of reminder events
    table: str = "contacts"  # csv: contacts or interviews
    columns: tuple[str, ...] | None = None  # csv: these columns, in this order
    excel: bool = False  # csv: a byte-order mark and CRLF line endings
    v4: bool = False  # vcard: version 4.0 instead of 3.0


class Exporter(Protocol):
    SUFFIX: str

    def export(self, vault: Vault, request: ExportRequest) -> bytes: ...


def exporter(name: str) -> Exporter:
    """The module that writes format `name` (one of EXPORTERS)."""
    return cast("Exporter", importlib.import_module(EXPORTERS[name]))
