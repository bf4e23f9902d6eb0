"""vault.toml's `calendar` and `timezone` settings, read and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultkit.core.config import Config, load_config
from vaultkit.errors import VaultError


def config_with(tmp_path: Path, lines: str) -> Config:
    """The config of a vault.toml that starts with these lines."""
    (tmp_path / "vault.toml").write_text(lines + '[me]\nname = "A"\n', encoding="utf-8")
    return load_config(tmp_path)


def test_both_settings_are_read(tmp_path: Path) -> None:
    """A calendar file and a time zone name are kept as written."""
    config = config_with(tmp_path, 'calendar = "Follow-ups.ics"\ntimezone = "Europe/Berlin"\n')
    assert (config.calendar, config.timezone) == ("Follow-ups.ics", "Europe/Berlin")


def test_neither_is_needed(tmp_path: Path) -> None:
    """Without them there is no calendar file and the system's zone is used."""
    config = config_with(tmp_path, "")
    assert (config.calendar, config.timezone) == (None, None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('calendar = "Follow-ups.md"', "calendar must end in .ics"),
        ("calendar = 3", "calendar must be a file name in quotes"),
        ('calendar = ""', "calendar must be a file name in quotes"),
        ('timezone = "Europe"', "timezone 'Europe' is not a time zone name"),
        ('timezone = "../../etc/passwd"', "is not a time zone name"),
        ("timezone = 1", "timezone must be a time zone name in quotes"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, line: str, message: str) -> None:
    """A bad value stops with one line naming vault.toml and what to write."""
    with pytest.raises(VaultError) as raised:
        config_with(tmp_path, line + "\n")
    assert message in raised.value.message
    assert "vault.toml" in raised.value.message
