"""`vault watch`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.options import find_config, vault_option, warn


@click.command()
@click.option("--verbose", "-v", is_flag=True, help="Also print a line for each index refresh.")
@vault_option
def watch(verbose: bool, vault_path: Path | None) -> None:
    """Keep the index, and the dashboard and stats notes if set, current while files change.

    Prints a line for each note that changed meaning: added, removed, broken
    (with the problem), fixed or changed. Ctrl-C stops it.

    Example: vault watch --vault ~/Notes/network
    """
    from vaultkit.watch.loop import watch_vault

    watch_vault(find_config(vault_path), say=click.echo, warn=warn, verbose=verbose)
