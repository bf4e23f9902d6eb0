"""`vault draft KIND NAME`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from vaultkit.cli.complete import complete_interview_file, complete_name
from vaultkit.cli.options import When, moment, open_vault, today_option, vault_option, warn
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
@click.option(
    "--eml", is_flag=True, help="Write drafts/DATE KIND NAME.eml, a message to open and send."
)
@click.option("--mailto", is_flag=True, help="Print a mailto: URL of the message.")
@click.option(
    "--open",
    "open_it",
    is_flag=True,
    help="Open the --eml file or the --mailto URL with the desktop's mail program.",
)
@click.option("--force", is_flag=True, help="Draft even when KIND does not fit the moment.")
@click.option("--subject-only", is_flag=True, help="Print only the subject.")
@today_option(help="Draft as of this date (default: today), for reproducible output.")
@vault_option
def draft(
    kind: str,
    name: str,
    interview_file: Path | None,
    template_file: Path | None,
    write: bool,
    eml: bool,
    mailto: bool,
    open_it: bool,
    force: bool,
    subject_only: bool,
    today: When | None,
    vault_path: Path | None,
) -> None:
    """Draft a KIND message to NAME from its template: printed, saved, or as a mail message.

    KIND is outreach, nudge, thank-you, update or advice. Each fits one moment
    (outreach before any reply, one nudge, a thank-you after a conversation, update
    and advice once you have met); at another moment the draft is refused, saying
    what fits, unless --force. Anything the notes lack (an email, an insight) is
    named in a warning on stderr.

    Example: vault draft thank-you "Jane Doe" --eml --open
    """
    _check_flags(write=write, eml=eml, mailto=mailto, open_it=open_it, subject_only=subject_only)
    from vaultkit.formats.drafts import draft as make_draft

    day, now = moment(today)
    done = make_draft(
        open_vault(vault_path),
        kind,
        name,
        today=day,
        now=now,
        interview_file=interview_file,
        template_file=template_file,
        write=write,
        eml=eml,
        mailto=mailto,
        force=force,
        dated=_date_header(today),
    )
    for warning in done.draft.warnings:
        warn(f"warning: {warning}")
    for path in (done.path, done.eml):
        if path:
            click.echo(f"created {path}")
    if done.mailto:
        click.echo(done.mailto)
    if subject_only:
        click.echo(done.draft.subject)
    elif not (write or eml or mailto):
        click.echo(done.draft.text, nl=False)
    if open_it:
        from vaultkit.formats.opener import open_with_default

        open_with_default(str(done.eml) if done.eml else done.mailto or "")


def _check_flags(
    *, write: bool, eml: bool, mailto: bool, open_it: bool, subject_only: bool
) -> None:
    if subject_only and (write or eml or mailto or open_it):
        raise click.UsageError("--subject-only goes with none of --write, --eml, --mailto, --open")
    if open_it and eml == mailto:
        raise click.UsageError("--open opens one thing: give it --eml or --mailto, not both")


def _date_header(today: When | None) -> dt.datetime | None:
    """The .eml Date: for --today: that day, at its time or noon, in UTC; else the clock."""
    if today is None:
        return None
    return dt.datetime.combine(today[0], today[1] or dt.time(12), tzinfo=dt.UTC)
