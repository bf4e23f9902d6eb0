"""Turning one Markdown file into a Contact, an Interview, "not ours", or problems.

Tolerant where users are sloppy (BOM, CRLF, capitalised types, unquoted links,
date-times), precise where the data is wrong: every problem carries the file,
the line and a sentence a non-programmer can act on. A file that is not a note
of ours is recognised from its raw bytes, without parsing YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from vaultkit.core import body
from vaultkit.core.dates import DateError, parse_date, parse_date_time
from vaultkit.core.links import link_target
from vaultkit.core.model import (
    CONTACT_STATUSES,
    INTERVIEW_STATUSES,
    LINE_KEYS,
    MERGE_CONFLICT,
    Contact,
    Interview,
    ParsedFile,
    Problem,
)
from vaultkit.core.names import note_name
from vaultkit.core.yamlsafe import YamlProblem, load_yaml, simple_properties

BOM = b"\xef\xbb\xbf"
# The fences of a properties block (the opening one captures its line ending).
FENCE_OPEN = re.compile(rb"---[ \t]*(\r?\n)")
FENCE_CLOSE = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_TYPE_LINE = re.compile(
    rb"^[ \t]*[\"']?type[\"']?[ \t]*:[ \t]*[\"']?(contact|interview)\b", re.M | re.I
)
CONFLICT_MARKER = re.compile(rb"^<<<<<<<(?: |$)", re.M)  # the first line of a git conflict
_KEPT_KEY_LINE = re.compile(rf"^({'|'.join(LINE_KEYS)})[ \t]*:", re.M)
_KEY_LINE = re.compile(r"^([^\s#:'\"-][^:]*?|\"[^\"]+\"|'[^']+')[ \t]*:(?:[ \t]|$)", re.M)

# Status words other tools and templates use, read as the ones vaultkit knows.
CONTACT_STATUS_ALIASES = {
    "identified": "prospect",
    "researching": "prospect",
    "to contact": "prospect",
    "reached out": "contacted",
    "interviewed": "met",
    "nurturing": "met",
    "dormant": "paused",
}
INTERVIEW_STATUS_ALIASES = {"scheduled": "planned", "completed": "done", "canceled": "cancelled"}
# Upper bounds that keep a typo (an extra digit or three) out of date arithmetic.
MAX_CADENCE_DAYS = 3650  # ten years
MAX_DURATION_MINUTES = 1440  # a day
# Date properties other tools write under another name.
PROPERTY_ALIASES = {"outreach_sent": ("contacted",)}


def read_note(path: str, raw: bytes, *, strict_folder: bool = False) -> ParsedFile:
    """Read one file's bytes; `path` is vault-relative and used in problems.

    `strict_folder` marks files in the contacts or interviews folder, where a
    broken properties block is reported even when no `type` line can be seen.
    """
    result = ParsedFile(path)
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    conflict = CONFLICT_MARKER.search(raw) if b"<<<<<<<" in raw else None  # a quick look first
    if conflict and (strict_folder or _TYPE_LINE.search(raw)):
        line = raw.count(b"\n", 0, conflict.start()) + 1
        return _broken(result, line, f"{MERGE_CONFLICT}: open and keep one side")
    opening = FENCE_OPEN.match(raw)
    if not opening:
        return result
    start = opening.end()
    close = FENCE_CLOSE.search(raw, start)
    if close is None:
        if strict_folder or _TYPE_LINE.search(raw):
            return _broken(
                result,
                1,
                "the properties block is not closed: add a line with --- after the last property",
            )
        return result
    front = raw[start : close.start()]
    if not strict_folder and not _TYPE_LINE.search(front):
        return result
    try:
        front_text = _utf8(raw, start, close.start()).replace("\r\n", "\n")
        body_text = _utf8(raw, close.end(), len(raw))
    except _NotUtf8 as err:
        line = raw.count(b"\n", 0, err.offset) + 1
        return _broken(result, line, "this file is not UTF-8 text; re-save it with UTF-8 encoding")
    repeated: list[Problem] = []
    props: object
    try:
        props = simple_properties(front_text)
        if props is None:  # anything beyond plain `name: value` lines, repeated names too
            props = load_yaml(front_text)
            repeated = _repeated_keys(path, front_text)
    except YamlProblem as err:
        return _broken(result, err.line + 2 if err.line is not None else 1, err.message)
    if props is None and not strict_folder:
        return result
    if not isinstance(props, dict):
        if props is None:
            return result
        return _broken(
            result,
            2,
            "the properties block is not a list of `name: value` lines; "
            "start each property on its own line as `name: value`",
        )
    kind = str(props.get("type") or "").strip().lower()
    if kind not in ("contact", "interview"):
        return result
    props = {str(key): value for key, value in props.items()}
    body_first_line = raw.count(b"\n", 0, close.end()) + 1
    result.props = props
    result.problems.extend(repeated)
    reader = _PropertyReader(path, props, front_text, result.problems)
    if kind == "contact":
        result.note = _contact(reader, path, body_text, body_first_line)
    else:
        result.note = _interview(reader, path, body_text, body_first_line)
    return result


class _NotUtf8(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset  # of the first byte that is not UTF-8, in the whole file


def _utf8(raw: bytes, begin: int, end: int) -> str:
    try:
        return raw[begin:end].decode("utf-8")
    except UnicodeDecodeError as err:
        raise _NotUtf8(begin + err.start) from None


def _broken(result: ParsedFile, line: int | None, message: str) -> ParsedFile:
    result.problems.append(Problem(result.path, line, message))
    return result


def _repeated_keys(path: str, front_text: str) -> list[Problem]:
    """A problem on each line that sets a property set before (YAML keeps the last)."""
    first: dict[str, int] = {}
    problems = []
    for match in _KEY_LINE.finditer(front_text):
        key = match.group(1).strip("\"'")
        line = front_text.count("\n", 0, match.start()) + 2
        if key in first:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{key} is set twice (lines {first[key]} and {line}); the last one counts: "
                    "delete the line you do not mean",
                )
            )
        else:
            first[key] = line
    return problems


def _key_lines(front_text: str) -> dict[str, int]:
    """File line number of each top-level property (line 1 is the opening ---)."""
    lines: dict[str, int] = {}
    for match in _KEY_LINE.finditer(front_text):
        key = match.group(1).strip("\"'")
        lines[key] = front_text.count("\n", 0, match.start()) + 2  # YAML reads the last
    return lines


T = TypeVar("T")


class _PropertyReader:
    """Reads typed properties, turning each bad value into a Problem on its line."""

    def __init__(
        self, path: str, props: dict[str, object], front_text: str, problems: list[Problem]
    ) -> None:
        self.path = path
        self.props = props
        self.front_text = front_text
        self.problems = problems
        self._lines: dict[str, int] | None = None

    @property
    def lines(self) -> dict[str, int]:
        """Line numbers of the properties, worked out only when a problem or link needs one."""
        if self._lines is None:
            self._lines = _key_lines(self.front_text)
        return self._lines

    def kept_lines(self) -> dict[str, int]:
        """The lines of the properties kept with the note (see LINE_KEYS)."""
        found: dict[str, int] = {}
        for match in _KEPT_KEY_LINE.finditer(self.front_text):
            found[match.group(1)] = self.front_text.count("\n", 0, match.start()) + 2
        return found

    def value(self, key: str) -> tuple[str, object]:
        """The property's name and value; an empty one falls back to its alias (`contacted`)."""
        value = self.props.get(key)
        if value is None or value == "":
            for alias in PROPERTY_ALIASES.get(key, ()):
                other = self.props.get(alias)
                if other is not None and other != "":
                    return alias, other
            return key, None
        return key, value

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.lines.get(key), f"{key}: {message}"))

    def _typed(self, key: str, convert: Callable[[object], T]) -> T | None:
        value = self.props.get(key)
        if value is None or value == "":  # empty: perhaps set under its alias
            key, value = self.value(key)
            if value is None:
                return None
        try:
            return convert(value)
        except (DateError, ValueError) as err:
            self.problem(key, str(err))
            return None

    def text(self, key: str) -> str | None:
        return self._typed(key, _single_text) or None

    def date(self, key: str) -> dt.date | None:
        return self._typed(key, parse_date)

    def date_time(self, key: str) -> tuple[dt.date, dt.time | None] | None:
        return self._typed(key, parse_date_time)

    def whole_number(self, key: str, unit: str, most: int) -> int | None:
        def convert(value: object) -> int:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise ValueError(f"expected a whole number of {unit}, like 90")
            try:
                number = float(value)
            except ValueError:
                raise ValueError(
                    f"{value!r} is not a number; write a whole number of {unit}, like 90"
                ) from None
            if not 0 < number <= most or number != int(number):  # also rules out inf and nan
                raise ValueError(f"{value!r} is not a whole number of {unit} from 1 to {most}")
            return int(number)

        return self._typed(key, convert)

    def choice(self, key: str, allowed: tuple[str, ...], aliases: dict[str, str]) -> str | None:
        key, value = self.value(key)
        if value is None:
            return None
        word = str(value).strip().lower()
        word = aliases.get(word, word)
        if word in allowed:
            return word
        self.problem(key, f"unknown status {value!r}; use one of {', '.join(allowed)}")
        return None

    def link(self, key: str) -> str | None:
        return link_target(self.props.get(key))

    def words(self, key: str) -> tuple[str, ...]:
        value = self.props.get(key)
        if value is None or value == "":
            return ()
        items = value if isinstance(value, list) else str(value).split(",")
        return tuple(str(i).strip().lstrip("#") for i in items if str(i).strip())


def _single_text(value: object) -> str:
    if isinstance(value, (list, dict)):
        raise ValueError("expected a single value, not a list")
    return str(value).strip()


def _contact(reader: _PropertyReader, path: str, text: str, first_line: int) -> Contact:
    stem = note_name(path)
    lines = body.numbered_lines(text, first_line)
    sections = body.sections_of(lines)
    log = body.log_entries(sections.get("log", []), path, reader.problems)
    return Contact(
        path=path,
        name=reader.text("name") or stem,
        lines=reader.kept_lines(),
        aliases=reader.words("aliases"),
        company=reader.text("company"),
        role=reader.text("role"),
        email=reader.text("email"),
        phone=reader.text("phone"),
        linkedin=reader.text("linkedin"),
        location=reader.text("location"),
        source=reader.text("source"),
        referred_by=reader.link("referred_by"),
        tags=reader.words("tags"),
        status=reader.choice("status", CONTACT_STATUSES, CONTACT_STATUS_ALIASES),
        outreach_sent=reader.date("outreach_sent"),
        nudge_sent=reader.date("nudge_sent"),
        replied=reader.date("replied"),
        follow_up=reader.date("follow_up"),
        cadence=reader.whole_number("cadence", "days", MAX_CADENCE_DAYS),
        log=log,
        outcome=reader.text("outcome"),
        first_name=reader.text("first_name"),
        follow_up_note=reader.text("follow_up_note"),
        tasks=body.tasks(lines, path, reader.problems),
    )


def _interview(reader: _PropertyReader, path: str, text: str, first_line: int) -> Interview:
    when = reader.date_time("date")
    lines = body.numbered_lines(text, first_line)
    sections = body.sections_of(lines)
    return Interview(
        path=path,
        lines=reader.kept_lines(),
        contact=reader.link("contact"),
        date=when[0] if when else None,
        time=when[1] if when else None,
        status=reader.choice("status", INTERVIEW_STATUSES, INTERVIEW_STATUS_ALIASES),
        medium=reader.text("medium"),
        duration=reader.whole_number("duration", "minutes", MAX_DURATION_MINUTES),
        thank_you_sent=reader.date("thank_you_sent"),
        questions=body.list_items(sections.get("questions", [])),
        insights=body.list_items(sections.get("insights", [])),
        tasks=body.tasks(lines, path, reader.problems),
        referrals=body.links(sections.get("referrals", [])),
    )
