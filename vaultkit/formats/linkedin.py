"""Importing LinkedIn's data export: `Connections.csv`, one row per connection.

The export opens with a few lines of notes (their wording varies), then a blank line,
then the header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`;
older exports have no `URL` column. Emails are often empty (people choose whether to
share them), positions hold quoted commas, and `Connected On` reads like `15 Mar 2024`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vaultkit.core.people import Incoming
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.table import (
    NotThisFormat,
    find_header,
    first_line,
    header_key,
    looks_like_vcard,
    people_of,
    read_text,
)

WHAT = "a LinkedIn connections export"
SOURCE = "LinkedIn"
COLUMNS = {
    "firstname": "_first",
    "lastname": "_last",
    "url": "linkedin",
    "profileurl": "linkedin",
    "emailaddress": "email",
    "company": "company",
    "position": "role",
    "connectedon": "connected_on",
}


def read(path: Path, *, columns: Sequence[str] = ()) -> Incoming:
    """The connections of a LinkedIn `Connections.csv`."""
    if columns:
        raise VaultError("--map is for `vault import csv`; LinkedIn's columns are known", USAGE)
    file = str(path)
    text = read_text(path, what=WHAT)
    header = find_header(file, text, _fits, (",",))
    if header is None:
        number, line = first_line(text)
        hint = "; it looks like a vCard: use `vault import vcard`" if looks_like_vcard(text) else ""
        raise NotThisFormat(
            file,
            number,
            f"not {WHAT}: no line with the columns First Name, Last Name, ..., Connected On "
            f"as in LinkedIn's Connections.csv; the first line is {line!r}{hint}",
        )
    properties = [COLUMNS.get(header_key(cell)) for cell in header.row.cells]
    found = people_of(file, text, header, properties)
    return Incoming(found.people, found.remarks, found.skipped, default_source=SOURCE)


def _fits(keys: Sequence[str]) -> int:
    return len(keys) if {"firstname", "lastname"} <= set(keys) else 0
