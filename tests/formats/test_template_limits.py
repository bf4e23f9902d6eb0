"""A template synced from elsewhere cannot eat the machine's memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultkit.errors import VaultError
from vaultkit.formats.templating import Templates


@pytest.mark.parametrize(
    "source", ["{{ 'x' * 10**9 }}", "{{ [0] * 10**8 }}", "{{ 9 ** 999999 }}", "{{ 10**9 * 'x' }}"]
)
def test_huge_values_are_refused(tmp_path: Path, source: str) -> None:
    """Repeating text or lists enormously, or huge powers, fail with the template's line."""
    template = tmp_path / "big.md"
    template.write_text("Hello\n" + source + "\n", encoding="utf-8")
    with pytest.raises(VaultError) as caught:
        Templates(None).render("big.md", {}, file=template)
    assert f"{template}:2: not allowed in a template" in caught.value.message
    assert caught.value.exit_code == 2


def test_ordinary_arithmetic_still_works(tmp_path: Path) -> None:
    """Small repeats and powers render as Jinja would."""
    template = tmp_path / "small.md"
    template.write_text("{{ '-' * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }}", encoding="utf-8")
    assert Templates(None).render("small.md", {}, file=template) == "--- 1024 12"
