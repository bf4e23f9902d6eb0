"""Importing vCards (RFC 6350's 4.0, and the 3.0 that Apple Contacts and Google write).

The cards are found here, with the line each starts on, and each is read by vobject
(folded lines, escaped commas and semicolons, quoted-printable 2.1 values). A card
gives FN (or N), ORG, TITLE, EMAIL and TEL (the preferred one: `PREF=1` or
`TYPE=pref`), a LinkedIn address from URL or X-SOCIALPROFILE, CATEGORIES as tags and
NOTE as research; photos and every other property are passed over without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultkit.core.cells import RESEARCH, Value, clean_line, clean_value, is_linkedin
from vaultkit.core.people import Incoming, Person, Remark
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.table import NotThisFormat, first_line, physical_lines, read_text

WHAT = "a vCard file"
# Google puts every contact in its "myContacts" group: a category that says nothing.
SYSTEM_CATEGORIES = frozenset({"mycontacts"})
LINK_PROPERTIES = ("url", "x-socialprofile", "x-linkedin")


@dataclass
class _Card:
    line: int  # of its BEGIN:VCARD
    lines: list[str] = field(default_factory=list)


def read(path: Path, *, columns: Sequence[str] = ()) -> Incoming:
    """The people of a .vcf file, one per card."""
    if columns:
        raise VaultError("--map is for `vault import csv`; a vCard names its fields", USAGE)
    import vobject  # only when importing vCards

    file = str(path)
    text = read_text(path, what=WHAT)
    people: list[Person] = []
    remarks: list[Remark] = []
    skipped: list[Remark] = []
    for card in _cards(file, text):
        component = _parse(file, card, vobject)
        if _is_company(component):
            skipped.append(Remark(card.line, "a company's card, not a person's"))
            continue
        person = _person(card.line, component, remarks)
        if person.name or person.values.get("email") or person.values.get("linkedin"):
            people.append(person)
        else:
            skipped.append(Remark(card.line, "no name, email or LinkedIn address on this card"))
    return Incoming(tuple(people), tuple(remarks), tuple(skipped))


def _cards(file: str, text: str) -> Iterator[_Card]:
    """Each BEGIN:VCARD ... END:VCARD, as its lines; text outside cards stops the import."""
    card: _Card | None = None
    for number, ending in enumerate(physical_lines(text), start=1):
        line = ending.rstrip("\r\n")
        word = line.rstrip().upper()
        if card is None:
            if not word:
                continue
            if word != "BEGIN:VCARD":
                raise _outside(file, text, number)
            card = _Card(number, [line])
            continue
        if word == "BEGIN:VCARD":
            raise NotThisFormat(
                file, card.line, "this card is never closed: END:VCARD is missing before the next"
            )
        card.lines.append(line)
        if word == "END:VCARD":
            yield card
            card = None
    if card is not None:
        raise NotThisFormat(file, card.line, "this card is never closed: add END:VCARD at its end")


def _outside(file: str, text: str, number: int) -> NotThisFormat:
    """The error for a line outside any card: the first line of a file that is no vCard,
    or text between two cards."""
    first, shown = first_line(text)
    if number != first:
        return NotThisFormat(file, number, "this line is outside any card (BEGIN:VCARD ... END)")
    hint = ""
    if "," in shown or ";" in shown:
        hint = "; it looks like a table: use `vault import csv` (or `linkedin`)"
    return NotThisFormat(
        file, number, f"not {WHAT}: it should start with BEGIN:VCARD, not {shown!r}{hint}"
    )


def _parse(file: str, card: _Card, vobject: Any) -> Any:
    text = "\r\n".join(card.lines) + "\r\n"
    try:
        return vobject.readOne(text, ignoreUnreadable=False)
    # vobject raises many kinds of error on odd input (ParseError, binascii.Error from a
    # damaged photo, UnicodeError from a bad quoted-printable value...); every one of
    # them means this card cannot be read.
    except Exception as err:
        number, reason = _failing_line(card, vobject), _reason(err)
        raise NotThisFormat(
            file, number or card.line, f"this card cannot be read ({reason})"
        ) from None


def _failing_line(card: _Card, vobject: Any) -> int | None:
    """The line of the first property line vobject cannot parse, if one is the cause."""
    for number, logical in _logical_lines(card):
        try:
            vobject.base.parseLine(logical)
        except Exception:
            return number
    return None


def _logical_lines(card: _Card) -> Iterator[tuple[int, str]]:
    """Lines with their folded continuations joined, each with the line it starts on."""
    start, parts = 0, list[str]()
    for offset, line in enumerate(card.lines):
        if line[:1] in (" ", "\t") and parts:
            parts.append(line[1:])
            continue
        if parts:
            yield card.line + start, "".join(parts)
        start, parts = offset, [line]
    if parts:
        yield card.line + start, "".join(parts)


def _reason(err: Exception) -> str:
    text = re.sub(r"^At line \d+: ", "", str(err)).strip() or type(err).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _is_company(component: Any) -> bool:
    shown = _lines(component, "x-abshowas")
    return any(str(line.value).strip().upper() == "COMPANY" for line in shown)


def _person(line: int, component: Any, remarks: list[Remark]) -> Person:
    values: dict[str, Value] = {}

    def put(key: str, text: object, label: str) -> None:
        if text is None or key in values:
            return
        try:
            value = clean_value(key, str(text))
        except ValueError as err:
            remarks.append(Remark(line, f"{label}: {err}; left out"))
            return
        if value is not None:
            values[key] = value

    put("company", _first_part(_preferred(component, "org")), "ORG")
    put("role", _preferred(component, "title") or _preferred(component, "role"), "TITLE")
    put("email", _preferred(component, "email"), "EMAIL")
    put("phone", _phone(_preferred(component, "tel")), "TEL")
    # Google writes `https\://` in URLs: an escape vCard 3.0 does not have, taken off here.
    links = [
        str(item.value).replace("\\:", ":")
        for p in LINK_PROPERTIES
        for item in _ranked(component, p)
    ]
    put("linkedin", next((link for link in links if is_linkedin(link)), None), "URL")
    categories = [c for item in _lines(component, "categories") for c in _as_list(item.value)]
    kept = [c for c in categories if c.strip().casefold() not in SYSTEM_CATEGORIES]
    if kept:
        put("tags", ",".join(kept), "CATEGORIES")
    notes = [clean_value(RESEARCH, str(item.value)) for item in _lines(component, "note")]
    research = "\n\n".join(str(n) for n in notes if n) or None
    return Person(line, _name(component), values, research)


def _name(component: Any) -> str | None:
    formatted = _preferred(component, "fn")
    if formatted is not None and clean_line(formatted):
        return clean_line(formatted)
    structured = _lines(component, "n")
    if not structured:
        return None
    name = structured[0].value
    parts = [getattr(name, part, "") for part in ("given", "additional", "family")]
    return clean_line(" ".join(" ".join(_as_list(p)) for p in parts))


def _lines(component: Any, key: str) -> list[Any]:
    return list(component.contents.get(key, []))


def _ranked(component: Any, key: str) -> list[Any]:
    """The property's lines, most preferred first: PREF=1 (4.0), then TYPE=pref (3.0)."""

    def rank(line: Any) -> int:
        params = {k.upper(): v for k, v in line.params.items()}
        for value in params.get("PREF", []):
            if str(value).isdigit():
                return int(value)
        types = {t.strip().casefold() for v in params.get("TYPE", []) for t in str(v).split(",")}
        return 1 if "pref" in types else 101

    return sorted(_lines(component, key), key=rank)


def _preferred(component: Any, key: str) -> Any:
    ranked = _ranked(component, key)
    return ranked[0].value if ranked else None


def _first_part(value: Any) -> str | None:
    """An ORG's organisation name (the parts after it are departments)."""
    parts = [p for p in _as_list(value) if str(p).strip()]
    return str(parts[0]) if parts else None


def _phone(value: Any) -> str | None:
    return None if value is None else re.sub(r"^tel:", "", str(value).strip(), flags=re.I)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]
