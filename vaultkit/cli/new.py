"""`vault new contact NAME` and `vault new interview NAME`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.complete import complete_name
from vaultkit.cli.options import When, date_option, open_vault, vault_option, warn


@click.group()
def new() -> None:
    """Create a contact or interview note from its template."""


@new.command("contact")
@click.argument("name")
@click.option("--company")
@click.option("--role")
@click.option("--email")
@click.option("--linkedin")
@click.option("--location")
@click.option("--source", help="How you found them: alumni network, conference, ...")
@click.option(
    "--referred-by",
    "referred_by",
    metavar="NAME",
    shell_complete=complete_name,
    help="The contact who referred them.",
)
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
@vault_option
def new_contact(
    name: str,
    company: str | None,
    role: str | None,
    email: str | None,
    linkedin: str | None,
    location: str | None,
    source: str | None,
    referred_by: str | None,
    tags: tuple[str, ...],
    vault_path: Path | None,
) -> None:
    """Create contacts/NAME.md; an existing note is never overwritten.

    Example: vault new contact "Jane Doe" --company Acme --role "Product Manager"
    --referred-by "Sam Lee" --tag product
    """
    from vaultkit.commands.new import ContactFields, new_contact

    given = ContactFields(company, role, email, linkedin, location, source, referred_by, tags)
    made = new_contact(open_vault(vault_path), name, given, today=dt.date.today())
    for warning in made.warnings:
        warn(f"warning: {warning}")
    click.echo(f"created {made.path}")


@new.command("interview")
@click.argument("name", shell_complete=complete_name)
@date_option(help="When it is (or was): YYYY-MM-DD or 'YYYY-MM-DD HH:MM'; default today.")
@vault_option
def new_interview(name: str, when: When | None, vault_path: Path | None) -> None:
    """Create interviews/DATE NAME.md for the contact NAME, questions pre-filled.

    3 to 5 questions from questions.md, from different topics, that NAME has not
    been asked in another interview.

    Example: vault new interview "Jane Doe" --date "2026-11-25 14:00"
    """
    from vaultkit.commands.new import new_interview

    today = dt.date.today()
    day, time = when or (today, None)
    made = new_interview(open_vault(vault_path), name, day=day, time=time, today=today)
    for warning in made.warnings:
        warn(f"warning: {warning}")
    click.echo(f"created {made.path}")
