"""`vault import` and `vault adopt` run as the installed command, in processes of their own:
what people read (golden files), JSON read back by a JSON parser, and the progress bar
on a terminal."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import on_a_terminal
from import_helpers import LINKEDIN, PEOPLE, contact_notes

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "import"
SAM = "---\ntype: contact\nname: Sam Lee\nlinkedin: https://www.linkedin.com/in/samlee\n---\n"


def vault_executable() -> str:
    beside = Path(sys.executable).parent / "vault"
    found = str(beside) if beside.is_file() else shutil.which("vault")
    assert found, "the `vault` console script is not installed"
    return found


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VAULT_DIR"}
    return subprocess.run(
        [vault_executable(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def sam_vault(vault: Path) -> Path:
    (vault / "contacts" / "Sam Lee.md").write_text(SAM, encoding="utf-8")
    return vault


def test_installed_dry_run_matches_its_golden_file(sam_vault: Path) -> None:
    """The dry run's text, as the installed command prints it, is the golden file's."""
    result = run("import", "linkedin", LINKEDIN.name, "--dry-run", "--vault", sam_vault,
                 cwd=LINKEDIN.parent)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout == (GOLDEN / "linkedin-dry-run.txt").read_text(encoding="utf-8")


def test_installed_import_json_and_notes(sam_vault: Path) -> None:
    """The installed command's JSON parses, and names exactly the notes on disk."""
    result = run("import", "linkedin", LINKEDIN, "--json", "--vault", sam_vault, cwd=sam_vault)
    data = json.loads(result.stdout)
    written = {f"contacts/{name}" for name in contact_notes(sam_vault)}
    assert written == {*data["created"], *(u["path"] for u in data["updated"])}
    assert "Traceback" not in result.stderr


def test_installed_adopt_matches_its_golden_file(vault: Path) -> None:
    """`vault adopt` over the people fixture prints what the golden file holds."""
    shutil.copytree(PEOPLE, vault / "People")
    result = run("adopt", "People", "--as", "contact", cwd=vault)
    assert result.returncode == 1, result.stderr  # one note cannot be read
    assert result.stdout == (GOLDEN / "adopt-people.txt").read_text(encoding="utf-8")


def test_a_long_import_shows_a_progress_bar_on_a_terminal(vault: Path, tmp_path: Path) -> None:
    """With stderr a terminal, a 400-person import draws a bar and clears it at the end;
    into a pipe it writes nothing there."""
    export = tmp_path / "Connections.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"])  # fmt: skip
        for n in range(400):
            writer.writerow([f"Person{n}", "Test", f"https://www.linkedin.com/in/p{n}", "",
                             "Acme", "Engineer", "15 Mar 2024"])  # fmt: skip
    command = [vault_executable(), "import", "linkedin", str(export), "--vault", str(vault)]
    shown, code, out = on_a_terminal(command, "stderr")
    assert code == 0, shown
    assert "writing   [" in shown and "400/400" in shown
    assert shown.endswith("\r\x1b[K")
    assert out.strip().endswith("created 400, updated 0, unchanged 0, skipped 0")
    piped = run("import", "linkedin", export, "--vault", vault, cwd=vault)
    assert piped.stderr == ""
    assert piped.stdout == "created 0, updated 0, unchanged 400, skipped 0\n"
