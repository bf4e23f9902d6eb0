"""`business_days` and `holidays` under [follow_up] in vault.toml: read, checked, explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import run

from vaultkit.core.config import FollowUp, load_config
from vaultkit.core.dates import Workdays
from vaultkit.errors import VaultError


def settings_of(tmp_path: Path, text: str) -> FollowUp:
    """The [follow_up] settings load_config reads from this vault.toml."""
    (tmp_path / "vault.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path).follow_up


def error_of(tmp_path: Path, text: str) -> str:
    """The one-line message load_config stops with for this vault.toml (exit 2)."""
    (tmp_path / "vault.toml").write_text(text, encoding="utf-8")
    with pytest.raises(VaultError) as caught:
        load_config(tmp_path)
    assert caught.value.exit_code == 2
    assert "\n" not in caught.value.message
    assert str(tmp_path / "vault.toml") in caught.value.message
    return caught.value.message


def test_off_by_default(tmp_path: Path) -> None:
    """Without the setting, offsets count every day and no holidays are known."""
    settings = settings_of(tmp_path, "[follow_up]\nnudge_after = 7\n")
    assert (settings.business_days, settings.holidays, settings.workdays) == (False, (), None)


def test_business_days_with_holidays_as_text_and_as_toml_dates(tmp_path: Path) -> None:
    """Quoted dates and TOML's own dates both work; the list is sorted and kept once each."""
    settings = settings_of(
        tmp_path,
        "[follow_up]\nbusiness_days = true\nnudge_after = 7\n"
        'holidays = ["2026-12-25", 2026-01-01, "2026-12-25"]\n',
    )
    assert settings.business_days is True
    assert settings.nudge_after == 7
    assert settings.holidays == (dt.date(2026, 1, 1), dt.date(2026, 12, 25))
    assert settings.workdays == Workdays(frozenset(settings.holidays))


@pytest.mark.parametrize("value", ['"yes"', "1", "[true]"])
def test_business_days_must_be_true_or_false(tmp_path: Path, value: str) -> None:
    """Anything but true or false is named, with what to write."""
    message = error_of(tmp_path, f"[follow_up]\nbusiness_days = {value}\n")
    assert "follow_up.business_days must be true or false" in message


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ('"2026-12-25"', "must be a list of dates"),
        ('["25/12/2026"]', "'25/12/2026' is not a date"),
        ('["2026-02-30"]', "not a real date"),
        ("[2026-12-25T10:00:00]", "is not a date"),
        ("[20261225]", "20261225 is not a date"),
    ],
)
def test_a_holiday_that_is_not_a_date(tmp_path: Path, value: str, named: str) -> None:
    """A holidays value that is not a list of plain dates says which value and how to write it."""
    message = error_of(tmp_path, f"[follow_up]\nholidays = {value}\n")
    assert "follow_up.holidays" in message
    assert named in message


def test_a_misspelt_key_lists_the_new_ones(tmp_path: Path) -> None:
    """The known keys a misspelling is told about include business_days and holidays."""
    message = error_of(tmp_path, "[follow_up]\nbusiness_day = true\n")
    assert "follow_up.business_day is not a setting" in message
    assert "business_days" in message and "holidays" in message


def test_a_bad_holiday_through_the_cli(vault: Path) -> None:
    """`vault report` on a bad holidays line: exit 2 and one line on stderr, nothing else."""
    (vault / "vault.toml").write_text('[follow_up]\nholidays = ["Christmas"]\n')
    result = run("report", "--vault", vault)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "follow_up.holidays" in result.stderr and "'Christmas' is not a date" in result.stderr
