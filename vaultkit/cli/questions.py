"""`vault questions NAME`."""

from __future__ import annotations

from pathlib import Path

import click

from vaultkit.cli.complete import complete_name
from vaultkit.cli.options import (
    When,
    echo_json,
    json_option,
    moment,
    open_vault,
    today_option,
    vault_option,
)


@click.command()
@click.argument("name", shell_complete=complete_name)
@click.option("--left", "show_left", is_flag=True, help="Also list what is left in the bank.")
@today_option(help="As of this date (default: today): it decides which interviews are done.")
@json_option
@vault_option
def questions(
    name: str, show_left: bool, today: When | None, as_json: bool, vault_path: Path | None
) -> None:
    """The questions already asked of NAME, interview by interview.

    With --left, also the questions in questions.md not asked of them yet.

    Example: vault questions "Jane Doe" --left
    """
    from vaultkit.core.questions import questions_of
    from vaultkit.formats.text import render_questions
    from vaultkit.store.answers import rows_of

    day, now = moment(today)
    vault = open_vault(vault_path)
    found = questions_of(vault, name, today=day, now=now, indexed=rows_of(vault))
    if as_json:
        echo_json(found.as_json())
    else:
        click.echo(render_questions(found, show_left=show_left), nl=False)
