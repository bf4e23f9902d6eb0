"""The vault as a spreadsheet: contacts or interviews as CSV (RFC 4180), one row per note.

The header row names the properties. Dates are ISO, lists are joined with `; `, and
text is UTF-8; for Excel, a byte-order mark and CRLF line endings. A cell that a
spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading `'`, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from vaultkit.core.records import TABLES, Record, Value, contact_records, interview_records
from vaultkit.core.vault import Vault
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.registry import ExportRequest

SUFFIX = ".csv"
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def export(vault: Vault, request: ExportRequest) -> bytes:
    """The table the request names as CSV bytes."""
    columns = chosen_columns(request.table, request.columns)
    if request.table == "contacts":
        records = contact_records(vault, today=request.today, now=request.now)
    else:
        records = interview_records(vault, today=request.today, now=request.now)
    text = render(records, columns, excel=request.excel)
    return text.encode("utf-8")


def chosen_columns(table: str, wanted: Sequence[str] | None) -> tuple[str, ...]:
    """The columns asked for, checked against the table's; all of them when none are."""
    known = TABLES[table]
    if not wanted:
        return known
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise VaultError(
            f"--columns: {unknown[0]} is not a column of {table}; known: {', '.join(known)}",
            USAGE,
        )
    return tuple(wanted)


def render(records: list[Record], columns: Sequence[str], *, excel: bool = False) -> str:
    """The header and one row per record, every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    ending = "\r\n" if excel else "\n"
    writer = csv.writer(out, lineterminator=ending)
    # The csv module quotes a cell holding a character of the line ending only, so with
    # LF endings a carriage return would go out bare and split the row for any reader.
    quoting_all = csv.writer(out, lineterminator=ending, quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for record in records:
        row = [neutralised(cell(record[c])) for c in columns]
        (quoting_all if any("\r" in v for v in row) else writer).writerow(row)
    return (BOM if excel else "") + out.getvalue()


def cell(value: Value) -> str:
    """A value as the text of one cell."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    return str(value)


def neutralised(text: str) -> str:
    """The text with a leading `'` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
