"""Putting the driver in place (vault init, vault sync) and running it as git does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from git_helpers import git
from helpers import run

from vaultkit.git.driver import ATTRIBUTE_LINE, driver_command

TOML = '[me]\nname = "Test User"\nemail = "test.user@example.com"\n'
BASE = "---\ntype: contact\nname: Sam Lee\nnudge_sent:\nreplied:\n---\n# Sam Lee\n"
NUDGED = BASE.replace("nudge_sent:", "nudge_sent: 2026-11-08")
REPLIED = BASE.replace("replied:", "replied: 2026-11-09")
BOTH = NUDGED.replace("replied:", "replied: 2026-11-09")
NOTE = "contacts/Sam Lee.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def local_config(root: Path) -> dict[str, str]:
    out = git(root, "config", "--local", "--get-regexp", r"^merge\.", check=False)
    return dict(line.split(" ", 1) for line in out.splitlines())


def test_init_in_a_repository_sets_up_the_driver_once(tmp_path: Path, git_env: Path):
    """vault init in a git repository appends the attribute line and configures this clone
    only; a second run changes nothing and says so."""
    root = tmp_path / "v"
    root.mkdir()
    git(root, "init", "--quiet", "-b", "main")
    result = run("init", root)
    assert result.exit_code == 0, result.output
    assert (
        "created .gitattributes: notes merge with `vault merge-file` (*.md merge=vault)"
        in result.stdout.splitlines()
    )
    assert (root / ".gitattributes").read_bytes() == f"{ATTRIBUTE_LINE}\n".encode()
    assert local_config(root) == {
        "merge.vault.name": "vaultkit: note properties merged key by key",
        "merge.vault.driver": driver_command(),
    }
    assert not git_env.exists(), "nothing written to the global git config"
    again = run("init", root)
    assert again.stdout == f"{root.resolve()} is already a vault; nothing to do\n"
    assert (root / ".gitattributes").read_bytes() == f"{ATTRIBUTE_LINE}\n".encode()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"*.png binary", b"*.png binary\n*.md merge=vault\n"),
        (b"*.pdf -diff\r\n", b"*.pdf -diff\r\n*.md merge=vault\r\n"),
        (b"*.md merge=union\n", b"*.md merge=union\n"),
        (b"*.md merge=vault\n", b"*.md merge=vault\n"),
    ],
    ids=["no final newline", "crlf", "the user's own merge", "already there"],
)
def test_init_keeps_the_users_gitattributes(tmp_path: Path, before: bytes, after: bytes):
    """An existing .gitattributes gains the line once, in its own line endings, and a merge
    setting of the user's own for notes is left as it is."""
    root = tmp_path / "v"
    root.mkdir()
    git(root, "init", "--quiet", "-b", "main")
    (root / ".gitattributes").write_bytes(before)
    assert run("init", root).exit_code == 0
    assert (root / ".gitattributes").read_bytes() == after


def test_init_outside_git_adds_no_git_files(tmp_path: Path):
    """Outside a repository there is nothing to route: no .gitattributes."""
    root = tmp_path / "v"
    assert run("init", root).exit_code == 0
    assert not (root / ".gitattributes").exists()


def two_clones(tmp_path: Path) -> tuple[Path, Path]:
    """A vault whose .gitattributes routes notes, on a remote, and two plain clones of it."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    first = tmp_path / "first"
    (first / "contacts").mkdir(parents=True)
    git(first, "init", "--quiet", "-b", "main")
    (first / "vault.toml").write_text(TOML, encoding="utf-8")
    (first / ".gitignore").write_text(".vaultkit/\n", encoding="utf-8")
    (first / ".gitattributes").write_text(f"{ATTRIBUTE_LINE}\n", encoding="utf-8")
    (first / NOTE).write_text(BASE, encoding="utf-8")
    git(first, "add", "--all")
    git(first, "commit", "--quiet", "-m", "Start")
    git(first, "remote", "add", "origin", str(remote))
    git(first, "push", "--quiet", "-u", "origin", "main")
    git(tmp_path, "clone", "--quiet", str(remote), "second")
    return first, tmp_path / "second"


def diverge(first: Path, second: Path) -> None:
    """A nudge pushed from one clone, a reply committed on the other."""
    (first / NOTE).write_text(NUDGED, encoding="utf-8")
    git(first, "commit", "--quiet", "--all", "-m", "Nudge")
    git(first, "push", "--quiet")
    (second / NOTE).write_text(REPLIED, encoding="utf-8")
    git(second, "commit", "--quiet", "--all", "-m", "Reply")


def test_without_the_config_git_merges_as_it_always_did(tmp_path: Path):
    """A clone that never ran vault: the attribute names a driver git does not know, so git
    uses its own line merge (here a conflict on the touching lines), and nothing breaks."""
    first, second = two_clones(tmp_path)
    diverge(first, second)
    done = subprocess.run(
        ["git", "pull", "--no-rebase"], cwd=second, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "CONFLICT (content)" in done.stdout
    assert (second / NOTE).read_text(encoding="utf-8").count("<<<<<<< HEAD\n") == 1


def test_a_stale_driver_falls_back_to_gits_own_merge(tmp_path: Path):
    """A driver whose Python is gone (a deleted virtualenv) runs git merge-file instead: the
    user gets git's markers, never one side silently."""
    first, second = two_clones(tmp_path)
    git(second, "config", "merge.vault.driver", driver_command(str(tmp_path / "gone/python")))
    diverge(first, second)
    assert git(second, "pull", "--no-rebase", check=False) is not None
    text = (second / NOTE).read_text(encoding="utf-8")
    assert "<<<<<<< HEAD\nnudge_sent:\nreplied: 2026-11-09\n=======\n" in text


def test_first_sync_of_a_fresh_clone_configures_it_before_pulling(tmp_path: Path):
    """A clone's first vault sync writes the driver into its config, then pulls: the
    neighbouring dates merge with no conflict. The config is local to that clone."""
    first, second = two_clones(tmp_path)
    diverge(first, second)
    result = run("sync", "--vault", second)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "set up vault merge-file as this clone's merge driver (merge.vault.driver)",
        "nothing to commit",
        "pulled: rebased onto origin/main",
        "pushed: origin/main",
    ]
    assert (second / NOTE).read_bytes() == BOTH.encode()
    assert local_config(first) == {}
    assert run("sync", "--vault", second).stdout.splitlines()[0] == "nothing to commit"


def test_the_driver_runs_from_anywhere_without_a_vault(tmp_path: Path):
    """The installed `vault merge-file`, run as git runs it, in a folder with no vault or
    repository: merges a clean pair (exit 0) and marks a disagreement (exit 1)."""
    vault_bin = Path(sys.executable).parent / "vault"
    assert vault_bin.is_file()
    work = tmp_path / "elsewhere"
    work.mkdir()
    for name, text in (("base", BASE), ("ours", NUDGED), ("theirs", REPLIED)):
        (work / name).write_text(text, encoding="utf-8")
    args = [str(vault_bin), "merge-file", "base", "ours", "theirs", NOTE]
    clean = subprocess.run(args, cwd=work, capture_output=True, text=True, check=False)
    assert (clean.returncode, clean.stderr) == (0, "")
    assert (work / "ours").read_text(encoding="utf-8") == BOTH

    (work / "theirs").write_text(BOTH.replace("11-08", "11-07"), encoding="utf-8")
    labels = ["--ours-label", "%X", "--theirs-label", "other", "--marker-size", "3"]
    conflict = subprocess.run(
        [*args, *labels], cwd=work, capture_output=True, text=True, check=False
    )
    assert conflict.returncode == 1
    assert conflict.stderr == (
        f"vault merge-file: {NOTE}: the two sides gave different values to nudge_sent; "
        "keep one in the <<<<<<< block\n"
    )
    assert (work / "ours").read_text(encoding="utf-8") == BOTH.replace(
        "nudge_sent: 2026-11-08\n",
        "<<< HEAD\nnudge_sent: 2026-11-08\n===\nnudge_sent: 2026-11-07\n>>> other\n",
    )


def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path: Path):
    """A missing version: one line naming it, exit 2, OURS untouched."""
    (tmp_path / "ours").write_text(NUDGED, encoding="utf-8")
    (tmp_path / "theirs").write_text(REPLIED, encoding="utf-8")
    missing = tmp_path / "base"
    result = run("merge-file", missing, tmp_path / "ours", tmp_path / "theirs")
    assert result.exit_code == 2
    assert result.stderr == (
        f"vault: {missing}: cannot be read (No such file or directory); nothing was merged\n"
    )
    assert (tmp_path / "ours").read_text(encoding="utf-8") == NUDGED


def test_body_conflicts_are_said_and_exit_1(tmp_path: Path):
    """Two different lines added at one place below the properties: git's markers there,
    the properties merged, one line on stderr, exit 1."""
    (tmp_path / "base").write_text(BASE, encoding="utf-8")
    (tmp_path / "ours").write_text(NUDGED + "- 2026-11-08 nudged\n", encoding="utf-8")
    (tmp_path / "theirs").write_text(REPLIED + "- 2026-11-09 replied\n", encoding="utf-8")
    result = run("merge-file", *(tmp_path / n for n in ("base", "ours", "theirs")), NOTE)
    assert result.exit_code == 1
    assert result.stderr == (
        f"vault merge-file: {NOTE}: git merge-file found conflicting lines; "
        "keep one side of each <<<<<<< block\n"
    )
    assert (tmp_path / "ours").read_text(encoding="utf-8") == BOTH + (
        "<<<<<<< HEAD\n- 2026-11-08 nudged\n=======\n- 2026-11-09 replied\n>>>>>>> incoming\n"
    )
