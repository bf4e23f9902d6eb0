"""The Markdown body of a note: its `##` sections, list items, tasks and dated log lines."""

from __future__ import annotations

import re

from vaultkit.core.dates import DateError, parse_date
from vaultkit.core.links import links_in
from vaultkit.core.markup import plain
from vaultkit.core.model import LogEntry, Problem, Task

Line = tuple[int, str]  # file line number, text without its line ending

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*\S)\s*$")
# A task as Obsidian Tasks writes one: to do `[ ]`, in progress `[/]`, done `[x]`,
# cancelled `[-]` (read, then left out: it is neither open nor done).
_TASK = re.compile(r"^\s*[-*+]\s+\[([ xX/-])\]\s+(.*?)\s*$")
_OPEN = " /"
_CANCELLED = "-"
_DUE = re.compile(r"📅\s*(\S+)")
_LOG_LINE = re.compile(r"^\s*[-*+]\s+(\d{4}-\d{1,2}-\d{1,2})\b[ \t]*(.*?)\s*$")


def numbered_lines(text: str, first_line: int) -> list[Line]:
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return list(enumerate(text.split("\n"), start=first_line))


def sections(text: str, first_line: int) -> dict[str, list[Line]]:
    """Lines under each `##` heading, keyed by the heading's lower-cased title.

    A section runs to the next heading of the same or a higher level; the first
    section of a given title wins, as a reader would expect.
    """
    return sections_of(numbered_lines(text, first_line))


def sections_of(lines: list[Line]) -> dict[str, list[Line]]:
    """`sections` of a text already split into numbered lines.

    Only the lines that start with `#` are looked at one by one; each section is then
    cut from the lines whole.
    """
    found: dict[str, list[Line]] = {}
    title: str | None = None  # of the section open, which starts at `begin`
    begin = level = 0
    for index in [i for i, (_, line) in enumerate(lines) if line.startswith("#")]:
        heading = HEADING.match(lines[index][1])
        if heading is None:
            continue
        depth = len(heading.group(1))
        if title is not None:
            if depth > level:
                continue  # a heading within the section is one of its lines
            found[title] = lines[begin:index]
        title = heading.group(2).strip().lower()
        if depth == 2 and title not in found:
            begin, level = index + 1, depth
        else:
            title = None
    if title is not None:
        found[title] = lines[begin:]
    return found


def list_items(lines: list[Line]) -> tuple[str, ...]:
    """The text of each list item; a section of plain paragraphs gives its paragraphs."""
    items = tuple(m.group(1) for _, line in lines if (m := ITEM.match(line)))
    if items:
        return items
    paragraphs, current = [], []
    for _, line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return tuple(paragraphs)


def tasks(lines: list[Line], path: str, problems: list[Problem]) -> tuple[Task, ...]:
    """Every open and done task, with the `📅 YYYY-MM-DD` due date Obsidian Tasks writes.

    The text is kept as prose: the Tasks fields, tags and link brackets go.
    """
    found = []
    for number, line in lines:
        match = _TASK.match(line) if "[" in line else None
        if not match or match.group(1) == _CANCELLED:
            continue
        label, due = match.group(2), None
        due_match = _DUE.search(label)
        if due_match:
            try:
                due = parse_date(due_match.group(1))
            except DateError as err:
                problems.append(Problem(path, number, f"task due date: {err}"))
            label = label[: due_match.start()] + label[due_match.end() :]
        done = match.group(1) not in _OPEN
        found.append(Task(plain(label) or label.strip(), done, due, number))
    return tuple(found)


def log_entries(lines: list[Line], path: str, problems: list[Problem]) -> tuple[LogEntry, ...]:
    """The `- 2026-11-01 ...` lines of a `## Log` section: each date and what follows it."""
    found = []
    for number, line in lines:
        match = _LOG_LINE.match(line)
        if not match:
            continue
        try:
            day = parse_date(match.group(1))
        except DateError as err:
            problems.append(Problem(path, number, f"log entry: {err}"))
            continue
        if day:
            found.append(LogEntry(day, match.group(2), number))
    return tuple(found)


def links(lines: list[Line]) -> tuple[str, ...]:
    """Wikilink targets in a section, each once, in order."""
    return tuple(dict.fromkeys(t for _, line in lines for t in links_in(line)))
