"""`vault stats`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.options import (
    When,
    echo_json,
    json_option,
    open_vault,
    parse_date_option,
    today_option,
    use_colour,
    vault_option,
    warn,
)

BY = ("month", "source", "tag", "company")  # as vaultkit.core.stats.BY, kept off --help's path


@click.command()
@click.option("--since", callback=parse_date_option, metavar="DATE", help="Only from this date on.")
@click.option(
    "--until",
    callback=parse_date_option,
    metavar="DATE",
    help="Only up to this date (default: today).",
)
@click.option("--by", type=click.Choice(BY), help="Also a table by month, source, tag or company.")
@click.option(
    "--write-note",
    is_flag=True,
    help="Also write the stats note set in vault.toml (all time, by month and source).",
)
@today_option(help="Count as of this date (default: today), for reproducible output.")
@json_option
@vault_option
def stats(
    since: When | None,
    until: When | None,
    by: str | None,
    write_note: bool,
    today: When | None,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """Looking back: the funnel from outreach to offer, and the yardsticks of the field.

    People count in the period by the day they were first reached out to, and
    conversations by their date; what came of them is counted as of today.

    Example: vault stats --by source --since 2026-01-01
    """
    from vaultkit.core.stats import stats_of
    from vaultkit.errors import USAGE, VaultError

    day = today[0] if today else dt.date.today()
    start = since[0] if since else None
    end = until[0] if until else day
    if start is not None and start > end:
        raise VaultError(
            f"--since {start.isoformat()} is after --until {end.isoformat()}; "
            "give a start before the end",
            USAGE,
        )
    vault = open_vault(vault_path)
    result = stats_of(vault, today=day, since=start, until=end, by=by)
    if as_json:
        echo_json(result.as_json())
    else:
        import shutil

        from vaultkit.formats.stats_text import Style, render_stats

        style = Style(colour=use_colour(), width=shutil.get_terminal_size().columns)
        click.echo(render_stats(result, style=style), nl=False)
    if write_note:
        from vaultkit.formats.stats_note import write_stats_note

        written = write_stats_note(vault, day)
        note = vault.config.stats
        warn(f"wrote {note}" if written else f"{note} is up to date")
