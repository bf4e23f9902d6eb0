"""Wording every message shares, so the same thing is always said the same way."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 note`, `2 notes`: a count with its word (`many` when adding an s will not do)."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or word + 's'}"
