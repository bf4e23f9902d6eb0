"""`vault show NAME`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.complete import complete_name
from vaultkit.cli.options import (
    When,
    echo_json,
    json_option,
    moment,
    open_vault,
    today_option,
    vault_option,
)


@click.command()
@click.argument("name", shell_complete=complete_name)
@today_option(help="As of this date (default: now): it decides what is done and due.")
@json_option
@vault_option
def show(name: str, today: When | None, as_json: bool, vault_path: Path | None) -> None:
    """A person's whole story: details, where they stand, log, interviews, tasks, what is due.

    NAME is a name, an alias, a pasted [[link]] or the note's path
    (`contacts/Sam Lee.md`), which tells two people of one name apart.

    Example: vault show "Jane Doe"
    """
    from vaultkit.core.lookup import profile
    from vaultkit.formats.text import render_profile
    from vaultkit.store.answers import rows_of

    day, now = moment(today)
    vault = open_vault(vault_path)
    found = profile(vault, name, today=day, now=now, indexed=rows_of(vault))
    if as_json:
        echo_json(found.as_json())
    else:
        click.echo(render_profile(found), nl=False)
