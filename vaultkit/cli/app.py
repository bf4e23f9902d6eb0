"""The `vault` group: its options, and every VaultError turned into one line and an exit code.

The commands are registered in `vaultkit.cli` (its __init__), one module each.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from vaultkit import __version__
from vaultkit.errors import USAGE, VaultError


class VaultGroup(click.Group):
    """Turns a VaultError anywhere below into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VaultError as err:
            click.echo(f"vault: {err.message}", err=True)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


@click.group(cls=VaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vault")
@click.option(
    "--vault",
    "vault_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="The vault folder for the command that follows (its own --vault wins).",
)
def cli(vault_path: Path | None) -> None:
    """Informational interviews kept as Markdown notes.

    Contacts and interviews are Markdown files with YAML properties, in a folder
    with a vault.toml at its root. Run `vault init` to make one.
    """
    # Nothing to do here: each command's --vault falls back to this one (cli/options.py).


def main() -> None:
    try:
        cli(prog_name="vault")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(USAGE)
