"""`vault index`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.options import open_vault_with_stats, vault_option


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Throw the cache away and read every note again.")
@vault_option
def index(rebuild: bool, vault_path: Path | None) -> None:
    """Bring the cache up to date and say what the vault holds.

    The cache lives in .vaultkit/ and can be deleted at any time; every command
    refreshes it first, so this is only needed to see the counts or start over.

    Example: vault index --rebuild
    """
    vault, stats = open_vault_with_stats(vault_path, rebuild=rebuild)
    held = vault.counts
    from vaultkit.core.words import plural

    click.echo(
        f"{plural(held.contacts, 'contact')}, {plural(held.interviews, 'interview')}, "
        f"{plural(held.other_notes, 'other note')}; {held.broken_files} broken "
        f"({plural(held.problems, 'problem')}{', see vault check' if held.broken_files else ''})"
    )
    click.echo(
        f"{'rebuilt' if stats.rebuilt else 'updated'} in {stats.seconds:.2f}s: "
        f"{stats.added} added, {stats.modified} changed, {stats.removed} removed, "
        f"{stats.unchanged} unchanged"
    )
