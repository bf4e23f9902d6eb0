"""`vault merge-file BASE OURS THEIRS [PATH]`: git's merge driver for notes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

# What git < 2.44 passes for a placeholder it does not know: the placeholder itself.
_UNEXPANDED = {"%S", "%X", "%Y", ""}


@click.command(name="merge-file")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", required=False)
@click.option(
    "--marker-size",
    type=click.IntRange(1, 100),
    default=7,
    show_default=True,
    help="Length of the conflict markers (git passes %L).",
)
@click.option("--ours-label", metavar="TEXT", help="Name on the <<<<<<< marker (default HEAD).")
@click.option("--base-label", metavar="TEXT", help="Name on the ||||||| marker (default base).")
@click.option(
    "--theirs-label", metavar="TEXT", help="Name on the >>>>>>> marker (default incoming)."
)
def merge_file(
    base: Path,
    ours: Path,
    theirs: Path,
    path: str | None,
    marker_size: int,
    ours_label: str | None,
    base_label: str | None,
    theirs_label: str | None,
) -> None:
    """Merge OURS and THEIRS, two versions of a note changed from BASE, into OURS.

    git's merge driver for notes (`vault sync` and `vault init` set it up): the
    properties are merged key by key, so a key changed on one side, or the same
    way on both, never conflicts; only a key given two different values is marked,
    alone, with git's <<<<<<< ======= >>>>>>> lines. The body is merged by
    `git merge-file`. PATH is the note's path, used in messages. Exits 0 when the
    merge is clean, 1 when conflict markers were written. It reads no vault.

    Example: vault merge-file base.md ours.md theirs.md "contacts/Sam Lee.md"
    """
    from vaultkit.git.merge import Labels, merge_files

    default = Labels()
    labels = Labels(
        ours=_label(ours_label, default.ours),
        base=_label(base_label, default.base),
        theirs=_label(theirs_label, default.theirs),
    )
    merged = merge_files(base, ours, theirs, labels=labels, marker_size=marker_size)
    name = path or str(ours)
    if merged.conflicted_keys:
        keys = ", ".join(merged.conflicted_keys)
        click.echo(
            f"vault merge-file: {name}: the two sides gave different values to {keys}; "
            "keep one in the <<<<<<< block",
            err=True,
        )
    if merged.body_conflicts:
        click.echo(
            f"vault merge-file: {name}: git merge-file found conflicting lines; "
            "keep one side of each <<<<<<< block",
            err=True,
        )
    sys.exit(0 if merged.clean else 1)


def _label(given: str | None, default: str) -> str:
    return default if given is None or given in _UNEXPANDED else given
