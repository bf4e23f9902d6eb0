"""`vault mark NAME EVENT`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.complete import complete_name
from vaultkit.cli.options import When, date_option, now_moment, open_vault, vault_option
from vaultkit.core.model import MARK_KINDS


@click.command()
@click.argument("name", shell_complete=complete_name)
@click.argument("event", type=click.Choice(MARK_KINDS))
@date_option(help="When it happened: YYYY-MM-DD, today or yesterday; default today.")
@click.option("--force", is_flag=True, help="Replace a date already there; record it anyway.")
@vault_option
def mark(name: str, event: str, when: When | None, force: bool, vault_path: Path | None) -> None:
    """Record that EVENT happened with NAME: one line per fact, nothing else.

    outreach, nudge and reply are dates on the contact; thank-you goes on the
    latest conversation held and not yet thanked for; update and advice are
    dated lines under ## Log; pause and decline set the status; cancel calls off
    their next planned interview (or the one on --date). When what is recorded
    moves the person on, the note's status line moves forward too. A date in the
    future, a reply before the outreach or a thank-you before the conversation is
    refused unless --force.

    NAME is a name, an alias, a pasted [[link]] or the note's path.

    Example: vault mark "Jane Doe" outreach --date 2026-11-20
    """
    from vaultkit.commands.mark import Moment, check_event_options
    from vaultkit.commands.mark import mark as mark_event

    check_event_options(event, dated=when is not None)
    today, now = now_moment()
    day, at = when if when else (None, None)
    done = mark_event(
        open_vault(vault_path),
        name,
        event,
        day=day,
        at=at,
        moment=Moment(today, now),
        force=force,
    )
    for line in done.written:
        click.echo(f"{line.path}: {line.line}")
    if not done.written:
        click.echo(f"{done.already}; nothing to do")
