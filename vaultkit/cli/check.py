"""`vault check`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vaultkit.cli.options import echo_json, json_option, open_vault, vault_option


@click.command()
@json_option
@vault_option
def check(as_json: bool, vault_path: Path | None) -> None:
    """List every problem in the vault as path:line: message; exit 1 if any.

    Example: vault check
    """
    from vaultkit.core.checks import check as check_vault
    from vaultkit.formats.text import render_check
    from vaultkit.store.answers import rows_of
    from vaultkit.store.untyped import untyped_counts

    vault = open_vault(vault_path)
    result = check_vault(vault, untyped_counts(vault.config), rows_of(vault))
    if as_json:
        echo_json(result.as_json())
    else:
        click.echo(render_check(result), nl=False)
    sys.exit(1 if result.problems else 0)
