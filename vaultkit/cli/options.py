"""What the commands share: the --vault, --json, --date and --today options, opening the
vault through its index, and the small ways of printing that every command uses."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # the core is imported inside commands, so `vault --help` stays fast
    from vaultkit.core.config import Config
    from vaultkit.core.vault import Vault
    from vaultkit.store.index import IndexStats

F = TypeVar("F", bound=Callable[..., Any])
When = tuple[dt.date, dt.time | None]


def vault_option(command: F) -> F:
    """Every command takes --vault PATH (VAULT_DIR in the environment works too).

    Given before the command (`vault --vault PATH report`), it counts for the command;
    the command's own --vault wins when both are given.
    """
    return click.option(
        "--vault",
        "vault_path",
        type=click.Path(file_okay=False, path_type=Path),
        callback=_or_the_groups,
        help="The vault folder (default: VAULT_DIR, else the nearest folder up with vault.toml).",
    )(command)


def _or_the_groups(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    return value if value is not None else group_vault(ctx)


def group_vault(ctx: click.Context) -> Path | None:
    """The --vault given to `vault` itself, before the command, if any."""
    root = ctx.find_root()
    found = root.params.get("vault_path") if root is not ctx else None
    return found if isinstance(found, Path) else None


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(command)


def echo_json(data: object) -> None:
    import json  # only for --json: it would add to the start of every command

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def warn(text: str) -> None:
    click.echo(text, err=True)


def find_config(vault_path: Path | None) -> Config:
    """The settings of the vault --vault names, else VAULT_DIR's, else the nearest one up."""
    from vaultkit.core.config import find_root, load_config

    return load_config(find_root(vault_path))


def open_vault(vault_path: Path | None, *, rebuild: bool = False) -> Vault:
    """The vault, read through its index after bringing the index up to date."""
    return open_vault_with_stats(vault_path, rebuild=rebuild)[0]


def open_vault_with_stats(
    vault_path: Path | None, *, rebuild: bool = False
) -> tuple[Vault, IndexStats]:
    from vaultkit.store.index import refresh

    return refresh(find_config(vault_path), rebuild=rebuild, progress=_progress_bar())


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


def parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> When | None:
    if value is None:
        return None
    from vaultkit.core.dates import DateError, parse_cli_date

    try:
        return parse_cli_date(value)
    except DateError as err:
        raise click.BadParameter(str(err)) from None


def now_moment() -> When:
    """Today and the time of day: what decides whether a conversation today has happened."""
    moment = dt.datetime.now()
    return moment.date(), moment.time()


def moment(given: When | None) -> When:
    """The day (and time, if any) a --today option gave, else now.

    A day given without a time means its end: every conversation that day is done.
    """
    return given if given is not None else now_moment()


date_option = functools.partial(
    click.option, "--date", "when", callback=parse_date_option, metavar="DATE"
)
today_option = functools.partial(
    click.option, "--today", "today", callback=parse_date_option, metavar="DATE"
)
