"""`vault sync` around its commit: subjects that name people, and a failed commit undone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from git_helpers import git
from helpers import run

TOML = '[me]\nname = "Test User"\nemail = "test.user@example.com"\n'
ANGUS = "contacts/AC DC- Angus O'Brien.md"
TALK = "interviews/2026-11-03 AC DC- Angus O'Brien.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A vault made by vault init and vault new, committed once by vault sync."""
    root = tmp_path / "v"
    root.mkdir()
    git(root, "init", "--quiet", "-b", "main")
    (root / "vault.toml").write_text(TOML, encoding="utf-8")
    assert run("init", root).exit_code == 0
    assert run("new", "contact", "AC/DC: Angus O'Brien", "--vault", root).exit_code == 0
    new = run("new", "interview", "AC/DC: Angus O'Brien", "--date", "2026-11-03", "--vault", root)
    assert new.exit_code == 0, new.output
    assert (root / ANGUS).is_file() and (root / TALK).is_file()
    assert run("sync", "--vault", root).exit_code == 0
    return root


def subject(root: Path) -> str:
    return git(root, "log", "-1", "--format=%s").strip()


def test_subjects_name_people_by_their_name(repo: Path):
    """A contact is named by its `name`, its interview by the date and that name, and a
    deleted contact by the name it had; the body still lists the files."""
    marked = run(
        "mark", "AC/DC: Angus O'Brien", "outreach", "--date", "2026-11-01", "--vault", repo
    )
    assert marked.exit_code == 0
    (repo / TALK).write_text(
        (repo / TALK).read_text(encoding="utf-8") + "\nA note\n", encoding="utf-8"
    )
    assert run("sync", "--vault", repo).exit_code == 0
    assert subject(repo) == (
        "vault sync: update AC/DC: Angus O'Brien, 2026-11-03 AC/DC: Angus O'Brien"
    )
    assert git(repo, "log", "-1", "--format=%b").strip().splitlines() == [
        f"modified {ANGUS}",
        f"modified {TALK}",
    ]
    (repo / ANGUS).unlink()
    assert run("sync", "--vault", repo).exit_code == 0
    assert subject(repo) == "vault sync: delete AC/DC: Angus O'Brien"


def test_a_failed_commit_leaves_the_index_as_it_was(repo: Path, monkeypatch: pytest.MonkeyPatch):
    """With no git identity the commit fails: what the user had staged stays staged, and
    nothing sync staged on the way is left behind."""
    for name in ("AUTHOR_NAME", "AUTHOR_EMAIL", "COMMITTER_NAME", "COMMITTER_EMAIL"):
        monkeypatch.delenv(f"GIT_{name}")
    monkeypatch.delenv("EMAIL", raising=False)
    git(repo, "config", "user.useConfigOnly", "true")
    (repo / "questions.md").write_text("- What surprised you?\n", encoding="utf-8")
    git(repo, "add", "questions.md")  # staged by the user
    (repo / "contacts" / "New Person.md").write_text("---\ntype: contact\n---\n", encoding="utf-8")
    (repo / ANGUS).write_text("---\ntype: contact\nname: Angus\n---\n", encoding="utf-8")
    stages = git(repo, "ls-files", "--stage")
    status = git(repo, "status", "--porcelain")
    result = run("sync", "--vault", repo)
    assert result.exit_code == 1
    assert result.stderr.startswith("vault: git does not know who you are")
    assert git(repo, "ls-files", "--stage") == stages
    assert git(repo, "status", "--porcelain") == status
    assert git(repo, "diff", "--cached", "--name-only") == "questions.md\n"
