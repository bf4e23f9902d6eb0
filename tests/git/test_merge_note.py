"""The notes' merge itself: properties key by key, every byte neither side changed kept."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.git.merge import Labels, git_merge_file, merge_note

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SAM = """\
---
type: contact
name: Sam Lee
company: Acme  # since 2024
status: contacted
outreach_sent: 2026-11-01
nudge_sent:
replied:
follow_up:
---
# Sam Lee

## Log

- 2026-11-01 wrote to Sam
"""


def merge(base: str, ours: str, theirs: str, **options: object) -> tuple[str, object]:
    merged = merge_note(base.encode(), ours.encode(), theirs.encode(), **options)  # type: ignore[arg-type]
    return merged.data.decode(), merged


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def no_git(*args: object) -> tuple[bytes, int]:
    raise AssertionError("the body should not need git here")


# -- examples -------------------------------------------------------------------------------


def test_neighbouring_properties_merge_cleanly():
    """nudge_sent on one side and replied, the next line, on the other: both dates kept."""
    ours = sub(SAM, "nudge_sent:\n", "nudge_sent: 2026-11-08\n")
    theirs = sub(SAM, "replied:\n", "replied: 2026-11-09\n")
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == sub(ours, "replied:\n", "replied: 2026-11-09\n")


def test_the_same_change_on_both_sides_is_kept_once():
    """Both machines marked the same reply: one line, no conflict."""
    ours = sub(sub(SAM, "replied:\n", "replied: 2026-11-09\n"), "status: contacted", "status: met")
    theirs = sub(SAM, "replied:\n", "replied: 2026-11-09\n")
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == ours


def test_the_same_value_written_differently_is_no_disagreement():
    """A date quoted on one side and plain on the other is the same value: ours is kept."""
    ours = sub(SAM, "replied:\n", "replied: 2026-11-09\n")
    theirs = sub(SAM, "replied:\n", 'replied: "2026-11-09"\n')
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == ours


def test_two_reply_dates_conflict_on_replied_alone():
    """Two different reply dates: git's markers around the replied line only; the nudge the
    other side also wrote, on the line above, merges."""
    ours = sub(SAM, "replied:\n", "replied: 2026-11-09\n")
    theirs = sub(
        sub(SAM, "replied:\n", "replied: 2026-11-10\n"), "nudge_sent:", "nudge_sent: 2026-11-08"
    )
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.conflicted_keys == ("replied",)
    assert merged.body_conflicts == 0
    assert text == sub(
        SAM,
        "nudge_sent:\nreplied:\n",
        "nudge_sent: 2026-11-08\n"
        "<<<<<<< HEAD\n"
        "replied: 2026-11-09\n"
        "=======\n"
        "replied: 2026-11-10\n"
        ">>>>>>> incoming\n",
    )


def test_conflict_labels_marker_size_and_diff3():
    """The labels git passes, its marker size and the diff3 style's base section are used."""
    ours = sub(SAM, "status: contacted", "status: paused")
    theirs = sub(SAM, "status: contacted", "status: declined")
    labels = Labels(ours="HEAD", base="parent of 1a2b3c4", theirs="1a2b3c4 (decline)")
    text, merged = merge(SAM, ours, theirs, labels=labels, marker_size=9, diff3=True)
    assert merged.conflicted_keys == ("status",)
    assert text == sub(
        SAM,
        "status: contacted\n",
        "<<<<<<<<< HEAD\n"
        "status: paused\n"
        "||||||||| parent of 1a2b3c4\n"
        "status: contacted\n"
        "=========\n"
        "status: declined\n"
        ">>>>>>>>> 1a2b3c4 (decline)\n",
    )


def test_deleted_on_one_side_changed_on_the_other_conflicts():
    """A key one side deleted and the other changed is a conflict with one side empty."""
    ours = sub(SAM, "company: Acme  # since 2024\n", "")
    theirs = sub(SAM, "company: Acme", "company: Acme Corp")
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.conflicted_keys == ("company",)
    assert "<<<<<<< HEAD\n=======\ncompany: Acme Corp  # since 2024\n>>>>>>> incoming\n" in text


def test_a_key_deleted_on_one_side_goes():
    """A key one side deleted and the other left alone is gone; the other side's edit stays."""
    ours = sub(SAM, "company: Acme  # since 2024\n", "")
    theirs = sub(SAM, "replied:\n", "replied: 2026-11-09\n")
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == sub(ours, "replied:\n", "replied: 2026-11-09\n")


def test_keys_added_at_the_end_on_both_sides_are_both_kept():
    """cadence on one side and tags on the other, both after follow_up: both, in an order
    that does not depend on which side is ours."""
    ours = sub(SAM, "follow_up:\n", "follow_up:\ncadence: 30\n")
    theirs = sub(SAM, "follow_up:\n", "follow_up:\ntags: [alumni]\n")
    expected = sub(SAM, "follow_up:\n", "follow_up:\ncadence: 30\ntags: [alumni]\n")
    assert merge(SAM, ours, theirs, merge_text=no_git)[0] == expected
    assert merge(SAM, theirs, ours, merge_text=no_git)[0] == expected


def test_a_key_added_lands_where_its_side_put_it():
    """A key added in the middle of the block stays there, beside the other side's edit."""
    ours = sub(SAM, "company: Acme  # since 2024\n", "company: Acme  # since 2024\nrole: CTO\n")
    theirs = sub(SAM, "follow_up:\n", "follow_up: 2026-12-01\n")
    text, _ = merge(SAM, ours, theirs, merge_text=no_git)
    assert text == sub(ours, "follow_up:\n", "follow_up: 2026-12-01\n")


def test_comments_blank_lines_bom_and_crlf_survive():
    """A BOM, CRLF endings, comments, blank lines and a nested list are kept as written."""
    base = (
        "\ufeff---\r\ntype: contact\r\n# who\r\nname: Sam Lee\r\n\r\ntags:\r\n  - alumni\r\n"
        "  - acme\r\nreplied:\r\nfollow_up:\r\n---\r\nBody\r\n"
    )
    ours = sub(base, "replied:", "replied: 2026-11-09")
    theirs = sub(base, "  - acme\r\n", "  - acme\r\n  - mentor\r\n")
    text, merged = merge(base, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == sub(ours, "  - acme\r\n", "  - acme\r\n  - mentor\r\n")


def test_one_side_resaved_with_crlf():
    """One side turned every line ending into CRLF and the other marked a date: the date
    lands, in CRLF like the rest."""
    ours = SAM.replace("\n", "\r\n")
    theirs = sub(SAM, "replied:\n", "replied: 2026-11-09\n")
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == sub(SAM, "replied:\n", "replied: 2026-11-09\n").replace("\n", "\r\n")
    assert merge(SAM, theirs, ours, merge_text=no_git)[0] == text


def test_a_property_on_one_side_and_a_body_line_on_the_other():
    """One side logs a line in the body, the other marks a date: both, no git needed."""
    ours = SAM + "- 2026-11-09 call with Sam\n"
    theirs = sub(SAM, "nudge_sent:", "nudge_sent: 2026-11-08")
    text, merged = merge(SAM, ours, theirs, merge_text=no_git)
    assert merged.clean
    assert text == theirs + "- 2026-11-09 call with Sam\n"


def test_body_changes_on_both_sides_go_to_git_merge_file():
    """Both sides changed the body: git merge-file merges it, with git's markers on a
    conflict, while the properties still merge key by key."""
    ours = sub(SAM, "nudge_sent:", "nudge_sent: 2026-11-08") + "- 2026-11-08 nudged\n"
    theirs = sub(SAM, "replied:", "replied: 2026-11-09") + "- 2026-11-09 replied\n"
    text, merged = merge(SAM, ours, theirs)
    assert merged.conflicted_keys == ()
    assert merged.body_conflicts == 1
    assert text == sub(
        sub(SAM, "nudge_sent:", "nudge_sent: 2026-11-08"), "replied:", "replied: 2026-11-09"
    ) + ("<<<<<<< HEAD\n- 2026-11-08 nudged\n=======\n- 2026-11-09 replied\n>>>>>>> incoming\n")
    far = sub(SAM, "# Sam Lee\n", "# Sam Lee\n\nMet at the alumni dinner.\n")
    text, merged = merge(SAM, far, SAM + "- 2026-11-09 replied\n")
    assert merged.clean
    assert text == far + "- 2026-11-09 replied\n"


@pytest.mark.parametrize(
    "base",
    [
        "# A note without properties\n\nFirst line.\n",
        "---\ntype: contact\nname: Sam\nnot closed\n",
        "---\ntype: contact\nname: Sam\nname: Sam Lee\n---\nkey written twice\n",
        "---\ntype: contact\n  indented: first\n---\nunder no key\n",
        "---\ntype: contact\n<<<<<<< a (b: c)\nname: A\n=======\nname: B\n>>>>>>> d\n---\n",
    ],
    ids=["no properties", "unclosed", "repeated key", "stray indent", "conflict markers"],
)
def test_files_without_readable_properties_merge_as_git_would(base: str):
    """Without a properties block that splits into keys, the whole file is git merge-file's."""
    ours = "ours line\n" + base
    theirs = base + "theirs line\n"
    text, merged = merge(base, ours, theirs)
    expected = git_merge_file(ours.encode(), base.encode(), theirs.encode(), Labels(), 7)
    assert (text.encode(), 0) == expected
    assert merged.clean


def test_an_unchanged_side_gives_the_other():
    """When one side is the base, the result is the other side, byte for byte."""
    theirs = "\ufeffanything\r\n<<<<<<< even this\n"
    assert merge(SAM, SAM, theirs)[0] == theirs
    assert merge(SAM, theirs, SAM)[0] == theirs


# -- properties that hold for every note ----------------------------------------------------

KEYS = ["type", "name", "company", "role", "status", "outreach_sent", "nudge_sent", "replied"]
NEW_KEYS = ["follow_up", "cadence", "tags", "email", "phone"]
LISTED = "aliases"
VALUES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "met", "Acme Corp", "30", '"[[Jane Doe]]"', "[a, b]", "O'Brien"]),
)


@dataclass(frozen=True)
class Note:
    """A note as lines of (key, value) or loose lines (key None), rendered to bytes."""

    lines: tuple[tuple[str | None, str], ...]
    newline: str
    bom: bool
    body: str

    def render(self) -> bytes:
        front = "".join(
            (f"{k}: {v}".rstrip(" ") if k is not None else v).replace("\n", self.newline)
            + self.newline
            for k, v in self.lines
        )
        nl = self.newline
        text = f"---{nl}{front}---{nl}{self.body.replace(chr(10), nl)}"
        return ("\ufeff" if self.bom else "").encode() + text.encode()

    def key_names(self) -> list[str]:
        """The keys edits may touch: all but the block list."""
        return [k for k, _ in self.lines if k is not None and k != LISTED]


@st.composite
def notes(draw: st.DrawFn) -> Note:
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=2, unique=True))
    lines: list[tuple[str | None, str]] = [(k, draw(VALUES)) for k in keys]
    if draw(st.booleans()):  # a block list, which the edits leave alone
        lines.insert(draw(st.integers(0, len(lines))), (LISTED, "\n  - alumni\n\n  - Acme"))
    for _ in range(draw(st.integers(0, 2))):
        loose = draw(st.sampled_from(["", "# a comment", "#"]))
        lines.insert(draw(st.integers(0, len(lines))), (None, loose))
    body = draw(st.sampled_from(["", "# Sam\n", "# Sam\n\n## Log\n\n- 2026-11-01 wrote\n"]))
    return Note(tuple(lines), draw(st.sampled_from(["\n", "\r\n"])), draw(st.booleans()), body)


@dataclass(frozen=True)
class Edit:
    """Set a key's value, delete it, or add a new key after another (None: at the top)."""

    key: str
    value: str | None  # None deletes
    after: str | None = None
    adds: bool = False

    def apply(self, note: Note) -> Note:
        lines = list(note.lines)
        if self.adds:
            at = 0 if self.after is None else [k for k, _ in lines].index(self.after) + 1
            lines.insert(at, (self.key, self.value or ""))
        else:
            at = [k for k, _ in lines].index(self.key)
            if self.value is None:
                del lines[at]
            else:
                lines[at] = (self.key, self.value)
        return replace(note, lines=tuple(lines))


@st.composite
def edits(draw: st.DrawFn, note: Note, avoid: str | None = None) -> Edit:
    present = [k for k in note.key_names() if k != avoid]
    choices = ["set", "delete", "add"] if present else ["add"]
    kind = draw(st.sampled_from(choices))
    if kind == "add":
        key = draw(st.sampled_from([k for k in NEW_KEYS if k != avoid]))
        after = draw(st.sampled_from([None, *note.key_names()]))
        return Edit(key, draw(VALUES), after, adds=True)
    key = draw(st.sampled_from(present))
    old = dict(note.lines)[key]
    if kind == "delete":
        return Edit(key, None)
    return Edit(key, draw(VALUES.filter(lambda v: v != old)))


def yaml_of(data: bytes) -> object:
    front = data.decode("utf-8-sig").replace("\r\n", "\n").split("---\n")[1]
    return yaml.load(front, Loader=yaml.BaseLoader)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_edits_of_different_keys_merge_as_both_applied(data: st.DataObject):
    """For any note and two edits touching different keys (set, delete or add, anywhere),
    the merge is clean and is the note with both edits applied, byte for byte."""
    base = data.draw(notes())
    mine = data.draw(edits(base))
    other = data.draw(edits(base, avoid=mine.key))
    if mine.adds and other.adds and mine.after == other.after:
        return  # two keys added at one place: the next test says in which order
    if (mine.after is not None and mine.after == other.key) or (
        other.after is not None and other.after == mine.key
    ):
        return  # an addition anchored on a key the other side deletes has no one answer
    merged = merge_note(
        base.render(), mine.apply(base).render(), other.apply(base).render(), merge_text=no_git
    )
    assert merged.clean
    assert merged.data == other.apply(mine.apply(base)).render()


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_both_adding_keys_at_one_place_keep_both(data: st.DataObject):
    """Two different keys added after the same key are both kept, by name, whichever side
    is ours."""
    base = data.draw(notes())
    anchor = data.draw(st.sampled_from([None, *base.key_names()]))
    first, second = sorted(
        data.draw(st.lists(st.sampled_from(NEW_KEYS), min_size=2, max_size=2, unique=True))
    )
    mine = Edit(first, data.draw(VALUES), anchor, adds=True)
    other = Edit(second, data.draw(VALUES), anchor, adds=True)
    expected = mine.apply(other.apply(base)).render()  # first, then second
    for ours, theirs in ((mine, other), (other, mine)):
        merged = merge_note(
            base.render(), ours.apply(base).render(), theirs.apply(base).render(), merge_text=no_git
        )
        assert merged.clean
        assert merged.data == expected


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_two_values_for_one_key_conflict_on_that_key_alone(data: st.DataObject):
    """Two different values for one key: a conflict naming that key alone, its markers
    around that key's two lines only, every other line as it was."""
    base = data.draw(notes())
    key = data.draw(st.sampled_from(base.key_names()))
    old = dict(base.lines)[key]
    mine_value = data.draw(VALUES.filter(lambda v: v != old))
    other_value = data.draw(VALUES.filter(lambda v: v not in (old, mine_value)))
    ours, theirs = Edit(key, mine_value).apply(base), Edit(key, other_value).apply(base)
    if yaml_of(ours.render()) == yaml_of(theirs.render()):
        return  # the same value written two ways (2026-01-01 and "2026-01-01"): no conflict
    merged = merge_note(base.render(), ours.render(), theirs.render(), merge_text=no_git)
    assert merged.conflicted_keys == (key,)
    nl = base.newline
    block = (
        f"<<<<<<< HEAD{nl}{key}: {mine_value}".rstrip(" ")
        + f"{nl}======={nl}{key}: {other_value}".rstrip(" ")
        + f"{nl}>>>>>>> incoming{nl}"
    )
    expected = (
        ours.render().decode("utf-8").replace(f"{key}: {mine_value}".rstrip(" ") + nl, block, 1)
    )
    assert merged.data.decode("utf-8") == expected
    assert len(re.findall("^<<<<<<<", expected, re.M)) == 1
