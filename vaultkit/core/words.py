"""Wording every message shares, so the same thing is always said the same way."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 note`, `2 notes`: a count with its word (`many` when adding an s will not do)."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or word + 's'}"


def left_out(broken: int) -> str:
    """The line every listing ends with when some notes could not be read."""
    verb = "is" if broken == 1 else "are"
    return (
        f"{plural(broken, 'note')} could not be read and {verb} left out; "
        "run `vault check` for details."
    )
