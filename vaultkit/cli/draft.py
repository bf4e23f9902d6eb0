"""`vault draft KIND NAME`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.complete import complete_interview_file, complete_name
from vaultkit.cli.options import When, open_vault, today_option, vault_option, warn
from vaultkit.core.model import DRAFT_KINDS


@click.command()
@click.argument("kind", type=click.Choice(DRAFT_KINDS))
@click.argument("name", shell_complete=complete_name)
@click.option(
    "--interview",
    "interview_file",
    type=click.Path(dir_okay=False, path_type=Path),
    shell_complete=complete_interview_file,
    metavar="FILE",
    help="The interview note to draft from (default: their latest done one).",
)
@click.option(
    "--template",
    "template_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Render this template file instead of KIND's.",
)
@click.option("--write", is_flag=True, help="Save to drafts/DATE KIND NAME.md instead of printing.")
@click.option("--subject-only", is_flag=True, help="Print only the subject.")
@today_option(help="Draft as of this date (default: today), for reproducible output.")
@vault_option
def draft(
    kind: str,
    name: str,
    interview_file: Path | None,
    template_file: Path | None,
    write: bool,
    subject_only: bool,
    today: When | None,
    vault_path: Path | None,
) -> None:
    """Draft a KIND message to NAME from its template: printed, or saved with --write.

    KIND is outreach, nudge, thank-you, update or advice. Anything the notes lack
    (an email, an insight) is named in a warning on stderr.

    Example: vault draft thank-you "Jane Doe" --write
    """
    if write and subject_only:
        raise click.UsageError("--write and --subject-only do not go together")
    from vaultkit.formats.drafts import draft as make_draft

    done = make_draft(
        open_vault(vault_path),
        kind,
        name,
        today=today[0] if today else dt.date.today(),
        interview_file=interview_file,
        template_file=template_file,
        write=write,
    )
    for warning in done.draft.warnings:
        warn(f"warning: {warning}")
    if done.path:
        click.echo(f"created {done.path}")
    elif subject_only:
        click.echo(done.draft.subject)
    else:
        click.echo(done.draft.text, nl=False)
