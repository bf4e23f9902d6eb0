"""People arriving from outside the vault: the record an importer makes of one row or card,
the forms its values are cleaned into, and how two records are known to be one person.

Every importer (formats/linkedin.py, vcard.py, spreadsheet.py) turns a file into an
`Incoming` of `Person` records with values already cleaned here, so matching and writing
(commands/importing.py) never see a format's quirks.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vaultkit.core.dates import DateError, parse_date_time
from vaultkit.core.model import CONTACT_STATUSES, Contact
from vaultkit.core.names import fold, note_name
from vaultkit.core.note import (
    BOM,
    CONTACT_STATUS_ALIASES,
    FENCE_CLOSE,
    FENCE_OPEN,
    MAX_CADENCE_DAYS,
)

Value = str | dt.date | int | tuple[str, ...]

# The contact properties an import sets, in the order notes and summaries list them.
PROPERTIES = (
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "location",
    "source",
    "referred_by",
    "tags",
    "status",
    "outreach_sent",
    "nudge_sent",
    "replied",
    "follow_up",
    "connected_on",
    "cadence",
    "outcome",
    "first_name",
)
DATE_PROPERTIES = frozenset({"outreach_sent", "nudge_sent", "replied", "follow_up", "connected_on"})
# Not a property: the text goes under the note's `## Research` heading.
RESEARCH = "research"
# Properties an import never writes: the note's kind, and how it is named.
RESERVED = frozenset({"type", "name", "aliases"})
CUSTOM_KEY = re.compile(r"[a-z][a-z0-9_]*")


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


# -- cleaning values ----------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_line(text: object) -> str | None:
    """One line of text: control characters dropped, runs of white space made one space."""
    if text is None:
        return None
    plain = " ".join(_CONTROL.sub("", str(text)).split())
    return unicodedata.normalize("NFC", plain) or None


def clean_block(text: object) -> str | None:
    """Several lines of text (a note about someone): line breaks kept, edges trimmed."""
    if text is None:
        return None
    lines = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    block = "\n".join(line.rstrip() for line in lines).strip("\n")
    return unicodedata.normalize("NFC", block) if block.strip() else None


# What spreadsheets hold in a cell that says "nothing here"; a date, email or address
# cell has a few more.
_EMPTY_CELLS = frozenset({"-", "--", "\u2013", "\u2014", "n/a", "#n/a", "na"})
_NOTHING = _EMPTY_CELLS | {"no", "none", "null", "tbd", "?", "not yet"}

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DAY_FIRST = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2,4})")
_MONTH_NAME_DAY = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2,4})")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$")
_WEEKDAY_HEAD = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? ", re.I)
DATE_HINT = "write it as YYYY-MM-DD or DD/MM/YYYY"


def read_date(text: str) -> dt.date | None:
    """A date as people type them: ISO, day first (15/03/2024, 15.03.2024, 15 Mar 2024),
    or with the month's name first (Mar 15, 2024). Raises ValueError rather than guess:
    a two-digit year, a month-first number (03/15/2024) or an impossible day."""
    plain = " ".join(text.split())
    if not plain or plain.casefold() in _NOTHING:
        return None
    try:
        parsed = parse_date_time(plain)
    except DateError:
        parsed = None
    if parsed:
        return parsed[0]
    plain = _WEEKDAY_HEAD.sub("", _TIME_TAIL.sub("", plain))
    numeric = " when read day first"
    if match := _YEAR_FIRST.fullmatch(plain):
        (year, month, day), numeric = match.groups(), ""
    elif match := _NUMERIC_DAY_FIRST.fullmatch(plain):
        day, _, month, year = match.groups()
    elif match := _DAY_MONTH_NAME.fullmatch(plain):
        day, month, year = match.group(1), _month(match.group(2), text), match.group(3)
        numeric = ""
    elif match := _MONTH_NAME_DAY.fullmatch(plain):
        month, day, year = _month(match.group(1), text), match.group(2), match.group(3)
        numeric = ""
    else:
        raise ValueError(f"{text!r} is not a date; {DATE_HINT}")
    if len(year) != 4:
        raise ValueError(f"{text!r} does not give the year in full; write all four digits")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date{numeric}; {DATE_HINT}") from None


def _month(word: str, text: str) -> str:
    number = MONTHS.get(word.casefold())
    if number is None:
        raise ValueError(f"{text!r} is not a date; {DATE_HINT}")
    return str(number)


# Status words trackers use, beyond those the note reader knows (note.py).
STATUS_WORDS = {
    **CONTACT_STATUS_ALIASES,
    "lead": "prospect",
    "new": "prospect",
    "not contacted": "prospect",
    "to do": "prospect",
    "todo": "prospect",
    "sent": "contacted",
    "emailed": "contacted",
    "messaged": "contacted",
    "waiting": "contacted",
    "no reply": "contacted",
    "no response": "contacted",
    "replied": "contacted",
    "awaiting reply": "contacted",
    "follow up": "contacted",
    "booked": "scheduled",
    "meeting scheduled": "scheduled",
    "interview scheduled": "scheduled",
    "done": "met",
    "completed": "met",
    "spoke": "met",
    "talked": "met",
    "rejected": "declined",
    "not interested": "declined",
    "on hold": "paused",
    "hold": "paused",
}


def read_status(text: str) -> str | None:
    word = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    if not word:
        return None
    word = STATUS_WORDS.get(word, word)
    if word in CONTACT_STATUSES:
        return word
    raise ValueError(
        f"{text!r} is not a status vault knows; use one of {', '.join(CONTACT_STATUSES)}"
    )


_TAG_SPLIT = re.compile(r"[,;]")
_TAG_UNSAFE = re.compile(r"[^\w/-]+")


def read_tags(items: str | Iterable[str]) -> tuple[str, ...]:
    """Tags as Obsidian accepts them: no `#`, no spaces (they become dashes), each once."""
    values = _TAG_SPLIT.split(items) if isinstance(items, str) else list(items)
    tags: dict[str, str] = {}
    for value in values:
        tag = _TAG_UNSAFE.sub("-", " ".join(str(value).split()).lstrip("#")).strip("-/")
        tag = re.sub(r"-{2,}", "-", unicodedata.normalize("NFC", tag))
        if tag:
            tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+")


def read_email(text: str) -> str | None:
    plain = clean_line(text)
    if plain is None or plain.casefold() in _NOTHING:
        return None
    plain = re.sub(r"^mailto:", "", plain, flags=re.I)
    if not _EMAIL.fullmatch(plain):
        raise ValueError(f"{text!r} is not an email address")
    return plain


def read_linkedin(text: str) -> str | None:
    plain = clean_line(text)
    if plain is None or plain.casefold() in _NOTHING:
        return None
    if not is_linkedin(plain):
        raise ValueError(f"{text!r} is not a LinkedIn address")
    return plain


def read_cadence(text: str) -> int | None:
    plain = clean_line(text)
    if plain is None:
        return None
    digits = re.fullmatch(r"(\d+)(?:\s*days?)?", plain, re.I)
    if not digits or not 0 < int(digits.group(1)) <= MAX_CADENCE_DAYS:
        raise ValueError(f"{text!r} is not a number of days from 1 to {MAX_CADENCE_DAYS}")
    return int(digits.group(1))


def clean_value(key: str, text: str) -> Value | None:
    """A cell's text as the value of property `key`; None when empty.

    Raises ValueError with a sentence for the user when the text cannot be that
    property's value (a date that is not one, an unknown status...).
    """
    if key in DATE_PROPERTIES:
        return read_date(text)
    if key == "status":
        return read_status(text)
    if key == "tags":
        return read_tags(text) or None
    if key == "email":
        return read_email(text)
    if key == "linkedin":
        return read_linkedin(text)
    if key == "cadence":
        return read_cadence(text)
    if key == RESEARCH:
        return clean_block(text)
    plain = clean_line(text)
    return None if plain is None or plain.casefold() in _EMPTY_CELLS else plain


def importable(key: str) -> bool:
    """Whether an import may write property `key` (the known ones, and plain custom keys)."""
    return key == RESEARCH or (bool(CUSTOM_KEY.fullmatch(key)) and key not in RESERVED)


# -- knowing one person from another ------------------------------------------------------

_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.|www\.|m\.)*linkedin\.[a-z.]+$")


def is_linkedin(url: str) -> bool:
    host = _host_and_path(url)[0]
    return bool(_LINKEDIN_HOST.match(host))


def _host_and_path(url: str) -> tuple[str, str]:
    text = url.strip()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.I)
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    host, _, path = text.partition("/")
    return host.casefold().rstrip("."), path


def linkedin_key(url: str | None) -> str | None:
    """The form two LinkedIn addresses of one profile share: no scheme, no `www.` or
    country subdomain, no query string or trailing slash, percent-escapes decoded, no case.

    `https://uk.linkedin.com/in/Jane-Doe/?trk=x` and `linkedin.com/in/jane-doe` are one
    key. An address that is not LinkedIn's keeps its host and path, without case.
    """
    if not url or not url.strip():
        return None
    host, path = _host_and_path(url)
    if _LINKEDIN_HOST.match(host):
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


# -- research text in a Markdown body ----------------------------------------------------

_HEADING_START = re.compile(r"^(\s{0,3})#")
_RULE_OR_UNDERLINE = re.compile(r"^(\s{0,3})([-=_*])(?=[-=_*\s]*$)")
_FENCE = re.compile(r"^(\s{0,3})(```|~~~)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# A backslash before ASCII punctuation is Markdown's escape; elsewhere it is itself.
_ESCAPING_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def as_markdown_text(block: str) -> str:
    """Text that Markdown shows as itself: no heading, rule, fence, link or HTML tag in it.

    A note about someone goes into a note's body; a line `## Log` or `---` in it must
    not become a section or a rule, nor `[[x]]` a link.
    """
    lines = []
    for line in block.split("\n"):
        line = _ESCAPING_BACKSLASH.sub(r"\\\\", line)
        line = line.replace("[[", "\\[\\[").replace("]]", "\\]\\]")
        line = _TAG_START.sub("\\\\<", line)
        line = _HEADING_START.sub(r"\1\\#", line)
        line = _RULE_OR_UNDERLINE.sub(r"\1\\\2", line)
        line = _FENCE.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


_RESEARCH_HEADING = re.compile(r"^##[ \t]+research[ \t]*#*[ \t]*$", re.I)
_SECTION_END = re.compile(r"^#{1,2}[ \t]")


def add_research(raw: bytes, block: str) -> bytes | None:
    """The note with `block` under its `## Research` heading, or in a new such section at
    its end; None when that section already holds text (it is the user's).

    Only the blank lines between the heading and the next one are replaced; every other
    byte stays, and new lines end as the note's lines do.
    """
    head = len(BOM) if raw.startswith(BOM) else 0
    opening = FENCE_OPEN.match(raw, head)
    close = FENCE_CLOSE.search(raw, opening.end()) if opening else None
    start = raw.find(b"\n", close.end()) + 1 if close else 0
    if close and start == 0:
        start = len(raw)
    newline = "\r\n" if b"\r\n" in raw else "\n"
    lines = raw[start:].decode("utf-8").splitlines(keepends=True)
    text = newline.join(as_markdown_text(block).split("\n")) + newline
    found = next(
        (i for i, line in enumerate(lines) if _RESEARCH_HEADING.match(line.rstrip())), None
    )
    if found is None:
        ending = "" if not raw or raw.endswith((b"\n", b"\r")) else newline
        tail = f"{ending}{newline if lines else ''}## Research{newline}{newline}{text}"
        return raw + tail.encode("utf-8")
    end = next(
        (i for i in range(found + 1, len(lines)) if _SECTION_END.match(lines[i])), len(lines)
    )
    if any(line.strip() for line in lines[found + 1 : end]):
        return None
    heading = lines[found] if lines[found].endswith(("\n", "\r")) else lines[found] + newline
    after = [newline] if end < len(lines) else []
    kept = [*lines[:found], heading, newline, text, *after, *lines[end:]]
    return raw[:start] + "".join(kept).encode("utf-8")
