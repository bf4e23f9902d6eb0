"""The next steps the report suggests: `vault` commands, as arguments and as typed.

A step is the arguments of one command, without `vault` and without --vault, so
the report can add the --vault it was given and a test can run it as printed.
"""

from __future__ import annotations

import re

# The arguments of one `vault` command.
Step = tuple[str, ...]

# One look at an argument tells how it is written: as it is when the first group matches
# (command words, options, dates), in double quotes when the rest does (names, paths),
# else in single quotes (it holds something a shell expands inside double quotes).
_WRITTEN = re.compile(r'(?:(--?[a-z][a-z-]*|[a-z0-9][a-z0-9-]*)|[^"\\$`!]*)\Z')


def command_line(arguments: Step) -> str:
    """Arguments as a shell reads them back: names in double quotes, words as they are."""
    return " ".join([_quote(argument) for argument in arguments])


class Typed(dict[str, str]):
    """Each argument as `command_line` writes it (`typed[argument]`), worked out once.

    A report of thousands of items names each person in several steps: one of these,
    kept for the whole report, quotes every name once.
    """

    def __missing__(self, argument: str) -> str:
        typed = self[argument] = _quote(argument)
        return typed


def _quote(argument: str) -> str:
    written = _WRITTEN.match(argument)
    if written is None:
        return "'" + argument.replace("'", "'\\''") + "'"
    return argument if written.lastindex else f'"{argument}"'
