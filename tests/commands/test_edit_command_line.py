"""The command line `vault edit` builds: the editor from the environment, the opener of each
platform, and obsidian:// URIs that decode back to the vault and the file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.commands.edit import editor, obsidian_uri, opener
from vaultkit.errors import VaultError


def test_visual_then_editor() -> None:
    """VISUAL before EDITOR; blank ones are skipped; the words are split as a shell does."""
    assert editor({"VISUAL": "nvim", "EDITOR": "nano"}).argv == ["nvim"]
    assert editor({"VISUAL": "", "EDITOR": "code --wait -n"}).argv == ["code", "--wait", "-n"]
    assert editor({"VISUAL": " ", "EDITOR": '"/opt/My Editor/ed" -w'}).source == "$EDITOR"
    assert editor({"EDITOR": '"/opt/My Editor/ed" -w'}).argv == ["/opt/My Editor/ed", "-w"]


def test_windows_paths_in_editor() -> None:
    """On Windows, backslashes are path separators and double quotes group a path."""
    found = editor({"EDITOR": r'"C:\Program Files\Notepad++\notepad++.exe" -multiInst'}, "win32")
    assert found.argv == [r"C:\Program Files\Notepad++\notepad++.exe", "-multiInst"]


@pytest.mark.parametrize(
    ("platform", "argv"),
    [("darwin", ["open"]), ("win32", ["rundll32", "url.dll,FileProtocolHandler"])],
)
def test_each_platforms_opener(platform: str, argv: list[str]) -> None:
    """macOS opens with `open`, Windows through the URL protocol handler."""
    assert editor({}, platform).argv == argv
    found = opener(platform)
    assert found is not None and found.source == "the system's opener"


def test_no_opener_on_linux_without_xdg_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Linux without xdg-open and no editor set: a VaultError saying what to set."""
    monkeypatch.setenv("PATH", "")
    assert opener("linux") is None
    with pytest.raises(VaultError) as caught:
        editor({}, "linux")
    assert caught.value.exit_code == 2
    assert "set VISUAL or EDITOR" in caught.value.message


segment = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
    min_size=1,
    max_size=20,
).filter(lambda s: s not in (".", "..") and s.strip() == s and s.strip())


@given(segment, st.lists(segment, min_size=1, max_size=3))
def test_obsidian_uris_decode_back(vault_name: str, parts: list[str]) -> None:
    """Whatever the names (spaces, &, #, %, +, accents), the URI decodes to the folder name
    and the note's path without .md, and holds no raw space, slash or second `?`."""
    root = Path("/nowhere-with-obsidian") / vault_name
    path = "/".join(parts) + ".md"
    uri = obsidian_uri(root, path)
    split = urlsplit(uri)
    assert (split.scheme, split.netloc, split.path) == ("obsidian", "open", "")
    assert " " not in uri and "/" not in split.query and split.fragment == ""
    assert parse_qs(split.query, strict_parsing=True) == {
        "vault": [vault_name],
        "file": ["/".join(parts)],
    }
