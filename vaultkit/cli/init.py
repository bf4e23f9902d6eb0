"""`vault init [PATH]`."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def init(path: Path | None) -> None:
    """Make a vault in PATH (default: here), or adopt an existing folder.

    Adds vault.toml, the contacts/ and interviews/ folders and a .gitignore line
    for the cache where they are missing; changes no other file.

    Example: vault init ~/Notes/network
    """
    from vaultkit.commands.init import init_vault

    result = init_vault(path or Path.cwd())
    for name in result.created:
        click.echo(f"created {name}")
    for name in result.changed:
        click.echo(f"added .vaultkit/ to {name}")
    if not result.created and not result.changed:
        click.echo(f"{result.root} is already a vault; nothing to do")
    else:
        click.echo(f"vault ready at {result.root}")
