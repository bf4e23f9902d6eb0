"""`vault adopt FOLDER --as contact|interview`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vaultkit.cli.options import echo_json, find_config, json_option, vault_option
from vaultkit.errors import FOUND


@click.command("adopt")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--as",
    "kind",
    required=True,
    type=click.Choice(["contact", "interview"]),
    help="The type the notes are given.",
)
@click.option("--dry-run", is_flag=True, help="List what would change; write nothing.")
@json_option
@vault_option
def adopt(folder: Path, kind: str, dry_run: bool, as_json: bool, vault_path: Path | None) -> None:
    """Add `type: contact` (or interview) to every note in FOLDER that has no type.

    One line is added at the end of each note's properties, or a properties block of
    its own for a note that has none; nothing else changes. Notes with another type
    and notes whose properties cannot be read are named and left alone (exit 1 for
    the latter). FOLDER is inside the vault, from its root or from here.

    Example: vault adopt People --as contact --dry-run
    """
    from vaultkit.commands.adopt import adopt as adopt_folder
    from vaultkit.formats.import_text import render_adopt

    result = adopt_folder(find_config(vault_path), folder, kind, dry_run=dry_run, cwd=Path.cwd())
    if as_json:
        echo_json(result.as_json())
    else:
        click.echo(render_adopt(result), nl=False)
    if result.found_problems:
        sys.exit(FOUND)
