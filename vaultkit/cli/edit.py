"""`vault edit NAME`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import click

from vaultkit.cli.complete import complete_interview_date, complete_name
from vaultkit.cli.options import When, open_vault, vault_option, warn

Asked = When | Literal["latest"] | None


def parse_interview(ctx: click.Context, param: click.Parameter, value: str | None) -> Asked:
    """--interview's value: None, "latest", or the (date, time or None) of DATE."""
    if value is None:
        return None
    if value.strip().lower() == "latest":
        return "latest"
    from vaultkit.core.dates import DateError, parse_cli_date

    try:
        return parse_cli_date(value)
    except DateError as err:
        raise click.BadParameter(f"{err}, or the word latest") from None


@click.command()
@click.argument("name", shell_complete=complete_name)
@click.option(
    "--interview",
    is_flag=False,
    flag_value="latest",
    default=None,
    callback=parse_interview,
    shell_complete=complete_interview_date,
    metavar="[DATE|latest]",
    help="Open their interview on DATE instead, or their latest (what a bare --interview means).",
)
@click.option("--obsidian", is_flag=True, help="Open the note in Obsidian instead of an editor.")
@vault_option
def edit(name: str, interview: Asked, obsidian: bool, vault_path: Path | None) -> None:
    """Open NAME's note, or one of their interviews, in your editor or in Obsidian.

    The editor is $VISUAL, else $EDITOR, else the system's opener; vault exits
    with the editor's exit code.

    Example: vault edit "Jane Doe" --interview latest
    """
    from vaultkit.commands.edit import editor, launch, note_to_edit, obsidian_uri, uri_opener

    vault = open_vault(vault_path)
    if isinstance(interview, tuple):
        target = note_to_edit(vault, name, interview[0], at=interview[1])
    else:
        target = note_to_edit(vault, name, interview)
    if target.warning:
        warn(f"warning: {target.warning}")
    if obsidian:
        code = launch(uri_opener(), obsidian_uri(vault.root, target.path))
    else:
        code = launch(editor(), str(vault.root / target.path))
    sys.exit(code)
