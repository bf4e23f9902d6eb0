"""`vault ls contacts|interviews`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.options import echo_json, json_option, open_vault, vault_option


@click.command("ls")
@click.argument("what", type=click.Choice(["contacts", "interviews"]))
@click.option("--status", help="Only this status (for interviews: planned, done, cancelled).")
@click.option("--tag", help="Only contacts with this tag (for interviews: their contact's).")
@click.option("--company", help="Only contacts whose company contains this.")
@json_option
@vault_option
def ls(
    what: str,
    status: str | None,
    tag: str | None,
    company: str | None,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """List contacts or interviews, filtered.

    Example: vault ls contacts --status met --tag product
    """
    from vaultkit.core.lookup import list_contacts, list_interviews
    from vaultkit.formats.text import table

    vault = open_vault(vault_path)
    if what == "contacts":
        rows = list_contacts(vault, status=status, tag=tag, company=company)
        columns = ("name", "company", "role", "status", "path")
    else:
        moment = dt.datetime.now()
        rows = list_interviews(
            vault,
            today=moment.date(),
            now=moment.time(),
            status=status,
            tag=tag,
            company=company,
        )
        columns = ("date", "contact", "status", "medium", "path")
    if as_json:
        echo_json(rows)
        return
    click.echo(table(rows, columns), nl=False)
