"""People arriving from outside the vault: the record an importer makes of one row or card,
what an import did with them, and how two records are known to be one person.

Every importer (formats/linkedin.py, vcard.py, spreadsheet.py) turns a file into an
`Incoming` of `Person` records with values already cleaned (core/cells.py), so matching
and writing (commands/importing.py) never see a format's quirks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vaultkit.core.cells import LINKEDIN_HOST, PROPERTIES, RESEARCH, Value, host_and_path
from vaultkit.core.model import Contact
from vaultkit.core.names import fold, note_name


@dataclass(frozen=True)
class Person:
    """One person as a file describes them: a row of a table or a card.

    `line` is where the row or card starts in the file; `values` are cleaned
    property values (text, dates, whole numbers, tags).
    """

    line: int
    name: str | None
    values: Mapping[str, Value] = field(default_factory=dict)
    research: str | None = None


@dataclass(frozen=True, order=True)
class Remark:
    """Something said about one line of the file: a value left out, a row skipped."""

    line: int
    message: str


@dataclass(frozen=True)
class Incoming:
    """What an importer read from one file."""

    people: tuple[Person, ...]
    remarks: tuple[Remark, ...] = ()  # values left out of rows that were still imported
    skipped: tuple[Remark, ...] = ()  # rows that give no person at all
    ignored_columns: tuple[str, ...] = ()
    default_source: str | None = None  # what `source` is when neither row nor --source says


@dataclass(frozen=True)
class Updated:
    """A contact note an import filled in, and the properties it filled."""

    path: str
    filled: tuple[str, ...]


@dataclass
class ImportResult:
    """What an import did, or with --dry-run would do, note by note."""

    file: str
    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[Updated] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Remark] = field(default_factory=list)
    warnings: list[Remark] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()

    @property
    def found_problems(self) -> bool:
        return bool(self.skipped or self.warnings)

    def filled_counts(self) -> dict[str, int]:
        """How many notes had each property filled, in the order notes list properties."""
        counts: dict[str, int] = {}
        for update in self.updated:
            for key in update.filled:
                counts[key] = counts.get(key, 0) + 1
        order = {key: n for n, key in enumerate((*PROPERTIES, RESEARCH))}
        return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": [{"path": u.path, "filled": list(u.filled)} for u in self.updated],
            "unchanged": self.unchanged,
            "skipped": [{"row": r.line, "reason": r.message} for r in self.skipped],
            "warnings": [{"row": r.line, "reason": r.message} for r in self.warnings],
            "ignored_columns": list(self.ignored_columns),
        }


@functools.lru_cache(maxsize=1 << 16)  # each address is keyed several times in one import
def linkedin_key(url: str | None) -> str | None:
    """The form two LinkedIn addresses of one profile share: no scheme, no `www.` or
    country subdomain, no query string or trailing slash, percent-escapes decoded, no case.

    `https://uk.linkedin.com/in/Jane-Doe/?trk=x` and `linkedin.com/in/jane-doe` are one
    key. An address that is not LinkedIn's keeps its host and path, without case.
    """
    if not url or not url.strip():
        return None
    host, path = host_and_path(url)
    if LINKEDIN_HOST.match(host):
        host = "linkedin.com"
    path = unicodedata.normalize("NFC", urllib.parse.unquote(path)).casefold().strip("/")
    return f"{host}/{path}" if path else host


_EMAIL_SPLIT = re.compile(r"[\s,;]+")


def email_keys(email: str | None) -> tuple[str, ...]:
    """The addresses a property holds, without case (a note may list two)."""
    if not email:
        return ()
    return tuple(e.casefold() for e in _EMAIL_SPLIT.split(email) if "@" in e)


@dataclass
class Known:
    """Someone the directory knows: a contact of the vault, or a person this import adds."""

    name: str
    path: str | None = None  # the contact's note; None for a person not written yet
    linkedin: str | None = None  # its key (linkedin_key)
    emails: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # folded
    line: int = 0  # for a person not written yet, the line of the file that first names them


@dataclass(frozen=True)
class Match:
    """Who an incoming person is: someone known, nobody yet, or more than one (ambiguous)."""

    known: Known | None
    ambiguous: tuple[Known, ...] = ()
    by: str = ""  # "linkedin", "email" or "name"


@dataclass
class Directory:
    """Everyone known so far, by LinkedIn key, email and folded name."""

    by_linkedin: dict[str, list[Known]] = field(default_factory=dict)
    by_email: dict[str, list[Known]] = field(default_factory=dict)
    by_name: dict[str, list[Known]] = field(default_factory=dict)

    @classmethod
    def of(cls, contacts: Iterable[Contact]) -> Directory:
        directory = cls()
        for contact in contacts:
            names = [note_name(contact.path), contact.name, *contact.aliases]
            known = Known(contact.name, path=contact.path)
            directory.add(known, linkedin=contact.linkedin, email=contact.email, names=names)
        return directory

    def add(
        self,
        known: Known,
        *,
        linkedin: str | None = None,
        email: str | None = None,
        names: Iterable[str | None] = (),
    ) -> None:
        """Make `known` findable by these keys too (a LinkedIn key is set only once)."""
        key = linkedin_key(linkedin)
        if key and known.linkedin is None:
            known.linkedin = key
            self.by_linkedin.setdefault(key, []).append(known)
        for address in email_keys(email):
            if address not in known.emails:
                known.emails.add(address)
                self.by_email.setdefault(address, []).append(known)
        for name in names:
            folded = fold(name) if name else ""
            if folded and folded not in known.names:
                known.names.add(folded)
                self.by_name.setdefault(folded, []).append(known)

    def match(self, person: Person) -> Match:
        """The one known person this is: by LinkedIn address, else email, else name.

        Someone with a different LinkedIn address is never the same person, whatever
        their email or name; several candidates at the first step that finds any
        make the match ambiguous.
        """
        linkedin = _text(person.values.get("linkedin"))
        key = linkedin_key(linkedin)
        stages: list[tuple[str, list[Known]]] = []
        if key:
            stages.append(("linkedin", self.by_linkedin.get(key, [])))
        emails = email_keys(_text(person.values.get("email")))
        stages.append(("email", _unique(k for e in emails for k in self.by_email.get(e, []))))
        if person.name:
            stages.append(("name", self.by_name.get(fold(person.name), [])))
        for by, found in stages:
            fitting = [k for k in found if not (key and k.linkedin and k.linkedin != key)]
            if len(fitting) == 1:
                return Match(fitting[0], by=by)
            if fitting:
                return Match(None, tuple(fitting), by=by)
        return Match(None)


def _unique(items: Iterable[Known]) -> list[Known]:
    seen: dict[int, Known] = {}
    for item in items:
        seen.setdefault(id(item), item)
    return list(seen.values())


def _text(value: Value | None) -> str | None:
    return value if isinstance(value, str) else None
