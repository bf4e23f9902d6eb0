"""A note moved (or renamed, when its name is written in it) is reported as moved, not as
removed and added; a note that changed on the way is removed and added."""

from __future__ import annotations

from helpers import contact_text

from vaultkit.core.note import read_note
from vaultkit.watch.changes import changes, reading


def parsed(path: str, text: str):
    return read_note(path, text.encode(), strict_folder=True)


def lines(before: dict[str, str], after: dict[str, str], *, on_disk: set[str]) -> list[str]:
    old = reading(parsed(p, t) for p, t in before.items())
    new = reading(parsed(p, t) for p, t in after.items())
    return [c.render() for c in changes(old, new, exists=lambda p: p in on_disk)]


JANE = contact_text("Jane Doe", status="met")


def test_a_note_moved_to_another_folder():
    """Same meaning at a new path: one line, from and to."""
    assert lines({"contacts/Jane Doe.md": JANE}, {"people/Jane Doe.md": JANE}, on_disk=set()) == [
        "moved contacts/Jane Doe.md to people/Jane Doe.md"
    ]


def test_a_rename_of_a_note_that_names_its_person():
    """The name property keeps the meaning when the file is renamed."""
    assert lines({"contacts/Jane Doe.md": JANE}, {"contacts/Jane D.md": JANE}, on_disk=set()) == [
        "moved contacts/Jane Doe.md to contacts/Jane D.md"
    ]


def test_moved_and_changed_is_removed_and_added():
    """A different note at the new path is not the same note moved."""
    other = JANE.replace("status: met", "status: paused")
    assert lines({"contacts/Jane Doe.md": JANE}, {"people/Jane Doe.md": other}, on_disk=set()) == [
        "removed contacts/Jane Doe.md",
        "added people/Jane Doe.md (contact)",
    ]


def test_two_moves_pair_up_one_to_one():
    """Two notes of the same meaning moved: each old path is paired with one new path."""
    found = lines({"a/x.md": JANE, "a/y.md": JANE}, {"b/x.md": JANE, "b/y.md": JANE}, on_disk=set())
    assert found == ["moved a/x.md to b/x.md", "moved a/y.md to b/y.md"]
