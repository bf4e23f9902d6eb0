"""`vault plan NAME DATE|clear`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.options import open_vault, vault_option, warn


@click.command("plan")
@click.argument("name")
@click.argument("when", metavar="DATE|clear")
@click.option("--note", metavar="TEXT", help="What the follow-up is for; the report says it.")
@vault_option
def plan(name: str, when: str, note: str | None, vault_path: Path | None) -> None:
    """Set NAME's follow_up to DATE (and what it is for), or clear it.

    DATE is YYYY-MM-DD, today or tomorrow. Moving the date keeps the note that is
    there unless --note gives another; clear empties both.

    Example: vault plan "Jane Doe" 2026-12-15 --note "ask whether the role opened"
    """
    from vaultkit.commands.plan import plan as set_plan

    day = None if when.strip().lower() == "clear" else _date(when)
    done = set_plan(open_vault(vault_path), name, day, note=note, today=dt.date.today())
    for line in done.written:
        click.echo(f"{line.path}: {line.line}")
    if not done.written:
        click.echo(f"{done.already}; nothing to do")
    for warning in done.warnings:
        warn(f"warning: {warning}")


def _date(text: str) -> dt.date:
    from vaultkit.core.dates import DateError, parse_cli_date

    try:
        return parse_cli_date(text)[0]
    except DateError as err:
        raise click.BadParameter(f"{err}, or clear", param_hint="'DATE|clear'") from None
