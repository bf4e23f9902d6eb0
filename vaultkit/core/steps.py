"""The next steps the report suggests: `vault` commands, as arguments and as typed.

A step is the arguments of one command, without `vault` and without --vault, so
the report can add the --vault it was given and a test can run it as printed.
"""

from __future__ import annotations

import re

# The arguments of one `vault` command.
Step = tuple[str, ...]

# Arguments written as they are: command words, options, dates. Names and paths are quoted.
_BARE = re.compile(r"--?[a-z][a-z-]*|[a-z0-9][a-z0-9-]*")


def command_line(arguments: Step) -> str:
    """Arguments as a shell reads them back: names in double quotes, words as they are."""
    return " ".join(_quote(argument) for argument in arguments)


def _quote(argument: str) -> str:
    if _BARE.fullmatch(argument):
        return argument
    if not any(c in argument for c in '"\\$`!'):
        return f'"{argument}"'
    return "'" + argument.replace("'", "'\\''") + "'"
