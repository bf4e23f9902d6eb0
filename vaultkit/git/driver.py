"""Putting the notes' merge driver in place: `.gitattributes` and this clone's git config.

Two halves, as git wants them. The vault's `.gitattributes` says which files use
the driver (`*.md merge=vault`); it is committed with the notes, so every clone
has it. Which program the driver runs is machine-specific, so it lives in the
clone's own config (`git config --local merge.vault.driver ...`, never global),
written by `vault init` and checked at every `vault sync`. A clone without the
config merges notes with git's own line merge, as before: nothing breaks.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from vaultkit.errors import USAGE, VaultError
from vaultkit.git.repository import Git
from vaultkit.store.atomic import write_atomic

DRIVER = "vault"
ATTRIBUTES = ".gitattributes"
ATTRIBUTE_LINE = f"*.md merge={DRIVER}"
DRIVER_NAME = "vaultkit: note properties merged key by key"
# Used when this Python is gone (a deleted virtualenv): git's own merge, as with no driver.
_GIT_FALLBACK = "git merge-file --marker-size=%L -L HEAD -L base -L incoming %A %O %B"


@dataclass(frozen=True)
class DriverSetup:
    """What making sure of the driver changed: `.gitattributes` and the clone's config."""

    attributes: str | None = None  # "created" or "changed", None when it already routed notes
    configured: bool = False  # the clone's config was written (new, or another program)

    @property
    def changed(self) -> bool:
        return self.attributes is not None or self.configured


def driver_command(python: str | None = None) -> str:
    """The shell command git runs for each note both sides changed.

    This Python by its full path (an editor's git plugin may not have `vault` on its
    PATH), with git's placeholders: %O %A %B the three versions, %P the note's path,
    %L the marker size, %X %Y %S the conflict labels (git 2.44 and later; older git
    passes them unexpanded and the driver uses its own).
    """
    python = shlex.quote(python or sys.executable or "python3")
    merge = (
        f"{python} -m vaultkit merge-file --marker-size %L "
        "--ours-label %X --base-label %S --theirs-label %Y %O %A %B %P"
    )
    return f"if [ -x {python} ]; then {merge}; else {_GIT_FALLBACK}; fi"


def in_work_tree(root: Path) -> bool:
    """Whether `root` is inside a git working tree (False, too, when git is missing)."""
    try:
        done = Git(root).run("rev-parse", "--is-inside-work-tree", check=False)
    except VaultError:
        return False
    return done.returncode == 0 and done.stdout.strip() == "true"


def install_driver(root: Path) -> DriverSetup:
    """Make sure notes in the vault at `root` (inside a git work tree) use the driver."""
    git = Git(root)
    configured = _configure(git)
    return DriverSetup(_route_notes(root), configured)


def describe(setup: DriverSetup) -> list[str]:
    """What was set up, one line each, for the command to print."""
    lines = []
    if setup.attributes == "created":
        lines.append(
            f"created {ATTRIBUTES}: notes merge with `vault merge-file` ({ATTRIBUTE_LINE})"
        )
    elif setup.attributes == "changed":
        lines.append(f"added {ATTRIBUTE_LINE} to {ATTRIBUTES}: notes merge with `vault merge-file`")
    if setup.configured:
        lines.append(
            f"set up vault merge-file as this clone's merge driver (merge.{DRIVER}.driver)"
        )
    return lines


def _configure(git: Git) -> bool:
    wanted = driver_command()
    key = f"merge.{DRIVER}.driver"
    current = git.run("config", "--local", "--get", key, check=False).stdout.rstrip("\n")
    if current == wanted:
        return False
    git.run("config", "--local", f"merge.{DRIVER}.name", DRIVER_NAME)
    git.run("config", "--local", key, wanted)
    return True


def _route_notes(root: Path) -> str | None:
    """Append the attribute line to the vault's .gitattributes unless notes already have
    a merge setting there (the user's own choice is kept)."""
    path = root / ATTRIBUTES
    if not path.exists():
        write_atomic(path, f"{ATTRIBUTE_LINE}\n".encode(), exclusive=True)
        return "created"
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise VaultError(
            f"{path}: cannot be read ({err.strerror}); add a line {ATTRIBUTE_LINE} yourself",
            USAGE,
        ) from None
    if any(_sets_merge_for_notes(line) for line in raw.decode("utf-8", "replace").splitlines()):
        return None
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    separator = b"" if not raw or raw.endswith(b"\n") else newline
    write_atomic(path, raw + separator + ATTRIBUTE_LINE.encode() + newline)
    return "changed"


def _sets_merge_for_notes(line: str) -> bool:
    fields = line.split()
    if len(fields) < 2 or fields[0] not in ("*.md", "**/*.md"):
        return False
    return any(f.lstrip("-!").split("=", 1)[0] in ("merge", "binary") for f in fields[1:])
