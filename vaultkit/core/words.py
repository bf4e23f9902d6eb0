"""Wording every message shares, so the same thing is always said the same way."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """`1 note`, `2 notes`: a count with its word."""
    return f"{count} {word}{'' if count == 1 else 's'}"
