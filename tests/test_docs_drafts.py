"""docs/drafts.md cannot drift: its drafts are what the commands print (every option is
in docs/commands/draft.md, which tests/test_docs.py checks)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO

from vaultkit.cli import cli

ROOT = REPO
PAGE = (ROOT / "docs" / "drafts.md").read_text(encoding="utf-8")
SHOWN = re.findall(r"```sh\n(vault draft [^\n]*)\n```\n\n```text\n(.*?)```", PAGE, re.S)


@pytest.fixture(scope="module")
def here(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a copy of example-vault, as the repository's root does."""
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        ROOT / "example-vault", folder / "example-vault", ignore=shutil.ignore_patterns(".vaultkit")
    )
    return folder


def test_the_page_shows_six_drafts() -> None:
    """A thank-you and an update for three people of the example vault."""
    commands = [shlex.split(command) for command, _ in SHOWN]
    assert {(c[2], c[3]) for c in commands} >= {
        (kind, name)
        for kind in ("thank-you", "update")
        for name in ("Daniel Okafor", "Hannah Schultz", "Leila Haddad")
    }


@pytest.mark.parametrize(("command", "text"), SHOWN, ids=[c for c, _ in SHOWN])
def test_each_draft_shown_is_what_the_command_prints(
    here: Path, monkeypatch: pytest.MonkeyPatch, command: str, text: str
) -> None:
    """Run from a folder holding example-vault, the command prints exactly the text shown."""
    monkeypatch.chdir(here)
    result = CliRunner().invoke(cli, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert result.stdout == text
