"""Adding lines to a note's body, and ticking a task, while keeping every other byte.

A section is found as the core reads it (the first `## Title`, running to the next
heading of the same or a higher level). New lines take the note's own line ending;
a section that is missing is added at the end of the note. Nothing here decides
whether an edit is right: the caller parses the result and compares (see
commands/rewrite.py).
"""

from __future__ import annotations

import datetime as dt
import re

from vaultkit.core.body import HEADING
from vaultkit.core.dates import DateError, parse_date
from vaultkit.core.note import BOM, FENCE_CLOSE, FENCE_OPEN

_LOG_LINE = re.compile(rb"^\s*[-*+]\s+(\d{4}-\d{1,2}-\d{1,2})\b")
_ITEM = re.compile(rb"^\s*(?:[-*+]|\d+[.)])\s")
_TASK_BOX = re.compile(rb"^(\s*[-*+]\s+\[)([ xX/-])(\]\s)")


class SectionError(ValueError):
    """The note cannot be edited this way; its text is for the user."""


class _Lines:
    """A note as lines (without `\\n`; CRLF lines keep `\\r`), and where its body starts."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.lines = raw.split(b"\n")
        self.newline = b"\r\n" if b"\r\n" in raw else b"\n"
        self.body = _body_start(raw)

    def text(self, index: int) -> str:
        return self.lines[index].rstrip(b"\r").decode("utf-8", "replace")

    def join(self) -> bytes:
        return b"\n".join(self.lines)

    def line(self, content: str) -> bytes:
        """A new line, with `\\r` when the note's lines end in CRLF."""
        return content.encode("utf-8") + (b"\r" if self.newline == b"\r\n" else b"")

    def section(self, title: str) -> tuple[int, int] | None:
        """The index of the section's heading and the index just past its last line."""
        start = None
        for index in range(self.body, len(self.lines)):
            text = self.text(index)
            heading = HEADING.match(text) if text.startswith("#") else None
            if not heading:
                continue
            depth = len(heading.group(1))
            if start is not None and depth <= 2:
                return start, index
            if start is None and depth == 2 and heading.group(2).strip().lower() == title:
                start = index
        return (start, len(self.lines)) if start is not None else None

    def last_filled(self, start: int, end: int) -> int:
        """The last line of a section that is not blank (its heading when all are)."""
        index = end - 1
        while index > start and not self.lines[index].strip():
            index -= 1
        return index

    def block_end(self, index: int, end: int) -> int:
        """Just past a list item and the indented lines that continue it."""
        index += 1
        while index < end and self.lines[index][:1] in (b" ", b"\t") and self.lines[index].strip():
            index += 1
        return index

    def insert(self, index: int, new: list[bytes], *, after_heading: bool = False) -> None:
        if after_heading:  # an empty section: a blank line after its heading, then the lines
            new = [self.line(""), *new]
            following = self.lines[index] if index < len(self.lines) else b""
            if following.strip():
                new.append(self.line(""))
        self.lines[index:index] = new

    def append_section(self, title: str, new: list[bytes]) -> None:
        """A new `## Title` section with these lines, at the end of the note."""
        if self.lines[-1] == b"":  # the note ends with a newline
            self.lines.pop()
        elif self.newline == b"\r\n":  # its last line gets the ending the others have
            self.lines[-1] += b"\r"
        block = [self.line(f"## {title}"), self.line(""), *new]
        if len(self.lines) > self.body and self.lines[-1].strip():
            block.insert(0, self.line(""))
        self.lines += [*block, b""]


def _body_start(raw: bytes) -> int:
    """The index of the first line after the properties block (0 when there is none)."""
    offset = len(BOM) if raw.startswith(BOM) else 0
    opening = FENCE_OPEN.match(raw, offset)
    if not opening:
        return 0
    close = FENCE_CLOSE.search(raw, opening.end())
    if close is None:
        raise SectionError("the properties block is not closed with a --- line")
    return raw.count(b"\n", 0, close.start()) + 1


def add_log_line(raw: bytes, day: dt.date, text: str) -> bytes:
    """`- DAY TEXT` under `## Log`, where its date falls among the dated lines there.

    Lines oldest first get it after the last one dated on or before DAY; a log
    written newest first gets it before the first such line. A note with no
    `## Log` gets one at its end.
    """
    note = _Lines(raw)
    new = [note.line(f"- {day.isoformat()} {text}")]
    found = note.section("log")
    if found is None:
        note.append_section("Log", new)
        return note.join()
    start, end = found
    entries = _dated_lines(note, start, end)
    if not entries:
        last = note.last_filled(start, end)
        note.insert(last + 1, new, after_heading=last == start)
        return note.join()
    newest_first = len(entries) > 1 and entries[0][1] > entries[-1][1]
    if newest_first:
        later = [index for index, when in entries if when <= day]
        at = later[0] if later else note.block_end(entries[-1][0], end)
    else:
        earlier = [index for index, when in entries if when <= day]
        at = note.block_end(earlier[-1], end) if earlier else entries[0][0]
    note.insert(at, new)
    return note.join()


def _dated_lines(note: _Lines, start: int, end: int) -> list[tuple[int, dt.date]]:
    found = []
    for index in range(start + 1, end):
        match = _LOG_LINE.match(note.lines[index])
        if not match:
            continue
        try:
            when = parse_date(match.group(1).decode())
        except DateError:
            continue
        if when is not None:
            found.append((index, when))
    return found


def add_items(raw: bytes, title: str, items: list[str]) -> bytes:
    """`- ITEM` lines after the last line of the `## Title` section (made at the end if missing)."""
    note = _Lines(raw)
    new = [note.line(f"- {item}") for item in items]
    found = note.section(title.lower())
    if found is None:
        note.append_section(title, new)
        return note.join()
    start, end = found
    listed = [i for i in range(start + 1, end) if _ITEM.match(note.lines[i])]
    if listed:
        note.insert(note.block_end(listed[-1], end), new)
    else:
        last = note.last_filled(start, end)
        note.insert(last + 1, new, after_heading=last == start)
    return note.join()


def tick(raw: bytes, line: int) -> tuple[bytes, str]:
    """The task on file line `line` (1 is the first) ticked `[x]`, and what its box held."""
    note = _Lines(raw)
    index = line - 1
    if not note.body <= index < len(note.lines):
        raise SectionError(f"line {line} is not in the note's body")
    match = _TASK_BOX.match(note.lines[index])
    if not match:
        raise SectionError(f"line {line} is not a task (`- [ ] ...`)")
    box = match.group(2).decode()
    if box in " /":
        note.lines[index] = match.group(1) + b"x" + note.lines[index][match.end(2) :]
    return note.join(), box
