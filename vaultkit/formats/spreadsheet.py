"""Importing any spreadsheet saved as CSV: columns matched to properties by their names.

A column's name is compared without case, spaces, dashes or underscores, and common
names for the same thing are known (`Full Name`, `Organisation`, `E-mail`, `Date
contacted`...); `--map "Column=property"` names the rest, and `--map "Column="` leaves a
column out. Comma, semicolon and tab tables are told apart by their header.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vaultkit.core.cells import PROPERTIES, RESEARCH, importable
from vaultkit.core.people import Incoming
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.table import (
    DELIMITERS,
    IDENTITY,
    NotThisFormat,
    find_header,
    first_line,
    header_key,
    looks_like_vcard,
    people_of,
    read_text,
)

WHAT = "a CSV table"

# Column names (as header_key leaves them) and the property each one fills.
SYNONYMS: dict[str, str] = {
    **{key.replace("_", ""): key for key in PROPERTIES},
    **dict.fromkeys(
        ("name", "fullname", "contactname", "contact", "person", "displayname"), "name"
    ),
    **dict.fromkeys(("firstname", "givenname", "first", "forename"), "_first"),
    **dict.fromkeys(("middlename", "middle", "additionalname"), "_middle"),
    **dict.fromkeys(("lastname", "surname", "familyname", "last"), "_last"),
    **dict.fromkeys(
        ("company", "organisation", "organization", "org", "employer", "companyname", "firm"),
        "company",
    ),
    **dict.fromkeys(("role", "title", "jobtitle", "position"), "role"),
    **dict.fromkeys(
        ("email", "emailaddress", "mail", "workemail", "personalemail", "primaryemail"), "email"
    ),
    **dict.fromkeys(("phone", "phonenumber", "telephone", "tel", "mobile", "cell"), "phone"),
    **dict.fromkeys(
        ("linkedin", "linkedinurl", "linkedinprofile", "profileurl", "linkedinlink", "url"),
        "linkedin",
    ),
    **dict.fromkeys(("location", "city", "place", "basedin", "region"), "location"),
    **dict.fromkeys(
        ("source", "howfound", "howwemet", "foundvia", "channel", "leadsource"), "source"
    ),
    **dict.fromkeys(
        ("referredby", "referral", "referrer", "introducedby", "introby"), "referred_by"
    ),
    **dict.fromkeys(("tags", "tag", "categories", "category", "labels", "groups"), "tags"),
    **dict.fromkeys(("status", "stage"), "status"),
    **dict.fromkeys(
        (
            "datecontacted",
            "contacted",
            "contactedon",
            "outreach",
            "outreachsent",
            "outreachdate",
            "firstcontact",
            "reachedout",
            "datereachedout",
        ),
        "outreach_sent",
    ),
    **dict.fromkeys(("nudge", "nudgesent", "followedup", "datefollowedup"), "nudge_sent"),
    **dict.fromkeys(
        ("replied", "reply", "repliedon", "datereplied", "response", "responsedate", "replydate"),
        "replied",
    ),
    **dict.fromkeys(
        (
            "nextstep",
            "followup",
            "followupdate",
            "nextfollowup",
            "nextcontact",
            "nextstepdate",
            "followupon",
        ),
        "follow_up",
    ),
    **dict.fromkeys(("connectedon", "connected", "dateconnected"), "connected_on"),
    **dict.fromkeys(("outcome", "result"), "outcome"),
    **dict.fromkeys(("notes", "note", "comments", "comment", "research"), RESEARCH),
}


# What --map may name besides properties: the whole name, or its parts in two columns.
MAP_TARGETS = {"name": "name", "given_name": "_first", "family_name": "_last"}


def read(path: Path, *, columns: Sequence[str] = ()) -> Incoming:
    """The people of a CSV table; `columns` are the --map entries ("Column=property")."""
    file = str(path)
    mapping, asked = _mapping(columns)
    text = read_text(path, what=WHAT)

    def fits(keys: Sequence[str]) -> int:
        found = [_property(key, mapping) for key in keys]
        return sum(1 for p in found if p) if IDENTITY.intersection(found) else 0

    header = find_header(file, text, fits, DELIMITERS)
    if header is None:
        number, line = first_line(text)
        hint = "; it looks like a vCard: use `vault import vcard`" if looks_like_vcard(text) else ""
        raise NotThisFormat(
            file,
            number,
            "no header row naming the columns (Name, or First Name and Last Name, Email, "
            f"Company, ...); the first line is {line!r}{hint}",
        )
    keys = [header_key(cell) for cell in header.row.cells]
    for key, entry in asked.items():
        if key not in keys:
            names = ", ".join(cell.strip() for cell in header.row.cells if cell.strip())
            raise VaultError(f"--map {entry!r}: {file} has no such column; its columns: {names}")
    properties = [_property(key, mapping) for key in keys]
    found = people_of(file, text, header, properties)
    ignored = tuple(
        cell.strip()
        for cell, key, prop in zip(header.row.cells, keys, properties, strict=True)
        if prop is None and cell.strip() and key not in mapping
    )
    return Incoming(found.people, found.remarks, found.skipped, ignored)


def _property(key: str, mapping: dict[str, str | None]) -> str | None:
    return mapping[key] if key in mapping else SYNONYMS.get(key)


def _mapping(columns: Sequence[str]) -> tuple[dict[str, str | None], dict[str, str]]:
    """--map entries: the property of each column key (None to leave it out), and the
    entries as written, by the same keys, to quote in messages."""
    mapping: dict[str, str | None] = {}
    asked: dict[str, str] = {}
    for entry in columns:
        column, equals, prop = entry.partition("=")
        prop = prop.strip()
        if not equals or not column.strip():
            raise VaultError(f'--map {entry!r}: write it as "Column=property"', USAGE)
        if prop and prop not in MAP_TARGETS and not importable(prop):
            raise VaultError(
                f"--map {entry!r}: {prop!r} is not a property an import writes; use one such "
                f"as {', '.join(PROPERTIES[:5])}, name, or research for the ## Research section",
                USAGE,
            )
        key = header_key(column)
        mapping[key] = MAP_TARGETS.get(prop, prop) or None
        asked[key] = entry
    return mapping, asked
