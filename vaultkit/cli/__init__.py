"""The `vault` command line: Click only. Each command is a module of a few lines that
parses its options, calls the core and prints; the group and its error handling are
in app.py, the options the commands share in options.py."""

from __future__ import annotations

from vaultkit.cli import (
    adopt,
    check,
    completion,
    done,
    draft,
    edit,
    export,
    import_,
    index,
    init,
    log,
    ls,
    mark,
    merge_file,
    new,
    plan,
    prepare,
    questions,
    report,
    show,
    stats,
    sync,
    watch,
)
from vaultkit.cli.app import cli, main

COMMANDS = (
    init.init,
    new.new,
    mark.mark,
    log.log,
    plan.plan,
    done.done,
    prepare.prepare,
    check.check,
    report.report,
    index.index,
    ls.ls,
    show.show,
    edit.edit,
    draft.draft,
    export.export,
    questions.questions,
    stats.stats,
    watch.watch,
    sync.sync,
    merge_file.merge_file,
    import_.import_,
    adopt.adopt,
    completion.completion,
)
for _command in COMMANDS:
    cli.add_command(_command)

__all__ = ["cli", "main"]
