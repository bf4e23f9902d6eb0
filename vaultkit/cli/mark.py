"""`vault mark NAME EVENT`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.complete import complete_name
from vaultkit.cli.options import When, date_option, open_vault, vault_option
from vaultkit.core.model import MARK_EVENTS


@click.command()
@click.argument("name", shell_complete=complete_name)
@click.argument("event", type=click.Choice(list(MARK_EVENTS)))
@date_option(help="When it happened: YYYY-MM-DD, today or yesterday; default today.")
@click.option("--force", is_flag=True, help="Replace a date that is already there.")
@vault_option
def mark(name: str, event: str, when: When | None, force: bool, vault_path: Path | None) -> None:
    """Record that EVENT happened with NAME: writes that one date, nothing else.

    outreach, nudge and reply go on the contact; thank-you goes on their latest
    done interview.

    Example: vault mark "Jane Doe" outreach --date 2026-11-20
    """
    from vaultkit.commands.mark import mark as mark_event

    day = when[0] if when else dt.date.today()
    done = mark_event(open_vault(vault_path), name, event, day=day, force=force)
    if done.changed:
        click.echo(f"{done.path}: {done.key}: {done.value}")
    else:
        click.echo(f"{done.path} already has {done.key}: {done.value}; nothing to do")
