"""`vault init`: make a vault, or adopt a folder, touching no existing byte but .gitignore's end."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from helpers import run, snapshot, write

from vaultkit.core.config import DEFAULT_TOML, load_config


def test_init_creates_a_vault(tmp_path: Path) -> None:
    """A new folder gets vault.toml, contacts/, interviews/ and a .gitignore for the cache."""
    root = tmp_path / "network"
    result = run("init", root)
    assert result.exit_code == 0, result.output
    assert (root / "vault.toml").read_text(encoding="utf-8") == DEFAULT_TOML
    assert (root / "contacts").is_dir()
    assert (root / "interviews").is_dir()
    assert (root / ".gitignore").read_bytes() == b".vaultkit/\n"
    load_config(root)
    for name in ("vault.toml", "contacts/", "interviews/", ".gitignore"):
        assert f"created {name}" in result.output


def test_init_makes_missing_parent_folders(tmp_path: Path) -> None:
    """A path whose parents do not exist yet is created."""
    root = tmp_path / "a" / "b" / "vault"
    assert run("init", root).exit_code == 0
    assert (root / "vault.toml").is_file()


def test_init_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without PATH, the current folder becomes the vault."""
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert (tmp_path / "vault.toml").is_file()


def test_init_twice_is_harmless(tmp_path: Path) -> None:
    """A second init changes nothing and says so."""
    root = tmp_path / "vault"
    run("init", root)
    before = snapshot(root)
    result = run("init", root)
    assert result.exit_code == 0
    assert "nothing to do" in result.output
    assert snapshot(root) == before


def test_init_adopts_an_existing_folder(tmp_path: Path) -> None:
    """An Obsidian vault with notes is adopted: its files stay byte for byte."""
    root = tmp_path / "obsidian"
    write(root, "Home.md", "# Home\r\n\r\nmy own note\r\n")
    write(root, "Daily/2026-11-20.md", "---\ntags: [daily]\n---\nText\n")
    write(root, "contacts/Jane Doe.md", "---\ntype: contact\nname: Jane Doe\n---\n")
    write(root, ".obsidian/app.json", '{"theme": "dark"}')
    write(root, "attachments/cv.pdf", b"%PDF-1.4\x00\xff")
    before = snapshot(root)
    result = run("init", root)
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    assert {k: after[k] for k in before} == before
    assert {"vault.toml", ".gitignore"} <= set(after) - set(before)
    assert (root / "interviews").is_dir()
    assert "created contacts/" not in result.output


def test_init_appends_to_an_existing_gitignore(tmp_path: Path) -> None:
    """An existing .gitignore gets one line at its end; every other byte stays; twice is once."""
    root = tmp_path / "vault"
    root.mkdir()
    original = b"# mine\nnode_modules/\n.DS_Store"
    (root / ".gitignore").write_bytes(original)
    result = run("init", root)
    assert result.exit_code == 0
    assert "added .vaultkit/ to .gitignore" in result.output
    assert (root / ".gitignore").read_bytes() == original + b"\n.vaultkit/\n"
    before = snapshot(root)
    run("init", root)
    assert snapshot(root) == before


def test_init_keeps_crlf_in_gitignore(tmp_path: Path) -> None:
    """A .gitignore with Windows line endings gets a line with the same ending."""
    root = tmp_path / "vault"
    root.mkdir()
    (root / ".gitignore").write_bytes(b"*.tmp\r\n")
    run("init", root)
    assert (root / ".gitignore").read_bytes() == b"*.tmp\r\n.vaultkit/\r\n"


@pytest.mark.parametrize("line", [b".vaultkit/", b".vaultkit", b"/.vaultkit/", b"  .vaultkit/  "])
def test_init_leaves_a_gitignore_that_already_ignores_the_cache(
    tmp_path: Path, line: bytes
) -> None:
    """A .gitignore that already names the cache is not touched."""
    root = tmp_path / "vault"
    root.mkdir()
    original = b"*.tmp\n" + line + b"\n"
    (root / ".gitignore").write_bytes(original)
    run("init", root)
    assert (root / ".gitignore").read_bytes() == original


def test_init_keeps_an_existing_vault_toml(tmp_path: Path) -> None:
    """A vault.toml that is already there is never rewritten."""
    root = tmp_path / "vault"
    root.mkdir()
    (root / "vault.toml").write_bytes(b'# my settings\n[me]\nname = "Ada"\n')
    run("init", root)
    assert (root / "vault.toml").read_bytes() == b'# my settings\n[me]\nname = "Ada"\n'


def test_init_on_a_file_is_refused(tmp_path: Path) -> None:
    """`vault init` on a file: exit 2, one line, the file untouched."""
    path = tmp_path / "notes.md"
    path.write_bytes(b"# notes\n")
    result = run("init", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: ")
    assert result.stderr.count("\n") == 1
    assert path.read_bytes() == b"# notes\n"


def test_init_then_check_is_clean(tmp_path: Path) -> None:
    """A fresh vault checks clean."""
    root = tmp_path / "vault"
    run("init", root)
    result = run("check", "--vault", root)
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_init_files_are_readable_like_any_other(tmp_path: Path) -> None:
    """vault.toml, questions.md and .gitignore get the usual permissions, not private ones."""
    umask = os.umask(0o022)
    os.umask(umask)
    root = tmp_path / "vault"
    run("init", root)
    for name in ("vault.toml", "questions.md", ".gitignore"):
        assert stat.S_IMODE((root / name).stat().st_mode) == 0o666 & ~umask, name


def test_init_over_a_link_to_nothing(tmp_path: Path) -> None:
    """A `contacts` link pointing nowhere: exit 2, one line naming it, no traceback."""
    root = tmp_path / "vault"
    root.mkdir()
    (root / "contacts").symlink_to(tmp_path / "gone")
    result = run("init", root)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "contacts: cannot create the folder (a link to nothing)" in result.stderr


def test_init_with_a_gitignore_folder(tmp_path: Path) -> None:
    """A .gitignore that cannot be read: exit 2, one line saying what to add by hand."""
    root = tmp_path / "vault"
    (root / ".gitignore").mkdir(parents=True)
    result = run("init", root)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert ".gitignore: cannot be read" in result.stderr and ".vaultkit/" in result.stderr
    assert (root / ".gitignore").is_dir()
