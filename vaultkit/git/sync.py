"""`vault sync`: commit the vault's changes, `git pull --rebase`, push, with the real git.

git does the work, with the user's own settings (hooks, credentials, signing);
this module decides what to run and explains where it stopped. Once a pull
ends in conflicts nothing more that changes the repository is run, so the
user finds it exactly as git left it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vaultkit.core.config import CACHE_DIR, Config
from vaultkit.core.model import Contact
from vaultkit.core.names import note_name
from vaultkit.core.note import read_note
from vaultkit.core.vault import Vault, match_interviews
from vaultkit.core.words import plural
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.git.driver import describe, install_driver
from vaultkit.git.repository import Git, said
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
    for line in describe(install_driver(config.root)):  # before the pull that may need it
        say(line)
    _commit(git, vault, say)
    if remote is None:
        say("no git remote: the commit stays on this machine (add one with `git remote add`)")
        return SyncResult()
    conflicts = _pull(git, remote, say)
    if conflicts:
        return SyncResult(conflict_help(conflicts, git.operation(), pulled=True))
    _push(git, remote, say)
    return SyncResult()


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
    staged_before = git.run("write-tree").stdout.strip()  # what the user had staged
    git.run("add", "--all", "--", ".", *_cache_excluded(git))
    changes = staged_changes(git)
    if not changes:
        say("nothing to commit")
        return
    subject, body = commit_message(changes, _names(git, vault, changes))
    # `-- .` commits the vault's files only, leaving anything else staged as it was.
    done = git.run("commit", "--quiet", "-m", subject, "-m", body, "--", ".", check=False)
    if done.returncode != 0:
        # Nothing stays staged that was not staged before: the index as the user left it.
        git.run("read-tree", staged_before)
        git.run("update-index", "-q", "--refresh", check=False)
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
    return f"git commit failed: {said(done)}"


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


def commit_message(
    changes: list[FileChange], names: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """A subject naming the notes (or counting them when long) and one body line per file.

    `names` gives a note's name by its path (a contact's `name`); other notes are
    named by their file name.
    """
    names = names or {}
    by_verb: dict[str, list[str]] = {}
    for change in changes:
        by_verb.setdefault(change.verb, []).append(names.get(change.path, change.name))
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
            raise VaultError(f"cannot reach {remote.remote}: {said(exists)}", FOUND)
    before = git.head()
    args = () if remote.tracked else (remote.remote, remote.branch)
    done = git.run("pull", "--rebase", *args, check=False)
    if done.returncode != 0:
        conflicts = git.unmerged()
        if conflicts:
            return conflicts
        raise VaultError(f"git pull --rebase failed: {said(done)}", FOUND)
    after = git.head()
    if after == before:
        say(f"pulled: {remote} had nothing new")
    elif before is None or _is_ancestor(git, before, after):
        say(f"pulled: fast-forwarded to {remote}")
    else:
        say(f"pulled: rebased onto {remote}")
    return []


def _is_ancestor(git: Git, older: str, newer: str | None) -> bool:
    """Whether `newer` holds `older` unchanged: a fast-forward, nothing of ours replayed."""
    if newer is None:
        return False
    return git.run("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


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
        raise VaultError(f"git push failed: {said(done)}; run vault sync again", FOUND)
    say(f"pushed: {remote}")


def _names(git: Git, vault: Vault, changes: list[FileChange]) -> dict[str, str]:
    """How the commit subject names each changed note: a contact by its `name`, an
    interview by its date and its contact's `name`, as its file name was made from them
    (a renamed note keeps its new file name)."""
    contacts = {c.path: c for c in vault.contacts}
    contact_of = match_interviews(vault.names(), vault.interviews)[1]
    names: dict[str, str] = {}
    for change in changes:
        if change.verb == "renamed":
            continue  # a rename is about the file: its new file name says what changed
        if change.path in contacts:
            names[change.path] = contacts[change.path].name
        elif change.path in contact_of:
            names[change.path] = _interview_name(change.path, contact_of[change.path])
        elif change.verb == "deleted" and change.path.endswith(".md"):
            name = _deleted_contact_name(git, change.path)
            if name:
                names[change.path] = name
    return names


def _interview_name(path: str, contact: Contact) -> str:
    stem, person = note_name(path), note_name(contact.path)
    if stem.endswith(" " + person):
        return stem[: -len(person)] + contact.name
    return stem


def _deleted_contact_name(git: Git, path: str) -> str | None:
    """The `name` a deleted contact had, read from the last commit."""
    done = git.run("cat-file", "blob", f"HEAD:./{path}", check=False)
    if done.returncode != 0:
        return None
    note = read_note(path, done.stdout.encode("utf-8")).note
    return note.name if isinstance(note, Contact) else None


def _name(path: str) -> str:
    """A note by its name (the file name without .md); other files by their path."""
    return note_name(path) if path.endswith(".md") else path
