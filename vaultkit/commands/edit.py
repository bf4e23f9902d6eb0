"""`vault edit`: which note to open, the command that opens it, and running that command.

The editor is $VISUAL, else $EDITOR (an empty one counts as unset), split as a shell
splits words so `code --wait` works; without either, the platform's opener. With
--obsidian the note opens in Obsidian through an `obsidian://open` URI, handed to
the platform's opener.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlencode

from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import fold, note_name
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, USAGE, VaultError

Which = dt.date | Literal["latest"] | None  # the --interview asked for: none, a day, the latest
EDITOR_VARIABLES = ("VISUAL", "EDITOR")
ADVICE = 'set VISUAL or EDITOR to your editor (for example: export EDITOR="code --wait")'


@dataclass(frozen=True)
class Launch:
    """A command line that opens a note, and where the program came from, for messages."""

    argv: list[str]
    source: str  # "$VISUAL", "$EDITOR" or "the system's opener"


@dataclass(frozen=True)
class Target:
    """The note to open, and a line to print first when it is one vault cannot read."""

    path: str  # relative to the vault's root
    warning: str | None = None


def note_to_edit(vault: Vault, name: str, which: Which, *, at: dt.time | None = None) -> Target:
    """NAME's note, or the interview of theirs that `which` names.

    NAME is found as `vault show` finds it (a miss suggests names, exit 1), except
    that a note vault cannot read, named NAME, is opened: editing is how it gets
    fixed. `which` is a day (with `at`, a time that tells apart two interviews that
    day) or "latest": the one with the latest date, else the last undated one.
    """
    names = vault.names()
    if which is None and not names.get(name):
        broken = _broken_note(vault, name)
        if broken is not None:
            return broken
    contact = names.resolve(name, vault.broken_files)
    if which is None:
        return Target(contact.path)
    interviews = vault.interviews_of(contact)
    if not interviews:
        raise VaultError(
            f"{contact.name} has no interview notes; make one with "
            f'`vault new interview "{contact.name}" --date DATE`',
            FOUND,
        )
    if which == "latest":
        dated = [i for i in interviews if i.date is not None]
        return Target((dated or interviews)[-1].path)
    return Target(_on_day(contact, interviews, which, at).path)


def _broken_note(vault: Vault, name: str) -> Target | None:
    """The unreadable note whose file name is NAME, with its first problem, if there is one."""
    for parsed in vault.files:
        if parsed.note is None and parsed.problems and fold(note_name(parsed.path)) == fold(name):
            problem = min(parsed.problems, key=lambda p: (p.line or 0, p.message))
            return Target(parsed.path, f"{problem.render()}; opening it so you can fix it")
    return None


def _on_day(
    contact: Contact, interviews: list[Interview], day: dt.date, at: dt.time | None
) -> Interview:
    found = [i for i in interviews if i.date == day]
    if at is not None and len(found) > 1:
        found = [i for i in found if i.time == at] or found
    if len(found) == 1:
        return found[0]
    if not found:
        days = ", ".join(dict.fromkeys(i.date.isoformat() for i in interviews if i.date))
        theirs = f"their interviews are on {days}" if days else "none of theirs has a date"
        raise VaultError(f"{contact.name} has no interview on {day.isoformat()}; {theirs}", FOUND)
    paths = ", ".join(i.path for i in found)
    raise VaultError(
        f"{contact.name} has {len(found)} interviews on {day.isoformat()} ({paths}); "
        f'add the time: --interview "{day.isoformat()} HH:MM"',
        FOUND,
    )


def editor(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Launch:
    """$VISUAL, else $EDITOR, split into words as a shell would; else the system's opener."""
    for variable in EDITOR_VARIABLES:
        value = environ.get(variable, "")
        if not value.strip():
            continue
        try:
            words = _split(value, platform)
        except ValueError as err:
            raise VaultError(
                f"${variable} ({value!r}) cannot be split into words ({err}); fix its quotes",
                USAGE,
            ) from None
        if words and words[0]:
            return Launch(words, f"${variable}")
    found = opener(platform)
    if found is None:
        raise VaultError(f"no editor to open the note with: {ADVICE}, or install xdg-open", USAGE)
    return found


def _split(command: str, platform: str) -> list[str]:
    """Words as the platform's shell reads them: POSIX quoting, or Windows' own, where
    backslashes are path separators and double quotes only group."""
    if platform != "win32":
        return shlex.split(command)
    words = shlex.split(command, posix=False)
    return [w[1:-1] if len(w) > 1 and w[0] == w[-1] == '"' else w for w in words]


def opener(platform: str = sys.platform) -> Launch | None:
    """The command that opens a file or URI with the program the desktop chose for it."""
    if platform == "darwin":
        return Launch(["open"], "the system's opener")
    if platform == "win32":
        return Launch(["rundll32", "url.dll,FileProtocolHandler"], "the system's opener")
    if shutil.which("xdg-open"):
        return Launch(["xdg-open"], "the system's opener")
    return None


def uri_opener(platform: str = sys.platform) -> Launch:
    """The system's opener, for an obsidian:// URI; an error when there is none."""
    found = opener(platform)
    if found is None:
        raise VaultError(
            "no xdg-open to hand the obsidian:// link to Obsidian; install xdg-utils", USAGE
        )
    return found


def obsidian_uri(root: Path, path: str) -> str:
    """`obsidian://open?vault=NAME&file=PATH` for a note of the vault at `root`.

    The Obsidian vault is the nearest folder at or above `root` that holds
    `.obsidian/`, else `root` itself: its folder name is the vault's name in Obsidian,
    and the file is its path from there, without `.md`. Both are percent-encoded,
    `/` and spaces included, as Obsidian asks.
    """
    home = _obsidian_home(root)
    inside = (root / path).relative_to(home).as_posix()
    return "obsidian://open?" + urlencode(
        {"vault": home.name, "file": inside.removesuffix(".md")}, quote_via=quote
    )


def _obsidian_home(root: Path) -> Path:
    for folder in (root, *root.parents):
        if (folder / ".obsidian").is_dir():
            return folder
    return root


def launch(command: Launch, target: str) -> int:
    """Run the command on `target` and wait; its exit code (128 + N when killed by signal N)."""
    try:
        done = subprocess.run([*command.argv, target], check=False)
    except FileNotFoundError:
        why = "no such program"
    except OSError as err:
        why = err.strerror or str(err)
    else:
        return 128 - done.returncode if done.returncode < 0 else done.returncode
    raise VaultError(
        f"cannot run {command.argv[0]!r} (from {command.source}): {why}; {ADVICE}", USAGE
    )
