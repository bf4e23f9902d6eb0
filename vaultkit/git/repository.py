"""Running git in a vault's folder, its failures turned into VaultErrors."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from vaultkit.errors import FOUND, USAGE, VaultError


class Git:
    """Runs git in the vault folder and turns its failures into VaultErrors."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        # Optional locks off: reading must never rewrite the index behind git's back.
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.root,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise VaultError("git is not installed (or not on PATH); install it first") from None
        if check and done.returncode != 0:
            raise VaultError(f"git {args[0]} failed: {said(done)}", FOUND)
        return done

    def check_repository(self) -> None:
        done = self.run("rev-parse", "--show-toplevel", check=False)
        if done.returncode != 0 and "not a git repository" not in done.stderr:
            raise VaultError(f"git cannot use {self.root}: {said(done)}", USAGE)
        if done.returncode != 0:
            raise VaultError(
                f"{self.root} is not in a git repository; run `git init` there first "
                "(see docs/obsidian-and-git.md)",
                USAGE,
            )

    def operation(self) -> str | None:
        """The operation git left unfinished: rebase, merge or cherry-pick, if any."""
        for name, operation in (
            ("rebase-merge", "rebase"),
            ("rebase-apply", "rebase"),
            ("MERGE_HEAD", "merge"),
            ("CHERRY_PICK_HEAD", "cherry-pick"),
        ):
            path = self.run("rev-parse", "--git-path", name).stdout.strip()
            if (self.root / path).exists():
                return operation
        return None

    def unmerged(self) -> list[str]:
        """Files with unresolved conflicts, relative to the vault folder."""
        out = self.run("ls-files", "--unmerged", "-z", "--full-name", ":/").stdout
        top = Path(self.run("rev-parse", "--show-toplevel").stdout.strip())
        names = {entry.split("\t", 1)[1] for entry in out.split("\0") if "\t" in entry}
        return sorted(_relative(top / name, self.root) for name in names)

    def head(self) -> str | None:
        done = self.run("rev-parse", "--verify", "--quiet", "HEAD", check=False)
        return done.stdout.strip() or None


def said(done: subprocess.CompletedProcess[str]) -> str:
    """git's own explanation, on one line."""
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith("hint:")]
    return " ".join(useful[:4]) or f"exit code {done.returncode}"


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()
