"""`vault import linkedin|vcard|csv FILE`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from vaultkit.cli.options import echo_json, json_option, open_vault, vault_option
from vaultkit.errors import FOUND
from vaultkit.formats.registry import IMPORTERS

BAR_FROM = 200  # notes: shorter imports finish before a bar would help
BAR_WIDTH = 30


@click.command("import")
@click.argument("kind", metavar="linkedin|vcard|csv", type=click.Choice(list(IMPORTERS)))
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what would be created, updated and skipped; write nothing.",
)
@click.option(
    "--tag", "tags", multiple=True, help="A tag for every person imported; repeat for more."
)
@click.option(
    "--source",
    help="How you found them, for everyone the file does not say (LinkedIn's default: LinkedIn).",
)
@click.option(
    "--map",
    "columns",
    multiple=True,
    metavar="COLUMN=PROPERTY",
    help='csv only: the property a column fills ("Column=" leaves it out); repeat for more.',
)
@json_option
@vault_option
def import_(
    kind: str,
    file: Path,
    dry_run: bool,
    tags: tuple[str, ...],
    source: str | None,
    columns: tuple[str, ...],
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """Add the people of a LinkedIn export, a vCard file or a spreadsheet: one note each.

    A person already in the vault (the same LinkedIn address, else email, else name)
    gets only the properties their note leaves empty; nothing written there changes.
    Running the same import again changes nothing. Exit 1 when a row was skipped or
    a value left out (each is named with its line).

    Example: vault import linkedin ~/Downloads/Connections.csv --dry-run
    """
    from vaultkit.commands.importing import ImportOptions, import_file
    from vaultkit.formats.import_text import render_import

    options = ImportOptions(tags=tags, source=source, columns=columns, dry_run=dry_run)
    vault = open_vault(vault_path)
    result = import_file(
        vault, kind, file, options, today=dt.date.today(), progress=_progress_bar()
    )
    if as_json:
        echo_json(result.as_json())
    else:
        click.echo(render_import(result), nl=False)
    if result.found_problems:
        sys.exit(FOUND)


def _progress_bar() -> Callable[[str, int, int], None] | None:
    """A bar on stderr, for long imports on a terminal: `writing [#####     ] 2,500/5,000`."""
    if not sys.stderr.isatty():
        return None

    def show(label: str, done: int, total: int) -> None:
        if total < BAR_FROM:
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + " " * (BAR_WIDTH - filled)
        click.echo(f"\r{label:<9} [{bar}] {done:,}/{total:,}", err=True, nl=False)
        if done >= total:
            click.echo("\r\x1b[K", err=True, nl=False)

    return show
