"""`vault report`."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path

import click

from vaultkit.cli.options import (
    When,
    echo_json,
    json_option,
    open_vault,
    today_option,
    use_colour,
    vault_option,
    warn,
)
from vaultkit.core.model import DUE_KINDS


@click.command()
@today_option(help="Report as of this date (default: today), for reproducible output.")
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    metavar="N",
    help="How many days ahead 'coming up' looks (default 7, or vault.toml).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="K",
    type=click.Choice(DUE_KINDS),
    help="Only this kind of item; repeat for more.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 when anything is overdue (for cron and git hooks).",
)
@click.option(
    "--write-dashboard",
    is_flag=True,
    help="Also write the dashboard note set in vault.toml (whole report, vault.toml's window).",
)
@json_option
@vault_option
def report(
    today: When | None,
    days: int | None,
    kinds: tuple[str, ...],
    check_only: bool,
    write_dashboard: bool,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """What is overdue, due today and coming up, with the file to open for each.

    Example: vault report --today 2026-11-22 --days 14
    """
    from vaultkit.core.report import build_report
    from vaultkit.formats.report_text import render_report

    vault = open_vault(vault_path)
    if today:
        day, now = today  # a time, when given, counts for interviews later that day
    else:
        moment = dt.datetime.now()
        day, now = moment.date(), moment.time()
    window = vault.config.follow_up.upcoming_days if days is None else days
    result = build_report(vault, today=day, days=window, kinds=kinds or DUE_KINDS, now=now)
    if as_json:
        echo_json(result.as_json())
    else:
        colour = use_colour()
        option = f" --vault {shlex.quote(str(vault_path))}" if vault_path else ""
        text = render_report(result, vault.root, colour=colour, links=colour, vault_option=option)
        click.echo(text, nl=False)
    if write_dashboard:
        from vaultkit.formats.dashboard import write_dashboard as write_note

        written = write_note(vault, day, now)
        note = vault.config.dashboard
        warn(f"wrote {note}" if written else f"{note} is up to date")
    if check_only and result.overdue:
        sys.exit(1)
