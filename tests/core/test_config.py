"""Finding the vault (walking up, --vault, VAULT_DIR) and reading vault.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run

from vaultkit.core.config import DEFAULT_TOML, FollowUp, find_root, load_config
from vaultkit.errors import VaultError


def test_found_from_the_root(vault: Path) -> None:
    """Standing in the vault root finds it."""
    assert find_root(None, cwd=vault) == vault.resolve()


def test_found_by_walking_up(vault: Path) -> None:
    """From a folder deep inside, the nearest vault.toml above is the root."""
    deep = vault / "contacts" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_root(None, cwd=deep) == vault.resolve()


def test_nearest_vault_wins(vault: Path) -> None:
    """A vault inside a vault is found before the outer one."""
    inner = vault / "clients" / "ada"
    inner.mkdir(parents=True)
    (inner / "vault.toml").write_text("")
    assert find_root(None, cwd=inner / ".") == inner.resolve()


def test_found_from_the_current_directory(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without cwd, the process's current directory is where the walk starts."""
    monkeypatch.chdir(vault / "interviews")
    assert find_root(None) == vault.resolve()


def test_no_vault_anywhere(tmp_path: Path) -> None:
    """With no vault.toml up the tree: a VaultError (exit 2) that says to run vault init."""
    with pytest.raises(VaultError) as caught:
        find_root(None, cwd=tmp_path)
    assert caught.value.exit_code == 2
    assert "vault init" in caught.value.message


def test_explicit_path_overrides_the_walk(vault: Path, tmp_path: Path) -> None:
    """--vault PATH wins over the vault the current directory is in."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "vault.toml").write_text("")
    assert find_root(other, cwd=vault) == other.resolve()


def test_vault_dir_overrides_the_walk(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """VAULT_DIR wins over the walk; --vault wins over VAULT_DIR."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "vault.toml").write_text("")
    monkeypatch.setenv("VAULT_DIR", str(other))
    assert find_root(None, cwd=vault) == other.resolve()
    assert find_root(vault, cwd=vault) == vault.resolve()


def test_explicit_path_without_vault_toml(tmp_path: Path) -> None:
    """--vault to a folder that is not a vault fails with exit 2 and the fix."""
    with pytest.raises(VaultError) as caught:
        find_root(tmp_path, cwd=tmp_path)
    assert caught.value.exit_code == 2
    assert "vault init" in caught.value.message


def test_vault_dir_without_vault_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A VAULT_DIR that is not a vault is an error, not a silent fall-back to the walk."""
    monkeypatch.setenv("VAULT_DIR", str(tmp_path / "missing"))
    with pytest.raises(VaultError):
        find_root(None, cwd=tmp_path)


def test_defaults(tmp_path: Path) -> None:
    """An empty vault.toml gives the defaults of DESIGN.md."""
    (tmp_path / "vault.toml").write_text("")
    config = load_config(tmp_path)
    assert config.follow_up == FollowUp()
    assert (config.follow_up.nudge_after, config.follow_up.let_go_after) == (7, 14)
    assert (config.follow_up.cadence, config.follow_up.thank_you_after) == (90, 1)
    assert (config.folders.contacts, config.folders.interviews) == ("contacts", "interviews")


def test_the_written_default_is_the_default(tmp_path: Path) -> None:
    """The vault.toml `vault init` writes reads back as the defaults."""
    (tmp_path / "vault.toml").write_text(DEFAULT_TOML)
    assert load_config(tmp_path).follow_up == FollowUp()


def test_settings_are_read(tmp_path: Path) -> None:
    """Who I am, folders and offsets are read from their tables."""
    (tmp_path / "vault.toml").write_text(
        '[me]\nname = "Ada"\npitch = "exploring product"\n'
        '[folders]\ncontacts = "People"\n[follow_up]\nnudge_after = 5\ncadence = 60\n'
    )
    config = load_config(tmp_path)
    assert (config.me.name, config.me.pitch) == ("Ada", "exploring product")
    assert config.folders.contacts == "People"
    assert (config.follow_up.nudge_after, config.follow_up.cadence) == (5, 60)


def test_bom_in_vault_toml_is_accepted(tmp_path: Path) -> None:
    """A vault.toml saved with a UTF-8 BOM by a Windows editor is read."""
    (tmp_path / "vault.toml").write_bytes(b'\xef\xbb\xbf[me]\nname = "Ada"\n')
    assert load_config(tmp_path).me.name == "Ada"


def config_error(tmp_path: Path, text: str) -> VaultError:
    """The VaultError load_config raises for this vault.toml."""
    (tmp_path / "vault.toml").write_text(text)
    with pytest.raises(VaultError) as caught:
        load_config(tmp_path)
    assert caught.value.exit_code == 2
    assert "\n" not in caught.value.message
    assert "vault.toml" in caught.value.message
    return caught.value


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    """A TOML syntax error is one line naming the file and the line."""
    error = config_error(tmp_path, '[me]\nname = "Ada"\nemail = ada@example.com\n')
    assert "line 3" in error.message


def test_unknown_key_is_named(tmp_path: Path) -> None:
    """A misspelt setting is named with its table, and the known ones listed."""
    error = config_error(tmp_path, "[follow_up]\nnudge_afer = 3\n")
    assert "follow_up.nudge_afer" in error.message
    assert "nudge_after" in error.message


def test_unknown_table_is_named(tmp_path: Path) -> None:
    """A misspelt table such as [followup] is an error, not silently ignored."""
    error = config_error(tmp_path, "[followup]\nnudge_after = 3\n")
    assert "followup" in error.message


@pytest.mark.parametrize("value", ['"90"', "90.5", "-1", "true", "[90]", "3651", "100000000000"])
def test_a_number_setting_that_is_not_a_number(tmp_path: Path, value: str) -> None:
    """Text, fractions, negatives, booleans and absurd offsets where days go name the key."""
    error = config_error(tmp_path, f"[follow_up]\ncadence = {value}\n")
    assert "follow_up.cadence" in error.message
    assert "number" in error.message


def test_a_text_setting_that_is_not_text(tmp_path: Path) -> None:
    """A number where text goes names the key."""
    error = config_error(tmp_path, "[me]\nname = 42\n")
    assert "me.name" in error.message


def test_a_table_that_is_a_value(tmp_path: Path) -> None:
    """`me = 3` instead of a [me] table is named."""
    error = config_error(tmp_path, "me = 3\n")
    assert "me" in error.message


@pytest.mark.parametrize("folder", ["../outside", "/etc", "a/../../b"])
def test_folders_must_stay_inside_the_vault(tmp_path: Path, folder: str) -> None:
    """A folder setting that leaves the vault is refused, naming the key."""
    error = config_error(tmp_path, f'[folders]\ncontacts = "{folder}"\n')
    assert "folders.contacts" in error.message


def test_bad_config_through_the_cli(vault: Path) -> None:
    """`vault check` on a bad vault.toml: exit 2, one line on stderr naming the key."""
    (vault / "vault.toml").write_text('[follow_up]\ncadence = "often"\n')
    result = run("check", "--vault", vault)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "follow_up.cadence" in result.stderr


def test_cli_finds_the_vault_by_walking_up(
    jane_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a subfolder, `vault check` finds the vault without --vault."""
    monkeypatch.chdir(jane_vault / "contacts")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "1 contact," in result.output


def test_cli_uses_vault_dir(
    jane_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """VAULT_DIR points the CLI at a vault from anywhere."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("VAULT_DIR", str(jane_vault))
    result = run("check")
    assert result.exit_code == 0, result.output


def test_cli_outside_any_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a vault, commands exit 2 with one line saying what to do."""
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert "vault init" in result.stderr
