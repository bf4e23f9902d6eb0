"""Handing a file or a URL to the desktop's default program: the mail program, for drafts.

On Windows that is `os.startfile`, on macOS the `open` command, elsewhere
`xdg-open` (freedesktop.org's, which every Linux desktop provides). Each is looked
up on PATH when needed, so a machine without a desktop says so in one line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from vaultkit.errors import USAGE, VaultError

# Long enough for a handler to start the program, short enough never to hang a command.
WAIT_SECONDS = 15


def handler_command(platform: str | None = None) -> str:
    """The program that opens things with their default program on this platform."""
    platform = platform or sys.platform
    return "open" if platform == "darwin" else "xdg-open"


def open_with_default(target: str, *, platform: str | None = None) -> None:
    """Open `target` (a path or a URL) with the desktop's default program for it."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        _start_file(target)
        return
    command = handler_command(platform)
    program = shutil.which(command)
    if program is None:
        raise VaultError(
            f"nothing to open it with: `{command}` is not on PATH (no desktop here?); "
            "open it yourself",
            USAGE,
        )
    try:
        done = subprocess.run(
            [program, target],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=WAIT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return  # the program is running: handlers that wait for it are fine too
    except OSError as err:
        raise VaultError(f"{command} could not be run ({err.strerror})", USAGE) from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        why = f": {said[-1]}" if said else ""
        raise VaultError(
            f"{command} could not open it (exit {done.returncode}){why}; open it yourself",
            USAGE,
        )


def _start_file(target: str) -> None:
    start = getattr(os, "startfile", None)
    if start is None:
        raise VaultError("nothing to open it with on this system; open it yourself", USAGE)
    try:
        start(target)
    except OSError as err:
        raise VaultError(
            f"Windows could not open it ({err.strerror}); open it yourself", USAGE
        ) from None
