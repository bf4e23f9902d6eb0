"""Real git for the tests in this folder: who commits, and none of the machine's settings."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh machine's git: a known author and date, no global or system config (the
    path given as global config stays unwritten unless something writes it)."""
    home = tmp_path / "home"
    settings = {
        "GIT_AUTHOR_NAME": "Test User",
        "GIT_AUTHOR_EMAIL": "test.user@example.com",
        "GIT_COMMITTER_NAME": "Test User",
        "GIT_COMMITTER_EMAIL": "test.user@example.com",
        "GIT_AUTHOR_DATE": "2026-11-22T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-22T10:00:00+00:00",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_EDITOR": "true",
        "GIT_TERMINAL_PROMPT": "0",
    }
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    return home / ".gitconfig"
