"""`vault export ics|csv|vcard`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from vaultkit.cli.options import When, open_vault, today_option, vault_option, warn
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.formats.registry import DEFAULT_DAYS, EXPORTERS

TABLES = ("contacts", "interviews")
# The options that belong to one format only, by their parameter name.
ONLY_FOR = {"todo": "ics", "days": "ics", "columns": "csv", "excel": "csv", "v4": "vcard"}


@click.command("export")
@click.argument("format_name", metavar="ics|csv|vcard", type=click.Choice(sorted(EXPORTERS)))
@click.argument("table", metavar="[contacts|interviews]", required=False, type=click.Choice(TABLES))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE (atomically, only when its content changed) instead of stdout.",
)
@today_option(help="Export as of this date (default: today), for reproducible output.")
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    metavar="N",
    help=f"ics: how many days ahead the calendar looks (default {DEFAULT_DAYS}).",
)
@click.option("--todo", is_flag=True, help="ics: to-dos (VTODO) instead of reminder events.")
@click.option("--columns", metavar="A,B,C", help="csv: only these columns, in this order.")
@click.option("--excel", is_flag=True, help="csv: a byte-order mark and CRLF, for Excel.")
@click.option("--v4", is_flag=True, help="vcard: vCard 4.0 (RFC 6350) instead of 3.0.")
@click.option(
    "--strict", is_flag=True, help="Exit 1 when a note could not be read, or was read in part."
)
@vault_option
def export(
    format_name: str,
    table: str | None,
    out: Path | None,
    today: When | None,
    days: int | None,
    todo: bool,
    columns: str | None,
    excel: bool,
    v4: bool,
    strict: bool,
    vault_path: Path | None,
) -> None:
    """Write the vault as a calendar, a spreadsheet or an address book.

    ics: every follow-up from today to --days ahead (and everything overdue, on
    today) as all-day events with a 09:00 alarm, and every planned interview at
    its time. csv contacts|interviews: one row per note. vcard: one card per
    contact. Notes that could not be read are named on stderr.

    Example: vault export ics --out Follow-ups.ics
    """
    given = {"todo": todo, "days": days, "columns": columns, "excel": excel, "v4": v4}
    _check_options(format_name, table, given)
    from vaultkit.commands.export import export_vault
    from vaultkit.formats.registry import ExportRequest

    if today:
        day, now = today
    else:
        moment = dt.datetime.now()
        day, now = moment.date(), moment.time()
    request = ExportRequest(
        today=day,
        now=now,
        days=DEFAULT_DAYS if days is None else days,
        todo=todo,
        table=table or "contacts",
        columns=_column_names(columns),
        excel=excel,
        v4=v4,
    )
    result = export_vault(open_vault(vault_path), format_name, request, out=out)
    for problem in result.left_out:
        warn(f"left out {problem.render()}")
    for problem in result.in_part:
        warn(f"read in part: {problem.render()}")
    if not result.complete:
        warn("run `vault check` for every problem in the vault")
    if out is None:
        click.echo(result.data, nl=False)  # bytes as they are: CRLF stays CRLF
    else:
        warn(f"wrote {out}" if result.written else f"{out} is up to date")
    if strict and not result.complete:
        sys.exit(FOUND)


def _check_options(format_name: str, table: str | None, given: Mapping[str, object]) -> None:
    if format_name == "csv" and table is None:
        raise VaultError("vault export csv needs what to export: contacts or interviews", USAGE)
    if format_name != "csv" and table is not None:
        raise VaultError(f"vault export {format_name} takes no {table}; only csv does", USAGE)
    for name, value in given.items():
        if value not in (None, False) and ONLY_FOR[name] != format_name:
            raise VaultError(f"--{name} is for vault export {ONLY_FOR[name]} only", USAGE)


def _column_names(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise VaultError("--columns needs column names, like name,company,email", USAGE)
    return names
