"""`vault ls contacts|interviews`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.options import (
    When,
    echo_json,
    json_option,
    moment,
    open_vault,
    today_option,
    vault_option,
)
from vaultkit.core.model import CONTACT_STATUSES, INTERVIEW_STATUSES

STATUSES = {"contacts": CONTACT_STATUSES, "interviews": INTERVIEW_STATUSES}


@click.command("ls")
@click.argument("what", type=click.Choice(list(STATUSES)))
@click.option(
    "--status",
    type=click.Choice(list(dict.fromkeys((*CONTACT_STATUSES, *INTERVIEW_STATUSES))), False),
    help="Only this status: for contacts where they stand (prospect, contacted, scheduled, "
    "met, declined, paused); for interviews planned, done or cancelled.",
)
@click.option("--tag", help="Only contacts with this tag (for interviews: their contact's).")
@click.option("--company", help="Only contacts whose company contains this.")
@today_option(help="As of this date (default: now): it decides which interviews are done.")
@json_option
@vault_option
def ls(
    what: str,
    status: str | None,
    tag: str | None,
    company: str | None,
    today: When | None,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """List contacts or interviews, filtered.

    A contact's status is where they stand: the furthest of their note's status
    line and what the dates show (see `vault show`).

    Example: vault ls contacts --status met --tag product
    """
    if status and status.lower() not in STATUSES[what]:
        raise click.BadParameter(
            f"{status!r} is not a status of {what}; use one of {', '.join(STATUSES[what])}",
            param_hint="'--status'",
        )
    from vaultkit.core.lookup import list_contacts, list_interviews
    from vaultkit.formats.text import table
    from vaultkit.store.answers import rows_of

    vault = open_vault(vault_path)
    day, now = moment(today)
    listed = list_contacts if what == "contacts" else list_interviews
    rows = listed(
        vault, today=day, now=now, status=status, tag=tag, company=company, indexed=rows_of(vault)
    )
    columns: tuple[str, ...] = ("name", "company", "role", "status", "path")
    if what == "interviews":
        columns = ("date", "time", "contact", "status", "medium", "path")
    if as_json:
        echo_json(rows)
        return
    click.echo(table(rows, columns), nl=False)
