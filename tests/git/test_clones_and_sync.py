"""Vaults in real git repositories: fresh clones, merge conflicts, and `vault sync`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import EXAMPLE_VAULT, run

from vaultkit.git.driver import install_driver
from vaultkit.git.sync import FileChange, commit_message

NO_CACHE = shutil.ignore_patterns(".vaultkit")  # a cache the working tree may hold
TODAY = "2026-11-22"
CONFLICT = "merge conflict: open and keep one side"

# Every test here runs git many times (clones, pulls, pushes): seconds in all.
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.slow,
]


@pytest.fixture(autouse=True)
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Who commits, and when, so commits work on a fresh machine and repeat exactly."""
    settings = {
        "GIT_AUTHOR_NAME": "Test User",
        "GIT_AUTHOR_EMAIL": "test.user@example.com",
        "GIT_COMMITTER_NAME": "Test User",
        "GIT_COMMITTER_EMAIL": "test.user@example.com",
        "GIT_AUTHOR_DATE": "2026-11-22T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-22T10:00:00+00:00",
        # Nobody's own git settings (pull.rebase, signing, hooks path, init.defaultBranch)
        # in these tests; HOME too, for a git older than GIT_CONFIG_GLOBAL (2.32).
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "no-global-gitconfig"),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "GIT_EDITOR": "true",
        "GIT_TERMINAL_PROMPT": "0",
    }
    for key, value in settings.items():
        monkeypatch.setenv(key, value)


def git(cwd: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


@dataclass
class Repos:
    remote: Path  # a bare repository, as on a server
    a: Path  # the first machine's clone
    b: Path  # the second machine's

    def clone(self, name: str) -> Path:
        """Another clone, set up as `vault init` sets one up (the merge driver configured)."""
        target = self.remote.parent / name
        git(self.remote.parent, "clone", "--quiet", str(self.remote), name)
        install_driver(target)
        return target


@pytest.fixture
def repos(tmp_path: Path) -> Repos:
    """The example vault pushed to a bare remote from one clone and cloned on another,
    both with the notes' merge driver set up, as `vault init` or a first sync leaves them."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    a = shutil.copytree(EXAMPLE_VAULT, tmp_path / "a", ignore=NO_CACHE)
    (a / ".gitignore").write_text(".vaultkit/\n", encoding="utf-8")
    git(a, "init", "--quiet", "-b", "main")
    install_driver(a)
    git(a, "add", "--all")
    git(a, "commit", "--quiet", "-m", "Start the vault")
    git(a, "remote", "add", "origin", str(remote))
    git(a, "push", "--quiet", "-u", "origin", "main")
    repos = Repos(remote, a, tmp_path / "b")
    repos.clone("b")
    return repos


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def conflict_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith("<<<<<<<"))


def answers(root: Path) -> dict[str, str]:
    """What a user reads from the vault: report (text and JSON), check, listings, a person."""
    commands = {
        "report": ("report", "--today", TODAY),
        "report json": ("report", "--today", TODAY, "--json"),
        "check": ("check", "--json"),
        "contacts": ("ls", "contacts", "--json"),
        "interviews": ("ls", "interviews", "--json"),
        "show": ("show", "Maya Chen", "--json"),
    }
    # The report's suggested commands repeat its --vault: the one part that names the clone.
    return {
        name: run(*args, "--vault", root).stdout.replace(f"--vault {root}", "--vault VAULT")
        for name, args in commands.items()
    }


# -- clones and conflicts -----------------------------------------------------------------


def test_fresh_clone_reports_what_the_original_does(repos: Repos):
    """A clone, its files all with other times, answers every command as the original."""
    for number, path in enumerate(sorted(repos.b.rglob("*.md"))):
        os.utime(path, ns=(10**9 * (number + 1), 10**18 - 10**9 * number))
    original = answers(repos.a)
    assert json.loads(original["report json"])["items"]
    assert answers(repos.b) == original


def test_nothing_the_tool_writes_shows_in_git(repos: Repos):
    """The index, a git-ignored dashboard and drafts printed to stdout leave no diff anywhere."""
    edit(repos.a / "vault.toml", "[me]", 'dashboard = "Follow-ups.md"\n\n[me]')
    (repos.a / ".gitignore").write_text(".vaultkit/\nFollow-ups.md\n", encoding="utf-8")
    git(repos.a, "commit", "--quiet", "--all", "-m", "Dashboard")
    git(repos.a, "push", "--quiet")
    git(repos.b, "pull", "--quiet")
    for root in (repos.a, repos.b):
        run("index", "--vault", root)
        run("report", "--vault", root, "--today", TODAY, "--write-dashboard")
        run("check", "--vault", root)
        run("show", "Maya Chen", "--vault", root)
        assert git(root, "status", "--porcelain", "--untracked-files=all") == ""
    assert (repos.a / "Follow-ups.md").read_bytes() == (repos.b / "Follow-ups.md").read_bytes()


@pytest.mark.parametrize("pull", ["--no-rebase", "--rebase"])
def test_conflicted_note_named_by_check_and_report(repos: Repos, pull: str):
    """After a conflicting pull, check and report name the note and its marker line; the
    rest of the vault is still read and reported."""
    note = "contacts/Maya Chen.md"
    edit(repos.a / note, "status: met", "status: paused")
    git(repos.a, "commit", "--quiet", "--all", "-m", "Pause Maya")
    git(repos.a, "push", "--quiet")
    edit(repos.b / note, "status: met", "status: declined")
    git(repos.b, "commit", "--quiet", "--all", "-m", "Maya declined")
    assert git(repos.b, "pull", "--quiet", pull, check=False) is not None
    line = conflict_line(repos.b / note)
    expected = f"{note}:{line}: {CONFLICT}"

    check = run("check", "--vault", repos.b)
    assert check.exit_code == 1
    assert expected in check.stdout.splitlines()
    report = run("report", "--vault", repos.b, "--today", TODAY)
    assert report.exit_code == 0
    assert expected in report.stdout.splitlines()
    assert report.stdout.rstrip("\n").endswith("run `vault check` for details.")
    people = {
        i["person"]
        for i in json.loads(run("report", "--vault", repos.b, "--today", TODAY, "--json").stdout)[
            "items"
        ]
    }
    assert {"Zoë Kowalski", "Daniel Okafor", "Sofia Rossi"} <= people


# -- vault sync -------------------------------------------------------------------------------


def test_sync_commits_pulls_and_pushes(repos: Repos):
    """Sync commits with a message naming each note, pushes, and the other clone pulls it."""
    b = repos.b
    (b / "contacts" / "Priya Natarajan.md").write_text(
        "---\ntype: contact\nname: Priya Natarajan\n---\n", encoding="utf-8"
    )
    edit(b / "contacts" / "Grace Liu.md", "status: met", "status: paused")
    (b / "contacts" / "Olivia Bennett.md").unlink()
    result = run("sync", "--vault", b)
    assert result.exit_code == 0, result.output
    subject = "vault sync: add Priya Natarajan; update Grace Liu; delete Olivia Bennett"
    assert result.stdout.splitlines() == [
        f"committed: {subject}",
        "pulled: origin/main had nothing new",
        "pushed: origin/main",
    ]
    assert git(repos.remote, "log", "-1", "--format=%B", "main") == (
        f"{subject}\n\n"
        "modified contacts/Grace Liu.md\n"
        "deleted contacts/Olivia Bennett.md\n"
        "added contacts/Priya Natarajan.md\n\n"
    )
    assert ".vaultkit" not in git(b, "ls-files")

    result = run("sync", "--vault", repos.a)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "nothing to commit",
        "pulled: fast-forwarded to origin/main",
        "pushed: nothing new for origin/main",
    ]
    assert (repos.a / "contacts" / "Priya Natarajan.md").is_file()


def test_sync_rebases_so_history_stays_a_line(repos: Repos):
    """Edits to different notes on two machines both land, with no merge commit."""
    edit(repos.a / "contacts" / "Grace Liu.md", "status: met", "status: paused")
    assert run("sync", "--vault", repos.a).exit_code == 0
    edit(repos.b / "contacts" / "Maya Chen.md", "status: met", "status: paused")
    result = run("sync", "--vault", repos.b)
    assert result.exit_code == 0, result.output
    assert "pulled: rebased onto origin/main" in result.stdout
    assert git(repos.remote, "rev-list", "--merges", "main") == ""
    assert git(repos.remote, "log", "--format=%s", "main").splitlines() == [
        "vault sync: update Maya Chen",
        "vault sync: update Grace Liu",
        "Start the vault",
    ]


def repository_state(root: Path) -> dict[str, object]:
    """Everything git keeps about where a repository stands, but file times in its index."""
    git_dir = root / ".git"
    operation = {
        str(path.relative_to(git_dir)): path.read_bytes()
        for folder in ("rebase-merge", "rebase-apply")
        for path in sorted((git_dir / folder).rglob("*"))
        if path.is_file()
    }
    heads = {
        name: (git_dir / name).read_bytes()
        for name in ("HEAD", "ORIG_HEAD", "REBASE_HEAD", "MERGE_HEAD", "AUTO_MERGE")
        if (git_dir / name).is_file()
    }
    files = {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not {".git", ".vaultkit"} & set(path.relative_to(root).parts)
    }
    return {
        "operation": operation,
        "heads": heads,
        "stages": git(root, "ls-files", "--stage"),
        "status": git(root, "status", "--porcelain=v1"),
        "stash": git(root, "stash", "list"),
        "refs": git(root, "for-each-ref", "--format=%(refname) %(objectname)"),
        "files": files,
    }


def test_sync_stops_on_conflicts_and_leaves_the_repository_as_git_left_it(repos: Repos):
    """A conflicting pull stops sync with the list and what to do; the repository is exactly
    as a plain commit and `git pull --rebase` leave it, and following the steps finishes."""
    twin = repos.clone("twin")  # the same machine, to do by hand what sync does
    note = "contacts/Maya Chen.md"
    edit(repos.a / note, "status: met", "status: paused")
    assert run("sync", "--vault", repos.a).exit_code == 0
    for root in (repos.b, twin):
        edit(root / note, "status: met", "status: declined")

    result = run("sync", "--vault", repos.b)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "committed: vault sync: update Maya Chen",
        "git pull --rebase stopped on conflicting changes in 1 file:",
        f"  {note}",
        "Nothing was pushed; the repository is as git left it. To finish:",
        "  1. open each file above and keep one side of each <<<<<<< ======= >>>>>>> block,",
        "     deleting the marker lines (`vault check` shows where they are)",
        "  2. git add each file",
        "  3. git rebase --continue (or `git rebase --abort` to go back to before the pull)",
        "  4. vault sync",
    ]
    git(twin, "add", "--all", "--", ".")
    subject, body = commit_message([FileChange("modified", note)])
    git(twin, "commit", "--quiet", "-m", subject, "-m", body, "--", ".")
    git(twin, "pull", "--rebase", check=False)
    assert repository_state(repos.b) == repository_state(twin)

    again = run("sync", "--vault", repos.b)
    assert again.exit_code == 1
    assert again.stdout.splitlines()[:2] == [
        "the repository has conflicting changes in 1 file:",
        f"  {note}",
    ]
    assert repository_state(repos.b) == repository_state(twin)

    kept = (repos.b / note).read_text(encoding="utf-8")
    kept = (
        kept.split("<<<<<<<")[0] + "status: declined\n" + kept.split(">>>>>>>")[1].split("\n", 1)[1]
    )
    (repos.b / note).write_text(kept, encoding="utf-8")
    git(repos.b, "add", note)
    git(repos.b, "rebase", "--continue")
    done = run("sync", "--vault", repos.b)
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[-1] == "pushed: origin/main"
    assert "status: declined" in git(repos.remote, "show", f"main:{note}")


def test_sync_will_not_commit_conflict_markers(repos: Repos):
    """A note still holding conflict markers stops sync before anything is committed."""
    note = repos.b / "contacts" / "Maya Chen.md"
    edit(note, "status: met", "<<<<<<< HEAD\nstatus: met\n=======\nstatus: paused\n>>>>>>> x")
    head = git(repos.b, "rev-parse", "HEAD")
    result = run("sync", "--vault", repos.b)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "not syncing: 1 note still has merge conflict markers:",
        f"  contacts/Maya Chen.md:{conflict_line(note)}: {CONFLICT}",
    ]
    assert git(repos.b, "rev-parse", "HEAD") == head
    assert git(repos.b, "status", "--porcelain") == ' M "contacts/Maya Chen.md"\n'


def test_sync_stops_while_a_merge_is_unfinished(repos: Repos):
    """After a plain `git pull` that stopped on a conflict, sync names the file and how to
    finish a merge, and changes nothing."""
    note = "contacts/Maya Chen.md"
    edit(repos.a / note, "status: met", "status: paused")
    assert run("sync", "--vault", repos.a).exit_code == 0
    edit(repos.b / note, "status: met", "status: declined")
    git(repos.b, "commit", "--quiet", "--all", "-m", "Maya declined")
    git(repos.b, "pull", "--no-rebase", check=False)
    before = repository_state(repos.b)
    result = run("sync", "--vault", repos.b)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "the repository has conflicting changes in 1 file:",
        f"  {note}",
        "To finish:",
    ]
    assert "  3. git commit (or `git merge --abort` to go back to before the merge)" in lines
    assert repository_state(repos.b) == before


def test_sync_says_how_to_tell_git_who_you_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """On a machine where git has no name and email, sync says how to give them, in one
    line, and commits nothing; once given, it commits."""
    for name in ("AUTHOR_NAME", "AUTHOR_EMAIL", "COMMITTER_NAME", "COMMITTER_EMAIL"):
        monkeypatch.delenv(f"GIT_{name}")
    monkeypatch.delenv("EMAIL", raising=False)
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "v", ignore=NO_CACHE)
    git(root, "init", "--quiet", "-b", "main")
    git(root, "config", "user.useConfigOnly", "true")  # no name guessed from the machine
    result = run("sync", "--vault", root)
    assert result.exit_code == 1
    assert result.stderr == (
        "vault: git does not know who you are, so it cannot commit; tell it once with "
        '`git config --global user.name "Your Name"` and '
        "`git config --global user.email you@example.com`, then run vault sync again\n"
    )
    assert git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False) == ""
    git(root, "config", "user.name", "Alex Rivera")
    git(root, "config", "user.email", "alex@example.com")
    assert run("sync", "--vault", root).exit_code == 0
    assert git(root, "log", "--format=%an <%ae>") == "Alex Rivera <alex@example.com>\n"


def test_sync_refuses_outside_a_git_repository(tmp_path: Path):
    """Outside git: one line saying so and what to do, exit 2, nothing changed."""
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "v", ignore=NO_CACHE)
    result = run("sync", "--vault", root)
    assert result.exit_code == 2
    assert result.stderr == (
        f"vault: {root} is not in a git repository; run `git init` there first "
        "(see docs/obsidian-and-git.md)\n"
    )
    assert not (root / ".git").exists()
    assert not (root / ".vaultkit").exists(), "refused before reading the vault"


def test_sync_without_a_remote_commits_locally(tmp_path: Path):
    """With no remote, sync commits (never the cache, even with no .gitignore, and renames
    named as such) and says the commit stays here."""
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "v", ignore=NO_CACHE)
    (root / ".gitignore").unlink()
    git(root, "init", "--quiet", "-b", "main")
    result = run("sync", "--vault", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("no git remote: the commit stays")
    # 20 contacts, 23 interviews, 3 notes of the user's own, questions.md, vault.toml and
    # the .gitattributes line that routes notes to the merge driver
    assert git(root, "log", "--format=%s").splitlines() == ["vault sync: 49 added"]
    assert (root / ".vaultkit").is_dir()
    assert ".vaultkit" not in git(root, "ls-files")
    os.rename(root / "contacts" / "Grace Liu.md", root / "contacts" / "Grace Liu-Park.md")
    result = run("sync", "--vault", root)
    assert result.stdout.splitlines()[0] == "committed: vault sync: rename Grace Liu-Park"
    assert git(root, "log", "-1", "--format=%b") == (
        "renamed contacts/Grace Liu.md -> contacts/Grace Liu-Park.md\n\n"
    )
    again = run("sync", "--vault", root)
    assert again.stdout.splitlines()[0] == "nothing to commit"


def test_sync_pushes_to_a_new_empty_remote(repos: Repos, tmp_path: Path):
    """A remote with no branches yet: sync pushes and sets it as the branch's upstream."""
    empty = tmp_path / "empty.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(empty))
    git(repos.a, "remote", "remove", "origin")
    git(repos.a, "remote", "add", "origin", str(empty))
    result = run("sync", "--vault", repos.a)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["nothing to commit", "pushed: origin/main"]
    assert git(repos.a, "rev-parse", "--abbrev-ref", "@{upstream}").strip() == "origin/main"
    assert git(empty, "rev-parse", "main") == git(repos.a, "rev-parse", "HEAD")


def test_sync_commits_only_the_vault_of_a_larger_repository(tmp_path: Path):
    """A vault in a subfolder: its changes (and its own .gitattributes) are committed, the
    rest of the repository is not."""
    repo = tmp_path / "repo"
    root = shutil.copytree(EXAMPLE_VAULT, repo / "network", ignore=NO_CACHE)
    (repo / "todo.txt").write_text("one\n", encoding="utf-8")
    git(repo, "init", "--quiet", "-b", "main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Start")
    (repo / "todo.txt").write_text("two\n", encoding="utf-8")
    edit(root / "contacts" / "Maya Chen.md", "status: met", "status: paused")
    result = run("sync", "--vault", root)
    assert result.exit_code == 0, result.output
    assert git(repo, "show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        "vault sync: add .gitattributes; update Maya Chen",
        "",
        "network/.gitattributes",
        "network/contacts/Maya Chen.md",
    ]
    assert git(repo, "status", "--porcelain") == " M todo.txt\n"


def test_sync_refuses_a_detached_head_before_committing(repos: Repos):
    """With no branch checked out, sync says so and commits nothing."""
    git(repos.b, "checkout", "--quiet", "--detach")
    edit(repos.b / "contacts" / "Maya Chen.md", "status: met", "status: paused")
    head = git(repos.b, "rev-parse", "HEAD")
    result = run("sync", "--vault", repos.b)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: git is not on a branch (detached HEAD)")
    assert git(repos.b, "rev-parse", "HEAD") == head
