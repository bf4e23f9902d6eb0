"""The `vault` command line: parse options, call the core, print the answer.

Each command is a few lines; the work lives in vaultkit.commands and the core.
Heavy modules are imported inside the commands so `vault --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
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


def vault_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Every command takes --vault PATH (VAULT_DIR in the environment works too)."""
    return click.option(
        "--vault",
        "vault_path",
        type=click.Path(file_okay=False, path_type=Path),
        help="The vault folder (default: VAULT_DIR, else the nearest folder up with vault.toml).",
    )(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(command)


def open_vault(vault_path: Path | None) -> Any:
    from vaultkit.config import find_root, load_config
    from vaultkit.vault import load_vault

    return load_vault(load_config(find_root(vault_path)))


def parse_date_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[dt.date, dt.time | None] | None:
    if value is None:
        return None
    from vaultkit.dates import DateError, parse_cli_date

    try:
        return parse_cli_date(value)
    except DateError as err:
        raise click.BadParameter(str(err)) from None


date_option = functools.partial(
    click.option, "--date", "when", callback=parse_date_option, metavar="DATE"
)


@click.group(cls=VaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vault")
def cli() -> None:
    """Informational interviews kept as Markdown notes.

    Contacts and interviews are Markdown files with YAML properties, in a folder
    with a vault.toml at its root. Run `vault init` to make one.
    """


@cli.command()
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


@cli.group()
def new() -> None:
    """Create a contact or interview note from its template."""


@new.command("contact")
@click.argument("name")
@click.option("--company")
@click.option("--role")
@click.option("--email")
@click.option("--linkedin")
@click.option("--location")
@click.option("--source", help="How you found them: alumni network, conference, ...")
@click.option("--referred-by", "referred_by", metavar="NAME", help="The contact who referred them.")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
@vault_option
def new_contact(name: str, vault_path: Path | None, **fields: Any) -> None:
    """Create contacts/NAME.md; an existing note is never overwritten.

    Example: vault new contact "Jane Doe" --company Acme --role "Product Manager"
    --referred-by "Sam Lee" --tag product
    """
    from vaultkit.commands.new import ContactFields, new_contact

    fields["tags"] = tuple(fields["tags"])
    made = new_contact(open_vault(vault_path), name, ContactFields(**fields), today=dt.date.today())
    for warning in made.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"created {made.path}")


@new.command("interview")
@click.argument("name")
@date_option(help="When it is (or was): YYYY-MM-DD or 'YYYY-MM-DD HH:MM'; default today.")
@vault_option
def new_interview(
    name: str, when: tuple[dt.date, dt.time | None] | None, vault_path: Path | None
) -> None:
    """Create interviews/DATE NAME.md for the contact NAME.

    Example: vault new interview "Jane Doe" --date "2026-11-25 14:00"
    """
    from vaultkit.commands.new import new_interview

    today = dt.date.today()
    day, time = when or (today, None)
    made = new_interview(open_vault(vault_path), name, day=day, time=time, today=today)
    click.echo(f"created {made.path}")


@cli.command()
@click.argument("name")
@click.argument("event", type=click.Choice(["outreach", "nudge", "reply", "thank-you"]))
@date_option(help="When it happened: YYYY-MM-DD, today or yesterday; default today.")
@click.option("--force", is_flag=True, help="Replace a date that is already there.")
@vault_option
def mark(
    name: str,
    event: str,
    when: tuple[dt.date, dt.time | None] | None,
    force: bool,
    vault_path: Path | None,
) -> None:
    """Record that EVENT happened with NAME: writes that one date, nothing else.

    outreach, nudge and reply go on the contact; thank-you goes on their latest
    done interview.

    Example: vault mark "Jane Doe" outreach --date 2026-11-20
    """
    from vaultkit.commands.mark import mark as mark_event

    day = when[0] if when else dt.date.today()
    done = mark_event(open_vault(vault_path), name, event, day=day, force=force)
    if done.changed:
        click.echo(f"{done.path}: {done.key}: {done.value}")
    else:
        click.echo(f"{done.path} already has {done.key}: {done.value}; nothing to do")


@cli.command()
@json_option
@vault_option
def check(as_json: bool, vault_path: Path | None) -> None:
    """List every problem in the vault as path:line: message; exit 1 if any.

    Example: vault check
    """
    from vaultkit.commands.check import check as check_vault

    result = check_vault(open_vault(vault_path))
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        _print_check(result)
    sys.exit(1 if result.problems else 0)


def _print_check(result: Any) -> None:
    previous = None
    for problem in result.problems:
        if previous is not None and problem.path != previous:
            click.echo("")
        click.echo(problem.render())
        previous = problem.path
    notes = f"{result.contacts} contacts, {result.interviews} interviews"
    if result.problems:
        click.echo(
            f"\n{len(result.problems)} problems in {result.files_with_problems} files "
            f"({notes} read, {result.seconds:.1f}s)"
        )
    else:
        click.echo(f"no problems ({notes}, {result.other_notes} other notes)")


def main() -> None:
    try:
        cli(prog_name="vault")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(USAGE)
