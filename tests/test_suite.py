"""The test suite keeps its own shape: folders that mirror the package, one name per test
file, and a docstring on every test saying what it promises."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from helpers import REPO, TESTS

NOT_PACKAGES = {"fixtures", "golden"}  # folders of data, not of tests


def suite_files() -> list[Path]:
    """Every test file of the suite."""
    return sorted(TESTS.rglob("test_*.py"))


def collected_tests(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The test functions and methods that pytest collects from one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    ]


def test_every_test_has_a_docstring() -> None:
    """Each test's docstring says, in its first line, what the test promises."""
    missing = [
        f"{path.relative_to(TESTS)}::{node.name}"
        for path in suite_files()
        for node in collected_tests(path)
        if not (ast.get_docstring(node) or "").strip()
    ]
    assert missing == []


def test_test_folders_mirror_the_package() -> None:
    """Each folder under tests/ is one of vaultkit's packages (or fixtures and golden data)."""
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    packages = {p.parent.name for p in (REPO / "vaultkit").glob("*/__init__.py")}
    assert folders - NOT_PACKAGES <= packages
    assert not list(TESTS.rglob("__init__.py"))


def test_no_two_test_files_share_a_name() -> None:
    """Without __init__.py files pytest imports test files by name, so each name is unique."""
    names = Counter(path.name for path in suite_files())
    assert [name for name, count in names.items() if count > 1] == []
