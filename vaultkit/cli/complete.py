"""Shell completion that knows the vault: NAME arguments and --interview complete from the
index as it stands, never refreshing it; on any trouble, nothing, and not a word.

Click runs these callbacks when the shell asks (`_VAULT_COMPLETE=bash_complete` and its
zsh and fish forms). Two of Click's shell classes are adjusted here, and registered
under the same names, so that every value arrives as one word:

- bash inserts a value exactly as it is given, so values are quoted for the word being
  completed: `Zoë\\ Kowalski` after nothing, `Zoë Kowalski` inside `"` or `'` quotes
  (bash closes the quote itself), and the script passes them on untouched;
- fish's script splits each line at every comma, which would cut `Doe, Jane`; ours
  splits at the first one only.

zsh quotes what it inserts itself, so Click's zsh class is used as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import (
    BashComplete,
    CompletionItem,
    FishComplete,
    add_completion_class,
)

if TYPE_CHECKING:
    from vaultkit.core.completion import KnownInterview, Suggestion

Items = list[CompletionItem[str]]


def complete_name(ctx: click.Context, param: click.Parameter, incomplete: str) -> Items:
    """The contacts' names (and aliases) that start like what was typed."""

    def answer(root: Path) -> list[Suggestion]:
        from vaultkit.core.completion import names_starting
        from vaultkit.store.cached import cached_contacts

        return names_starting(cached_contacts(root), incomplete)

    return _silently(ctx, answer)


def complete_interview_date(ctx: click.Context, param: click.Parameter, incomplete: str) -> Items:
    """`latest` and the dates of the interviews of the NAME already typed."""

    def answer(root: Path) -> list[Suggestion]:
        from vaultkit.core.completion import interview_dates

        return interview_dates(_interviews_of(root, _typed_name(ctx)), incomplete)

    return _silently(ctx, answer)


def complete_interview_file(ctx: click.Context, param: click.Parameter, incomplete: str) -> Items:
    """The paths of the interview notes of the NAME already typed."""

    def answer(root: Path) -> list[Suggestion]:
        from vaultkit.core.completion import interview_files

        return interview_files(_interviews_of(root, _typed_name(ctx)), incomplete)

    return _silently(ctx, answer)


def _typed_name(ctx: click.Context) -> object:
    """The NAME argument typed so far.

    While an option's value is being completed, Click leaves the arguments before it
    unparsed in ctx.args (`vault draft thank-you "Jane Doe" --interview <TAB>`): they
    are parsed again here, on their own.
    """
    name = ctx.params.get("name")
    if name is None and ctx.args:
        again = ctx.command.make_context(
            ctx.info_name, list(ctx.args), parent=ctx.parent, resilient_parsing=True
        )
        with again:
            name = again.params.get("name")
    return name


def _interviews_of(root: Path, name: object) -> list[KnownInterview]:
    from vaultkit.core.completion import interviews_of
    from vaultkit.store.cached import cached_contacts, cached_interviews

    if not isinstance(name, str):
        return []
    return interviews_of(name, cached_contacts(root), cached_interviews(root))


def _silently(ctx: click.Context, answer: Callable[[Path], list[Suggestion]]) -> Items:
    """The answer for the vault this command line names, or [] on any error at all."""
    try:
        from vaultkit.core.config import find_root

        given = ctx.params.get("vault_path")
        root = find_root(given if isinstance(given, Path) else None)
        return [CompletionItem(s.value, help=s.help) for s in answer(root)]
    except Exception:  # completion must never print a traceback into the prompt
        return []


# Characters bash reads as themselves outside quotes; every other one gets a backslash.
_BASH_PLAIN = re.compile(r"[^\w@%+=:,./-]")


def bash_quoted(value: str, quote: str) -> str:
    """`value` as bash must be given it to insert it as one word after `quote` (or none)."""
    if quote == "'":
        return value.replace("'", "'\\''")
    if quote == '"':
        return re.sub(r'([\\"$`])', r"\\\1", value)
    return _BASH_PLAIN.sub(lambda m: "\\" + m.group(0), value)


# Click's script reads each value with `read` (which drops backslashes) and adds it
# unquoted (which splits and globs it); ours keeps it as it was sent: already quoted.
_BASH_SOURCE = BashComplete.source_template.replace(
    "read type value", "read -r type value"
).replace("COMPREPLY+=($value)", 'COMPREPLY+=("$value")')


class QuotingBashComplete(BashComplete):
    """Click's bash completion, with each plain value quoted for the word being completed."""

    source_template = _BASH_SOURCE
    quote = ""

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        # The script joins COMP_WORDS with newlines (its IFS): the raw word keeps its quote.
        words = os.environ.get("COMP_WORDS", "").split("\n")
        index = int(os.environ.get("COMP_CWORD", "0"))
        raw = words[index] if 0 <= index < len(words) else ""
        self.quote = raw[:1] if raw[:1] in ("'", '"') else ""
        return args, incomplete

    def format_completion(self, item: CompletionItem[Any]) -> str:
        if item.type != "plain":
            return super().format_completion(item)
        return f"{item.type},{bash_quoted(str(item.value), self.quote)}"


_FISH_SOURCE = FishComplete.source_template.replace(
    'string split "," $completion', 'string split -m 1 "," $completion'
)


class OneCommaFishComplete(FishComplete):
    """Click's fish completion, its script splitting each line at the first comma only."""

    source_template = _FISH_SOURCE


add_completion_class(QuotingBashComplete, "bash")
add_completion_class(OneCommaFishComplete, "fish")
