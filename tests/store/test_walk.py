"""Listing a vault's Markdown files: ignored folders stay unread, symlink cycles end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write

from vaultkit.core.config import load_config
from vaultkit.store import walk
from vaultkit.store.index import load_vault
from vaultkit.store.walk import listing

CONTACT = "---\ntype: contact\nname: Hidden\n---\n"


@pytest.fixture(autouse=True, params=["relative", "by-path"])
def strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs on both ways of statting: relative to the folder, and by full path."""
    if request.param == "by-path":
        monkeypatch.setattr(walk, "_RELATIVE_STAT", False)
    elif not walk._RELATIVE_STAT:
        pytest.skip("this platform cannot stat relative to an open folder")


def listed(root: Path) -> list[str]:
    """The vault-relative paths the walk gives, sorted."""
    return sorted(listing(root))


def test_lists_markdown_files_with_relative_paths(vault: Path) -> None:
    """Every .md file is listed once, relative to the root, with forward slashes."""
    write(vault, "contacts/Jane Doe.md", CONTACT)
    write(vault, "interviews/2026/11/a.md", "x")
    write(vault, "Home.md", "x")
    write(vault, "contacts/photo.png", b"\x89PNG")
    write(vault, "contacts/notes.txt", "x")
    assert listed(vault) == ["Home.md", "contacts/Jane Doe.md", "interviews/2026/11/a.md"]


def test_signatures_are_the_files(vault: Path) -> None:
    """Each entry carries the file's size, mtime_ns, ctime_ns and inode."""
    path = write(vault, "Home.md", "12345")
    info = path.stat()
    assert listing(vault) == {"Home.md": (5, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)}


@pytest.mark.parametrize("folder", [".git", ".obsidian", ".trash", ".vaultkit"])
def test_ignored_folders_are_never_listed(vault: Path, folder: str) -> None:
    """Notes inside .git, .obsidian, .trash and .vaultkit are never read, at any depth."""
    write(vault, f"{folder}/Jane.md", CONTACT)
    write(vault, f"{folder}/deep/er/Jane.md", CONTACT)
    write(vault, f"contacts/{folder}/Jane.md", CONTACT)
    assert listed(vault) == []


def test_ignored_folders_do_not_reach_the_vault(vault: Path) -> None:
    """A contact in .trash is not a contact of the vault."""
    write(vault, ".trash/Old Friend.md", CONTACT)
    write(vault, ".obsidian/templates/Contact.md", "---\ntype: contact\nname: {{x\n---\n")
    loaded = load_vault(load_config(vault))
    assert loaded.contacts == []
    assert loaded.file_problems == []


def test_a_folder_named_like_a_note_is_entered(vault: Path) -> None:
    """A folder called `x.md` is a folder, and its notes are listed."""
    write(vault, "archive.md/Jane.md", CONTACT)
    assert listed(vault) == ["archive.md/Jane.md"]


def test_symlink_cycle_to_an_ancestor_terminates(vault: Path) -> None:
    """A folder symlink pointing back up the tree ends the walk, each note listed once."""
    write(vault, "contacts/Jane Doe.md", CONTACT)
    write(vault, "contacts/sub/Sam Lee.md", CONTACT)
    os.symlink(vault, vault / "contacts" / "sub" / "loop")
    os.symlink("..", vault / "contacts" / "up")
    os.symlink(".", vault / "self")
    paths = listed(vault)
    assert sorted(p.rsplit("/", 1)[-1] for p in paths) == ["Jane Doe.md", "Sam Lee.md"]


def test_symlink_cycle_between_two_folders_terminates(tmp_path: Path) -> None:
    """Two folders linking to each other are each walked once."""
    write(tmp_path, "a/one.md", "x")
    write(tmp_path, "b/two.md", "x")
    os.symlink(tmp_path / "b", tmp_path / "a" / "to-b")
    os.symlink(tmp_path / "a", tmp_path / "b" / "to-a")
    names = sorted(p.rsplit("/", 1)[-1] for p in listed(tmp_path))
    assert names == ["one.md", "two.md"]


def test_broken_symlink_is_skipped(vault: Path) -> None:
    """A symlink to nothing is passed over without an error."""
    write(vault, "Home.md", "x")
    os.symlink(vault / "gone", vault / "dangling.md")
    os.symlink(vault / "gone-folder", vault / "dangling")
    assert listed(vault) == ["Home.md"]


def test_load_vault_with_a_symlink_cycle(vault: Path) -> None:
    """The whole vault loads with a cycle in it, and counts the contact once."""
    write(vault, "contacts/Jane Doe.md", "---\ntype: contact\nname: Jane Doe\n---\n")
    os.symlink(vault, vault / "contacts" / "loop")
    loaded = load_vault(load_config(vault))
    assert [c.name for c in loaded.contacts] == ["Jane Doe"]


def test_a_symlinked_note_is_listed_with_its_target_signature(tmp_path: Path) -> None:
    """A note that is a link to a file elsewhere is listed, as the file it points to."""
    vault = tmp_path / "vault"
    target = write(tmp_path, "elsewhere/Jane.md", CONTACT)
    (vault / "contacts").mkdir(parents=True)
    (vault / "contacts" / "Jane.md").symlink_to(target)
    info = target.stat()
    assert listing(vault) == {
        "contacts/Jane.md": (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_called_md_is_not_listed(vault: Path) -> None:
    """Only regular files are notes: reading a pipe would hang the command."""
    write(vault, "Home.md", "x")
    os.mkfifo(vault / "pipe.md")
    assert listed(vault) == ["Home.md"]


def test_a_missing_root_lists_nothing(vault: Path) -> None:
    """A folder that is not there (a vault moved away meanwhile) gives an empty listing."""
    write(vault, "Home.md", "x")
    assert listing(vault / "gone") == {}
