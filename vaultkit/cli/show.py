"""`vault show NAME`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.complete import complete_name
from vaultkit.cli.options import echo_json, json_option, open_vault, vault_option


@click.command()
@click.argument("name", shell_complete=complete_name)
@json_option
@vault_option
def show(name: str, as_json: bool, vault_path: Path | None) -> None:
    """A person: their details, interviews in order, open action items and referrals.

    Example: vault show "Jane Doe"
    """
    from vaultkit.core.lookup import profile
    from vaultkit.formats.text import render_profile

    moment = dt.datetime.now()
    found = profile(open_vault(vault_path), name, today=moment.date(), now=moment.time())
    if as_json:
        echo_json(found.as_json())
    else:
        click.echo(render_profile(found), nl=False)
