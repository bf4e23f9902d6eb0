"""The `vault` command line: parse options, call the core, print the answer.

Each command is a few lines; the work lives in vaultkit.commands and the core.
Heavy modules are imported inside the commands so `vault --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from vaultkit import __version__
from vaultkit.errors import USAGE, VaultError
from vaultkit.model import DUE_KINDS


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


def echo_json(data: Any) -> None:
    import json  # only for --json: it would add to the start of every command

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def open_vault(vault_path: Path | None, *, rebuild: bool = False) -> Any:
    """The vault, read through its index after bringing the index up to date."""
    return open_vault_with_stats(vault_path, rebuild=rebuild)[0]


def open_vault_with_stats(vault_path: Path | None, *, rebuild: bool = False) -> Any:
    from vaultkit.config import find_root, load_config
    from vaultkit.index import refresh

    config = load_config(find_root(vault_path))
    return refresh(config, rebuild=rebuild, progress=_progress_bar())


def _progress_bar() -> Callable[[int, int], None] | None:
    """A one-line progress count on stderr, only on a terminal and for long runs."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 2000:
            return
        end = "\n" if done >= total else ""
        click.echo(f"\rindexing {done}/{total} notes", err=True, nl=False)
        if end:
            click.echo("\r\x1b[K", err=True, nl=False)

    return show


def use_colour() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


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
today_option = functools.partial(
    click.option, "--today", "today", callback=parse_date_option, metavar="DATE"
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
    """Create interviews/DATE NAME.md for the contact NAME, questions pre-filled.

    3 to 5 questions from questions.md, from different topics, that NAME has not
    been asked in another interview.

    Example: vault new interview "Jane Doe" --date "2026-11-25 14:00"
    """
    from vaultkit.commands.new import new_interview

    today = dt.date.today()
    day, time = when or (today, None)
    made = new_interview(open_vault(vault_path), name, day=day, time=time, today=today)
    for warning in made.warnings:
        click.echo(f"warning: {warning}", err=True)
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
        echo_json(result.as_json())
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
        problems = _plural(len(result.problems), "problem")
        files = _plural(result.files_with_problems, "file")
        click.echo(f"\n{problems} in {files} ({notes} read, {result.seconds:.1f}s)")
    else:
        click.echo(f"no problems ({notes}, {result.other_notes} other notes)")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@cli.command()
@today_option(help="Report as of this date (default: today), for reproducible output.")
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    metavar="N",
    help="How many days ahead 'coming up' looks (default 7, or vault.toml).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="K",
    type=click.Choice(DUE_KINDS),
    help="Only this kind of item; repeat for more.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 when anything is overdue (for cron and git hooks).",
)
@click.option(
    "--write-dashboard",
    is_flag=True,
    help="Also write the dashboard note set in vault.toml (whole report, vault.toml's window).",
)
@json_option
@vault_option
def report(
    today: tuple[dt.date, dt.time | None] | None,
    days: int | None,
    kinds: tuple[str, ...],
    check_only: bool,
    write_dashboard: bool,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """What is overdue, due today and coming up, with the file to open for each.

    Example: vault report --today 2026-11-22 --days 14
    """
    from vaultkit.report import build_report
    from vaultkit.report_text import render_report

    vault = open_vault(vault_path)
    if today:
        day, now = today  # a time, when given, counts for interviews later that day
    else:
        moment = dt.datetime.now()
        day, now = moment.date(), moment.time()
    window = vault.config.follow_up.upcoming_days if days is None else days
    result = build_report(vault, today=day, days=window, kinds=kinds or DUE_KINDS, now=now)
    if as_json:
        echo_json(result.as_json())
    else:
        colour = use_colour()
        option = f" --vault {shlex.quote(str(vault_path))}" if vault_path else ""
        text = render_report(result, vault.root, colour=colour, links=colour, vault_option=option)
        click.echo(text, nl=False)
    if write_dashboard:
        from vaultkit.dashboard import write_dashboard as write_note

        written = write_note(vault, day)
        note = vault.config.dashboard
        click.echo(f"wrote {note}" if written else f"{note} is up to date", err=True)
    if check_only and result.overdue:
        sys.exit(1)


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Throw the cache away and read every note again.")
@vault_option
def index_command(rebuild: bool, vault_path: Path | None) -> None:
    """Bring the cache up to date and say what the vault holds.

    The cache lives in .vaultkit/ and can be deleted at any time; every command
    refreshes it first, so this is only needed to see the counts or start over.

    Example: vault index --rebuild
    """
    vault, stats = open_vault_with_stats(vault_path, rebuild=rebuild)
    held = vault.counts
    click.echo(
        f"{held.contacts} contacts, {held.interviews} interviews, "
        f"{held.other_notes} other notes; {held.broken_files} broken "
        f"({held.problems} problems{', see vault check' if held.broken_files else ''})"
    )
    click.echo(
        f"{'rebuilt' if stats.rebuilt else 'updated'} in {stats.seconds:.2f}s: "
        f"{stats.added} added, {stats.modified} changed, {stats.removed} removed, "
        f"{stats.unchanged} unchanged"
    )


@cli.command("ls")
@click.argument("what", type=click.Choice(["contacts", "interviews"]))
@click.option("--status", help="Only this status (for interviews: planned, done, cancelled).")
@click.option("--tag", help="Only contacts with this tag (for interviews: their contact's).")
@click.option("--company", help="Only contacts whose company contains this.")
@json_option
@vault_option
def ls_command(
    what: str,
    status: str | None,
    tag: str | None,
    company: str | None,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """List contacts or interviews, filtered.

    Example: vault ls contacts --status met --tag product
    """
    from vaultkit.commands.lookup import list_contacts, list_interviews

    vault = open_vault(vault_path)
    if what == "contacts":
        rows = list_contacts(vault, status=status, tag=tag, company=company)
        columns = ("name", "company", "role", "status", "path")
    else:
        moment = dt.datetime.now()
        rows = list_interviews(
            vault,
            today=moment.date(),
            now=moment.time(),
            status=status,
            tag=tag,
            company=company,
        )
        columns = ("date", "contact", "status", "medium", "path")
    if as_json:
        echo_json(rows)
        return
    click.echo(_table(rows, columns), nl=False)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    if not rows:
        return "nothing found\n"
    cells = [[str(row[c] or "") for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"


@cli.command()
@click.argument("name")
@json_option
@vault_option
def show(name: str, as_json: bool, vault_path: Path | None) -> None:
    """A person: their details, interviews in order, open action items and referrals.

    Example: vault show "Jane Doe"
    """
    from vaultkit.commands.lookup import profile, render_profile

    moment = dt.datetime.now()
    found = profile(open_vault(vault_path), name, today=moment.date(), now=moment.time())
    if as_json:
        echo_json(found.as_json())
    else:
        click.echo(render_profile(found), nl=False)


@cli.command()
@click.argument("kind", type=click.Choice(["outreach", "nudge", "thank-you", "update", "advice"]))
@click.argument("name")
@click.option(
    "--interview",
    "interview_file",
    type=click.Path(dir_okay=False, path_type=Path),
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
    today: tuple[dt.date, dt.time | None] | None,
    vault_path: Path | None,
) -> None:
    """Draft a KIND message to NAME from its template: printed, or saved with --write.

    KIND is outreach, nudge, thank-you, update or advice. Anything the notes lack
    (an email, an insight) is named in a warning on stderr.

    Example: vault draft thank-you "Jane Doe" --write
    """
    if write and subject_only:
        raise click.UsageError("--write and --subject-only do not go together")
    from vaultkit.commands.draft import draft as make_draft

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
        click.echo(f"warning: {warning}", err=True)
    if done.path:
        click.echo(f"created {done.path}")
    elif subject_only:
        click.echo(done.draft.subject)
    else:
        click.echo(done.draft.text, nl=False)


@cli.command("questions")
@click.argument("name")
@click.option("--left", "show_left", is_flag=True, help="Also list what is left in the bank.")
@today_option(help="As of this date (default: today): it decides which interviews are done.")
@json_option
@vault_option
def questions_command(
    name: str,
    show_left: bool,
    today: tuple[dt.date, dt.time | None] | None,
    as_json: bool,
    vault_path: Path | None,
) -> None:
    """The questions already asked of NAME, interview by interview.

    With --left, also the questions in questions.md not asked of them yet.

    Example: vault questions "Jane Doe" --left
    """
    from vaultkit.commands.questions import questions_of, render_questions

    day = today[0] if today else dt.date.today()
    found = questions_of(open_vault(vault_path), name, today=day)
    if as_json:
        echo_json(found.as_json())
    else:
        click.echo(render_questions(found, show_left=show_left), nl=False)


@cli.command()
@click.option("--verbose", "-v", is_flag=True, help="Also print a line for each index refresh.")
@vault_option
def watch(verbose: bool, vault_path: Path | None) -> None:
    """Keep the index, and the dashboard note if set, current while files change.

    Prints a line for each note that changed meaning: added, removed, broken
    (with the problem), fixed or changed. Ctrl-C stops it.

    Example: vault watch --vault ~/Notes/network
    """
    from vaultkit.config import find_root, load_config
    from vaultkit.watch import watch_vault

    config = load_config(find_root(vault_path))
    watch_vault(config, say=click.echo, warn=_warn, verbose=verbose)


def _warn(text: str) -> None:
    click.echo(text, err=True)


@cli.command()
@vault_option
def sync(vault_path: Path | None) -> None:
    """Commit the vault's changes, pull with rebase and push, using git.

    Stops at conflicts, listing the files and what to do, and leaves the
    repository as git left it.

    Example: vault sync
    """
    from vaultkit.config import find_root, load_config
    from vaultkit.gitsync import sync_vault

    result = sync_vault(load_config(find_root(vault_path)), say=click.echo)
    for line in result.stopped:
        click.echo(line)
    sys.exit(0 if result.finished else 1)


def main() -> None:
    try:
        cli(prog_name="vault")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(USAGE)
