"""`vault prepare NAME`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.options import now_moment, open_vault, vault_option, warn


@click.command("prepare")
@click.argument("name", metavar="NAME|FILE")
@vault_option
def prepare(name: str, vault_path: Path | None) -> None:
    """Add questions from the bank to an interview, up to enough.

    The interview is FILE (an interview note's path, as the report prints it), or
    NAME's next planned one with too few. Enough is prepare_questions in
    vault.toml (3 by default). The questions are ones the person has not been
    asked, from different topics, after those already under ## Questions; edit
    them as you like.

    Example: vault prepare "Jane Doe"
    """
    from vaultkit.commands.prepare import prepare as add_questions

    today, now = now_moment()
    done = add_questions(open_vault(vault_path), name, today=today, now=now)
    for warning in done.warnings:
        warn(f"warning: {warning}")
    if not done.added:
        click.echo(f"{done.already}; nothing to do")
    for question in done.added:
        click.echo(f"{done.path}: - {question}")
