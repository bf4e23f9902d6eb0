"""`vault sync`: commit the vault's changes, `git pull --rebase`, push, with the real git.

git does the work, with the user's own settings (hooks, credentials, signing);
this module decides what to run and explains where it stopped. Once a pull
ends in conflicts nothing more that changes the repository is run, so the
user finds it exactly as git left it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.core.config import CACHE_DIR, Config
from vaultkit.core.names import note_name
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.store.index import load_vault

SUBJECT_MAX = 72
_VERBS = {"A": "added", "M": "modified", "D": "deleted", "T": "modified", "R": "renamed"}
_SUBJECT_VERBS = {"added": "add", "modified": "update", "deleted": "delete", "renamed": "rename"}

Say = Callable[[str], None]


@dataclass
class SyncResult:
    """Where sync ended: `stopped` holds the explanation when it could not finish."""

    stopped: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return not self.stopped


@dataclass(frozen=True)
class FileChange:
    verb: str  # added, modified, deleted, renamed
    path: str  # vault-relative; the new path of a rename
    old_path: str | None = None

    @property
    def name(self) -> str:
        return _name(self.path)


def sync_vault(config: Config, *, say: Say) -> SyncResult:
    """Commit, pull --rebase, push; stop, explaining, at the first thing to fix by hand.

    Outside a git repository it refuses before reading the vault, so it leaves nothing behind.
    """
    git = Git(config.root)
    git.check_repository()
    vault = load_vault(config)
    stopped = _unfinished_operation(git) or _conflict_markers(vault)
    if stopped:
        return SyncResult(stopped)
    remote = _remote_branch(git)  # first: it refuses a detached HEAD before any commit
    _commit(git, vault, say)
    if remote is None:
        say("no git remote: the commit stays on this machine (add one with `git remote add`)")
        return SyncResult()
    conflicts = _pull(git, remote, say)
    if conflicts:
        return SyncResult(conflict_help(conflicts, git.operation(), pulled=True))
    _push(git, remote, say)
    return SyncResult()


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
            raise VaultError(f"git {args[0]} failed: {_said(done)}", FOUND)
        return done

    def check_repository(self) -> None:
        done = self.run("rev-parse", "--show-toplevel", check=False)
        if done.returncode != 0 and "not a git repository" not in done.stderr:
            raise VaultError(f"git cannot use {self.root}: {_said(done)}", USAGE)
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


def _unfinished_operation(git: Git) -> list[str]:
    operation = git.operation()
    conflicts = git.unmerged()
    if conflicts:
        return conflict_help(conflicts, operation, pulled=False)
    if operation:
        return [
            f"a git {operation} is in progress; finish it with `git {operation} --continue` "
            f"(or undo it with `git {operation} --abort`), then run vault sync again"
        ]
    return []


def _conflict_markers(vault: Vault) -> list[str]:
    marked = [p for p in vault.file_problems if p.is_merge_conflict]
    if not marked:
        return []
    return [
        f"not syncing: {plural(len(marked), 'note')} still "
        f"{'has' if len(marked) == 1 else 'have'} merge conflict markers:",
        *(f"  {p.render()}" for p in marked),
        "Open each, keep one side of each <<<<<<< ======= >>>>>>> block and delete the "
        "marker lines, then run vault sync again.",
    ]


def conflict_help(paths: list[str], operation: str | None, *, pulled: bool) -> list[str]:
    """What to tell the user when git stopped on conflicts in `paths`."""
    head = "git pull --rebase stopped on" if pulled else "the repository has"
    lines = [f"{head} conflicting changes in {plural(len(paths), 'file')}:"]
    lines += [f"  {path}" for path in paths]
    finish = {
        "rebase": "git rebase --continue (or `git rebase --abort` to go back to before the pull)",
        "merge": "git commit (or `git merge --abort` to go back to before the merge)",
        "cherry-pick": "git cherry-pick --continue (or `git cherry-pick --abort`)",
    }.get(operation or "", "git commit")
    if pulled:
        lines.append("Nothing was pushed; the repository is as git left it. To finish:")
    else:
        lines.append("To finish:")
    lines += [
        "  1. open each file above and keep one side of each <<<<<<< ======= >>>>>>> block,",
        "     deleting the marker lines (`vault check` shows where they are)",
        "  2. git add each file",
        f"  3. {finish}",
        "  4. vault sync",
    ]
    return lines


def _commit(git: Git, vault: Vault, say: Say) -> None:
    git.run("add", "--all", "--", ".", *_cache_excluded(git))
    changes = staged_changes(git)
    if not changes:
        say("nothing to commit")
        return
    subject, body = commit_message(changes)
    # `-- .` commits the vault's files only, leaving anything else staged as it was.
    done = git.run("commit", "--quiet", "-m", subject, "-m", body, "--", ".", check=False)
    if done.returncode != 0:
        raise VaultError(_commit_failed(done), FOUND)
    say(f"committed: {subject}")
    dashboard = vault.config.dashboard
    if dashboard and any(c.path == dashboard for c in changes):
        say(
            f"hint: add {dashboard} to .gitignore: every machine writes its own, "
            "and committing it makes conflicts"
        )


def _commit_failed(done: subprocess.CompletedProcess[str]) -> str:
    if "Please tell me who you are" in done.stderr:  # a machine where git was never set up
        return (
            "git does not know who you are, so it cannot commit; tell it once with "
            '`git config --global user.name "Your Name"` and '
            "`git config --global user.email you@example.com`, then run vault sync again"
        )
    return f"git commit failed: {_said(done)}"


def _cache_excluded(git: Git) -> tuple[str, ...]:
    """A pathspec keeping the cache out of commits when .gitignore does not already.

    Only then: git refuses an exclusion that names a path it ignores anyway.
    """
    ignored = git.run("check-ignore", "--quiet", f"{CACHE_DIR}/index.sqlite", check=False)
    return () if ignored.returncode == 0 else (f":(exclude){CACHE_DIR}",)


def staged_changes(git: Git) -> list[FileChange]:
    """The vault's staged changes, renames found, in path order."""
    out = git.run("diff", "--cached", "--name-status", "-z", "-M", "--relative", "--", ".").stdout
    fields = out.split("\0")
    changes = []
    at = 0
    while at < len(fields) and fields[at]:
        status = fields[at][0]
        if status in ("R", "C"):
            old, new = fields[at + 1], fields[at + 2]
            changes.append(FileChange("renamed" if status == "R" else "added", new, old))
            at += 3
        else:
            changes.append(FileChange(_VERBS.get(status, "modified"), fields[at + 1]))
            at += 2
    return sorted(changes, key=lambda c: c.path)


def commit_message(changes: list[FileChange]) -> tuple[str, str]:
    """A subject naming the notes (or counting them when long) and one body line per file."""
    by_verb: dict[str, list[str]] = {}
    for change in changes:
        by_verb.setdefault(change.verb, []).append(change.name)
    verbs = [v for v in ("added", "modified", "renamed", "deleted") if v in by_verb]
    subject = "vault sync: " + "; ".join(
        f"{_SUBJECT_VERBS[v]} {', '.join(by_verb[v])}" for v in verbs
    )
    if len(subject) > SUBJECT_MAX:
        subject = "vault sync: " + ", ".join(f"{len(by_verb[v])} {v}" for v in verbs)
    body = "\n".join(
        f"{c.verb} {c.old_path} -> {c.path}" if c.old_path else f"{c.verb} {c.path}"
        for c in changes
    )
    return subject, body


@dataclass(frozen=True)
class RemoteBranch:
    remote: str
    branch: str
    tracked: bool  # the local branch already has it as its upstream

    def __str__(self) -> str:
        return f"{self.remote}/{self.branch}"


def _remote_branch(git: Git) -> RemoteBranch | None:
    done = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if done.returncode != 0:
        raise VaultError(
            "git is not on a branch (detached HEAD); check one out with `git switch main`", USAGE
        )
    branch = done.stdout.strip()
    upstream = git.run(
        "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", check=False
    )
    if upstream.returncode == 0:
        remote = git.run("config", "--get", f"branch.{branch}.remote").stdout.strip()
        merge = git.run("config", "--get", f"branch.{branch}.merge").stdout.strip()
        return RemoteBranch(remote, merge.removeprefix("refs/heads/"), tracked=True)
    remotes = git.run("remote").stdout.split()
    if not remotes:
        return None
    if "origin" not in remotes and len(remotes) > 1:
        raise VaultError(
            f"branch {branch} has no upstream and there are several remotes; "
            f"push it once with `git push -u REMOTE {branch}`",
            USAGE,
        )
    remote = "origin" if "origin" in remotes else remotes[0]
    return RemoteBranch(remote, branch, tracked=False)


def _pull(git: Git, remote: RemoteBranch, say: Say) -> list[str]:
    """Pull with rebase; the files left in conflict, if any."""
    if not remote.tracked:
        exists = git.run(
            "ls-remote", "--exit-code", "--heads", remote.remote, remote.branch, check=False
        )
        if exists.returncode == 2:
            return []  # a new, empty remote: nothing to pull yet
        if exists.returncode != 0:
            raise VaultError(f"cannot reach {remote.remote}: {_said(exists)}", FOUND)
    before = git.head()
    args = () if remote.tracked else (remote.remote, remote.branch)
    done = git.run("pull", "--rebase", *args, check=False)
    if done.returncode != 0:
        conflicts = git.unmerged()
        if conflicts:
            return conflicts
        raise VaultError(f"git pull --rebase failed: {_said(done)}", FOUND)
    if git.head() == before:
        say(f"pulled: {remote} had nothing new")
    else:
        say(f"pulled: rebased onto {remote}")
    return []


def _push(git: Git, remote: RemoteBranch, say: Say) -> None:
    if remote.tracked:
        ahead = git.run("rev-list", "--count", "@{upstream}..HEAD").stdout.strip()
        if ahead == "0":
            say(f"pushed: nothing new for {remote}")
            return
        done = git.run("push", check=False)
    else:
        done = git.run("push", "--set-upstream", remote.remote, remote.branch, check=False)
    if done.returncode != 0:
        raise VaultError(f"git push failed: {_said(done)}; run vault sync again", FOUND)
    say(f"pushed: {remote}")


def _said(done: subprocess.CompletedProcess[str]) -> str:
    """git's own explanation, on one line."""
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith("hint:")]
    return " ".join(useful[:4]) or f"exit code {done.returncode}"


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def _name(path: str) -> str:
    """A note by its name (the file name without .md); other files by their path."""
    return note_name(path) if path.endswith(".md") else path
