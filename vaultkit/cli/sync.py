"""`vault sync`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vaultkit.cli.options import find_config, vault_option


@click.command()
@vault_option
def sync(vault_path: Path | None) -> None:
    """Commit the vault's changes, pull with rebase and push, using git.

    Stops at conflicts, listing the files and what to do, and leaves the
    repository as git left it.

    Example: vault sync
    """
    from vaultkit.git.sync import sync_vault

    result = sync_vault(find_config(vault_path), say=click.echo)
    for line in result.stopped:
        click.echo(line)
    sys.exit(0 if result.finished else 1)
