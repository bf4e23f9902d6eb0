"""`vault init [PATH]`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.options import group_vault


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def init(ctx: click.Context, path: Path | None) -> None:
    """Make a vault in PATH (default: here), or adopt an existing folder.

    `vault --vault PATH init` makes it in that PATH; a PATH given to init wins.

    Adds vault.toml, the contacts/ and interviews/ folders and a .gitignore line
    for the cache where they are missing. In a git repository it also makes notes
    merge key by key: a `*.md merge=vault` line in .gitattributes and the driver
    in this clone's git config (see `vault merge-file`). It changes no other file.

    Example: vault init ~/Notes/network
    """
    from vaultkit.commands.init import init_vault
    from vaultkit.git.driver import describe

    result = init_vault(path or group_vault(ctx) or Path.cwd())
    for name in result.created:
        click.echo(f"created {name}")
    for name in result.changed:
        click.echo(f"added .vaultkit/ to {name}")
    for line in describe(result.driver):
        click.echo(line)
    if not result.created and not result.changed and not result.driver.changed:
        click.echo(f"{result.root} is already a vault; nothing to do")
    else:
        click.echo(f"vault ready at {result.root}")
