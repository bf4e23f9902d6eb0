"""check_golden, the one way every golden test compares and rewrites tests/golden/ files."""

from __future__ import annotations

import warnings
from pathlib import Path

import helpers
import pytest
from helpers import GoldenRewritten, check_golden, in_ci

Failed = pytest.fail.Exception


@pytest.fixture
def golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A golden folder of one file, `pinned.txt`, in a session that has pinned nothing yet."""
    monkeypatch.setattr(helpers, "_PINNED", {})
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / "pinned.txt").write_bytes("Zoë\n".encode())
    return tmp_path


def test_same_bytes_pass(golden: Path) -> None:
    """Text equal to the file, once encoded as UTF-8, passes."""
    check_golden("pinned.txt", "Zoë\n", folder=golden)
    check_golden("pinned.txt", "Zoë\n".encode(), folder=golden)


@pytest.mark.parametrize("actual", ["Zoe\n", "Zoë\r\n", "Zoë", b"Zo\xc3\xab\n\x00"])
def test_any_other_bytes_fail_and_name_the_file(golden: Path, actual: str | bytes) -> None:
    """One byte off (an accent, a line ending, a NUL) fails, naming the file; it is kept."""
    with pytest.raises(AssertionError, match=r"pinned\.txt differs"):
        check_golden("pinned.txt", actual, folder=golden)
    assert (golden / "pinned.txt").read_bytes() == "Zoë\n".encode()


def test_a_missing_file_fails_and_says_how_to_write_it(golden: Path) -> None:
    """No golden file yet: the test fails, saying UPDATE_GOLDEN=1 writes it; none is made."""
    with pytest.raises(Failed, match="missing: run the test with UPDATE_GOLDEN=1"):
        check_golden("new.txt", "x\n", folder=golden)
    assert not (golden / "new.txt").exists()


def test_update_rewrites_a_file_that_differs(golden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """UPDATE_GOLDEN=1 writes the new bytes, warns naming the file, and then compares."""
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.warns(GoldenRewritten, match="pinned.txt"):
        check_golden("pinned.txt", "Zoé\n", folder=golden)
    assert (golden / "pinned.txt").read_bytes() == "Zoé\n".encode()
    with pytest.warns(GoldenRewritten, match="drafts/new.txt"):
        check_golden("drafts/new.txt", b"new\n", folder=golden)
    assert (golden / "drafts" / "new.txt").read_bytes() == b"new\n"


def test_update_leaves_an_equal_file_untouched(
    golden: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With UPDATE_GOLDEN=1, a file that already holds the bytes is not written again."""
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    before = (golden / "pinned.txt").stat().st_mtime_ns
    with warnings.catch_warnings():
        warnings.simplefilter("error", GoldenRewritten)
        check_golden("pinned.txt", "Zoë\n", folder=golden)
    assert (golden / "pinned.txt").stat().st_mtime_ns == before


@pytest.mark.parametrize("ci", ["true", "1", "yes", "GitHub Actions"])
def test_update_is_refused_in_ci(golden: Path, monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    """UPDATE_GOLDEN=1 with CI set rewrites nothing and fails as a plain comparison would."""
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(AssertionError, match="rewrites nothing when CI is set"):
        check_golden("pinned.txt", "changed\n", folder=golden)
    assert (golden / "pinned.txt").read_bytes() == "Zoë\n".encode()
    with pytest.raises(Failed, match="rewrites nothing when CI is set"):
        check_golden("new.txt", "x\n", folder=golden)
    assert not (golden / "new.txt").exists()
    (golden / "same.txt").write_bytes(b"same\n")
    check_golden("same.txt", "same\n", folder=golden)  # nothing to rewrite: a comparison


def test_two_tests_pinning_one_file_differently_fail_while_updating(
    golden: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While rewriting, a second test that pins the same file to other bytes fails."""
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    check_golden("pinned.txt", "Zoë\n", folder=golden)
    with pytest.raises(Failed, match="two tests pin"):
        check_golden("pinned.txt", "Zoe\n", folder=golden)
    assert (golden / "pinned.txt").read_bytes() == "Zoë\n".encode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[(None, False), ("", False), ("0", False), ("false", False), (" False ", False)],
        *[("true", True), ("1", True), ("yes", True)],
    ],
)
def test_what_counts_as_ci(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: bool
) -> None:
    """CI counts as set unless it is absent, empty, 0 or false."""
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert in_ci() is expected
