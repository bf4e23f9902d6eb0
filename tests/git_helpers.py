"""Helpers for tests with real git repositories (tests/git/)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_LABEL = re.compile(r"^(<{7}|\|{7}|>{7}) .*$", re.M)


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run git in `cwd`; a failure (with check) fails the test with git's words."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}{done.stdout}")
    return done.stdout


def git_version() -> tuple[int, int]:
    found = re.search(r"(\d+)\.(\d+)", git(Path.cwd(), "--version"))
    assert found
    return int(found.group(1)), int(found.group(2))


def unlabelled(text: str) -> str:
    """Conflict markers without the names after them: git 2.44 and later pass its own
    (commit names, which change with every run), older git none."""
    return _LABEL.sub(r"\1 LABEL", text)
