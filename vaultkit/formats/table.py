"""Reading a file to import: its text, and for tables its rows with the line each starts on.

What every importer needs before it can read a single person: a file that is text
(UTF-8, a byte-order mark allowed), and for CSV rows parsed strictly, so a stray quote
is named with its line instead of swallowing the rest of the file. A file that is not
what it claims stops here with one line naming the file and the line at fault.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaultkit.core.cells import RESEARCH, Value, clean_line, clean_value
from vaultkit.core.people import Person, Remark
from vaultkit.errors import USAGE, VaultError

BOM = "\ufeff"
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH = 30  # rows a header may follow (LinkedIn puts a few lines of notes first)


class NotThisFormat(VaultError):
    """The file is not the kind the importer reads; the message says where and why."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}; nothing was written", USAGE)


def read_text(path: Path, *, what: str) -> str:
    """The file's text; `what` names the format in messages ("a LinkedIn export").

    Binary files, spreadsheets in Excel's own format, text that is not UTF-8 and
    empty files are each told apart, with the line at fault.
    """
    file = str(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise VaultError(f"{file} is a folder; give the file to import", USAGE) from None
    except OSError as err:
        raise VaultError(f"{file}: cannot be read ({err.strerror})", USAGE) from None
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise NotThisFormat(
            file, 1, f"this is a spreadsheet in Excel's format, not {what}; save it as CSV UTF-8"
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise NotThisFormat(file, line, f"this is a binary file, not {what}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise NotThisFormat(
            file, line, "this is not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in Excel)"
        ) from None
    text = text.removeprefix(BOM)
    if not text.strip():
        raise NotThisFormat(file, 1, f"the file is empty, not {what}")
    return text


@dataclass(frozen=True)
class Row:
    """One record of a table: the line it starts on, and its cells as written."""

    line: int
    cells: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def rows(file: str, text: str, delimiter: str, *, limit: int | None = None) -> Iterator[Row]:
    """The table's records, strictly parsed, each with the line it starts on.

    A quote that is never closed, or text after a closing quote, stops the import
    with the line where that record starts.
    """
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    count = 0
    while limit is None or count < limit:
        start = lines.consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise NotThisFormat(file, start, _describe(err, delimiter)) from None
        count += 1
        yield Row(start, tuple(cells))


def physical_lines(text: str) -> list[str]:
    """The lines of a file as editors number them, with their endings: split at \n, \r\n
    and \r only (str.splitlines also splits at characters a cell may hold, such as U+0085)."""
    return io.StringIO(text, newline="").readlines()


class _Lines:
    """The text's lines for the csv reader, counting how many it has taken."""

    def __init__(self, text: str) -> None:
        self._lines = iter(physical_lines(text))
        self.consumed = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.consumed += 1
        return line


def _describe(err: csv.Error, delimiter: str) -> str:
    reason = str(err)
    if "unexpected end of data" in reason or "newline inside string" in reason:
        return 'a quote (") opened in this row is never closed; close it or remove it'
    if "expected after" in reason:
        sign = "a tab" if delimiter == "\t" else repr(delimiter)
        return f'text follows a closing quote (") in this row; {sign} should come next'
    if "field larger than field limit" in reason:
        return "a cell in this row is too long to be a cell; is a quote left open above?"
    return f"this row cannot be read as CSV ({reason})"


def header_key(cell: str) -> str:
    """A column's name as it is compared: no case, spaces, dashes, underscores or colons."""
    return re.sub(r"[\s_\-:.]+", "", cell.strip().removeprefix(BOM).casefold())


@dataclass(frozen=True)
class Header:
    """The row that names the columns, and the delimiter its table uses."""

    row: Row
    delimiter: str


def find_header(
    file: str, text: str, fits: Callable[[Sequence[str]], int], delimiters: Iterable[str]
) -> Header | None:
    """The first row among the first few that `fits` (a score above 0), trying each
    delimiter; the delimiter whose header fits best wins, so `;` tables are read as such.
    """
    best: tuple[int, Header] | None = None
    for delimiter in delimiters:
        try:
            found = next(
                (
                    (score, row)
                    for row in rows(file, text, delimiter, limit=HEADER_SEARCH)
                    if (score := fits([header_key(c) for c in row.cells])) > 0
                ),
                None,
            )
        except NotThisFormat:
            continue  # quoting that only fails with another delimiter
        if found and (best is None or found[0] > best[0]):
            best = (found[0], Header(found[1], delimiter))
    return best[1] if best else None


def first_line(text: str) -> tuple[int, str]:
    """The number and text of the first line that is not blank, to quote in errors."""
    for number, line in enumerate(physical_lines(text), start=1):
        if line.strip():
            shown = line.strip()
            return number, shown if len(shown) <= 60 else shown[:57] + "..."
    return 1, ""


def looks_like_vcard(text: str) -> bool:
    return first_line(text)[1].upper().startswith("BEGIN:VCARD")


# Parts of a name in columns of their own, joined in this order when no column has it whole.
NAME_PARTS = ("_first", "_middle", "_last")
IDENTITY = frozenset({"name", "email", "linkedin", *NAME_PARTS})


@dataclass(frozen=True)
class People:
    """The people of a table's rows, what was left out of them, and the rows skipped."""

    people: tuple[Person, ...]
    remarks: tuple[Remark, ...]
    skipped: tuple[Remark, ...]


def people_of(file: str, text: str, header: Header, columns: Sequence[str | None]) -> People:
    """One Person for each row below the header; `columns` gives each column's property.

    A cell that cannot be its property's value is left out and remarked on with its
    line; a row without a name, email or LinkedIn address is skipped; wholly empty
    rows are passed over without a word.
    """
    titles = [cell.strip() for cell in header.row.cells]
    people: list[Person] = []
    remarks: list[Remark] = []
    skipped: list[Remark] = []
    for row in rows(file, text, header.delimiter):
        if row.line <= header.row.line or row.empty:
            continue
        if len(row.cells) > len(columns) and any(c.strip() for c in row.cells[len(columns) :]):
            remarks.append(
                Remark(
                    row.line,
                    f"this row has {len(row.cells)} cells and the header {len(columns)}; "
                    "the cells past the last column are left out (is a comma unquoted?)",
                )
            )
        person = _person(row, titles, columns, remarks)
        if person.name or person.values.get("email") or person.values.get("linkedin"):
            people.append(person)
        else:
            skipped.append(Remark(row.line, "no name, email or LinkedIn address in this row"))
    return People(tuple(people), tuple(remarks), tuple(skipped))


def _person(
    row: Row, titles: Sequence[str], columns: Sequence[str | None], remarks: list[Remark]
) -> Person:
    values: dict[str, Value] = {}
    parts: dict[str, str] = {}
    notes: list[str] = []
    for cell, key, title in zip(row.cells, columns, titles, strict=False):
        if key is None or not cell.strip():
            continue
        try:
            value = clean_value(key, cell) if key not in NAME_PARTS else clean_line(cell)
        except ValueError as err:
            remarks.append(Remark(row.line, f"{title}: {err}; left out"))
            continue
        if value is None:
            continue
        if key in NAME_PARTS:
            parts.setdefault(key, str(value))
        elif key == RESEARCH:
            notes.append(str(value))
        else:
            values.setdefault(key, value)
    whole = values.pop("name", None)
    name = (
        whole
        if isinstance(whole, str)
        else clean_line(" ".join(parts.get(k, "") for k in NAME_PARTS))
    )
    return Person(row.line, name, values, "\n\n".join(notes) or None)
