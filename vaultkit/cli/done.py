"""`vault done FILE:LINE`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.options import open_vault, vault_option


@click.command("done")
@click.argument("where", metavar="FILE:LINE")
@vault_option
def done(where: str, vault_path: Path | None) -> None:
    """Tick the task on line LINE of FILE: `- [ ]` (or `- [/]`) becomes `- [x]`.

    FILE:LINE is where the report, `vault show` and `vault check` put the task;
    only that one box changes.

    Example: vault done "interviews/2026-11-05 Sofia Rossi.md:29"
    """
    from vaultkit.commands.done import done as tick

    ticked = tick(open_vault(vault_path), where)
    if ticked.written is None:
        click.echo(f"{ticked.already}; nothing to do")
    else:
        click.echo(f"{ticked.written.path}: {ticked.written.line}")
