"""`vault log NAME TEXT`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.options import When, date_option, open_vault, vault_option


@click.command("log")
@click.argument("name")
@click.argument("text")
@date_option(help="When it happened: YYYY-MM-DD, today or yesterday; default today.")
@click.option("--force", is_flag=True, help="Record a date in the future anyway.")
@vault_option
def log(name: str, text: str, when: When | None, force: bool, vault_path: Path | None) -> None:
    """Write a dated line `- DATE TEXT` under NAME's ## Log: a real contact with them.

    The line goes among the dated lines by its date; a note without ## Log gets
    one at its end. Nothing else in the note changes. A date in the future is a
    plan (see `vault plan`) and is refused unless --force.

    Example: vault log "Jane Doe" "coffee at the alumni evening" --date 2026-11-28
    """
    from vaultkit.commands.log import log as add_line

    today = dt.date.today()
    day = when[0] if when else today
    written = add_line(open_vault(vault_path), name, text, day=day, today=today, force=force)
    if written is None:
        click.echo("that line is already in the log; nothing to do")
    else:
        click.echo(f"{written.path}: {written.line}")
