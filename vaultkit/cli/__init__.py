"""The `vault` command line: Click only. Each command is a module of a few lines that
parses its options, calls the core and prints; the group and its error handling are
in app.py, the options the commands share in options.py."""

from __future__ import annotations

from vaultkit.cli import (
    check,
    completion,
    draft,
    edit,
    index,
    init,
    ls,
    mark,
    new,
    questions,
    report,
    show,
    sync,
    watch,
)
from vaultkit.cli.app import cli, main

COMMANDS = (
    init.init,
    new.new,
    mark.mark,
    check.check,
    report.report,
    index.index,
    ls.ls,
    show.show,
    edit.edit,
    draft.draft,
    questions.questions,
    watch.watch,
    sync.sync,
    completion.completion,
)
for _command in COMMANDS:
    cli.add_command(_command)

__all__ = ["cli", "main"]
