"""A cell's text as the value of a contact property: what every importer does to what it
reads, so the notes get dates, statuses, tags and addresses in one form whatever the
file wrote, and a value that cannot be one is named rather than guessed."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable

from vaultkit.core.dates import DateError, parse_date_time
from vaultkit.core.model import CONTACT_STATUSES
from vaultkit.core.note import CONTACT_STATUS_ALIASES, MAX_CADENCE_DAYS

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
_ISO_START = re.compile(r"\d{4}-")
_NUMERIC_DAY_FIRST = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2,4})")
_MONTH_NAME_DAY = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2,4})")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$")
_WEEKDAY_HEAD = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? ", re.I)
DATE_HINT = "write it as YYYY-MM-DD or DD/MM/YYYY"


@functools.lru_cache(maxsize=4096)  # a file holds the same few thousand dates many times
def read_date(text: str) -> dt.date | None:
    """A date as people type them: ISO, day first (15/03/2024, 15.03.2024, 15 Mar 2024),
    or with the month's name first (Mar 15, 2024). Raises ValueError rather than guess:
    a two-digit year, a month-first number (03/15/2024) or an impossible day."""
    plain = " ".join(text.split())
    if not plain or plain.casefold() in _NOTHING:
        return None
    if _ISO_START.match(plain):
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


LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.|www\.|m\.)*linkedin\.[a-z.]+$")


def is_linkedin(url: str) -> bool:
    host = host_and_path(url)[0]
    return bool(LINKEDIN_HOST.match(host))


def host_and_path(url: str) -> tuple[str, str]:
    """An address's host (no case) and path, without its scheme, query or fragment."""
    text = url.strip()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.I)
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    host, _, path = text.partition("/")
    return host.casefold().rstrip("."), path
