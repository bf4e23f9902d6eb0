"""set_property changes one property's line, or adds one line, and keeps every other byte."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vaultkit.core.yamlsafe import load_properties
from vaultkit.store.edit import EditError, set_property

BOM = b"\xef\xbb\xbf"
DATE_KEYS = ("outreach_sent", "nudge_sent", "replied", "thank_you_sent", "follow_up")


def split_lines(raw: bytes) -> list[bytes]:
    """Lines with their endings kept; only \\n ends a line, as in the files."""
    return re.findall(rb"[^\n]*\n|[^\n]+$", raw)


def closing_index(lines: list[bytes]) -> int:
    """Index of the line that closes the properties block."""
    return next(i for i, line in enumerate(lines) if i > 0 and line.rstrip(b"\r\n") == b"---")


def properties(raw: bytes) -> dict[object, object]:
    """The properties of a note, read the way vaultkit reads them (CRLF as LF)."""
    lines = split_lines(raw.removeprefix(BOM))
    front = b"".join(lines[1 : closing_index(lines)]).decode("utf-8")
    data = load_properties(front.replace("\r\n", "\n"))
    return {} if data is None else data  # type: ignore[return-value]


# -- generated notes -------------------------------------------------------------------------

WORD = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,7}", fullmatch=True)
PLAIN = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z0-9 .,@/()-]{0,18}[A-Za-z0-9)]", fullmatch=True),
    st.sampled_from(["yes", "no", "true", "null", "~", "42", "3.5", "2026-01-01", "Zoë", "東京"]),
)
DOUBLE = st.from_regex(r"[A-Za-z0-9 :#,'\[\]{}-]{0,16}", fullmatch=True).map(lambda t: f'"{t}"')
SINGLE = st.from_regex(r"[A-Za-z0-9 :#,\"\[\]{}-]{0,16}", fullmatch=True).map(lambda t: f"'{t}'")
COMMENT = st.from_regex(r"[A-Za-z0-9 :'\"#-]{0,16}", fullmatch=True).map(lambda t: "# " + t)
SCALAR = st.one_of(PLAIN, DOUBLE, SINGLE)


@st.composite
def value_with_comment(draw: st.DrawFn, value: st.SearchStrategy[str]) -> str:
    text = draw(value)
    if draw(st.booleans()):
        text += draw(st.sampled_from([" ", "  ", "\t"])) + draw(COMMENT)
    return text


@st.composite
def other_property(draw: st.DrawFn, key: str, target: str) -> list[str]:
    """The lines of one property that is not the one being edited."""
    kind = draw(st.sampled_from(["scalar", "empty", "block", "flow", "nested", "literal"]))
    if kind == "scalar":
        return [f"{key}: {draw(value_with_comment(SCALAR))}"]
    if kind == "empty":
        return [f"{key}:" + draw(st.sampled_from(["", "  # to fill in"]))]
    if kind == "block":
        indent = draw(st.sampled_from(["", "  ", "    "]))
        items = draw(st.lists(SCALAR, min_size=1, max_size=3))
        return [f"{key}:"] + [f"{indent}- {item}" for item in items]
    if kind == "flow":
        items = draw(st.lists(st.one_of(WORD, DOUBLE), max_size=3))
        return [f"{key}: {draw(value_with_comment(st.just('[' + ', '.join(items) + ']')))}"]
    if kind == "nested":
        sub = draw(st.sampled_from([target, "when", "where"]))
        return [f"{key}:", f"  {sub}: {draw(SCALAR)}", f"  other: {draw(SCALAR)}"]
    lines = draw(st.lists(st.sampled_from([f"{target}: 2020-01-01", "text", "# not a comment"])))
    return [f"{key}: |"] + [f"  {line}" for line in lines or ["text"]]


@st.composite
def target_property(draw: st.DrawFn, key: str) -> list[str]:
    """The line of the property being edited, with a value or empty."""
    written = draw(st.sampled_from([key, key, f'"{key}"', f"'{key}'", f"{key} "]))
    if draw(st.booleans()):
        day = draw(st.dates()).isoformat()
        value = draw(st.sampled_from([day, f'"{day}"', f"'{day}'"]))
        return [f"{written}: {draw(value_with_comment(st.just(value)))}"]
    empty = draw(st.sampled_from(["", " ", " ~", " null", ' ""', "  # not yet", " # later"]))
    return [f"{written}:{empty}"]


FILLER = st.sampled_from(["", "   ", "# a comment", "#no space", "  # indented comment"])
BODY = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.lists(
        st.sampled_from(
            ["# Title", "---", "outreach_sent: 2020-01-01", "replied:", "text", "", "- [ ] x"]
        ),
        max_size=6,
    ).map("\n".join),
)


@dataclass
class Note:
    raw: bytes
    key: str
    newline: bytes
    target_line: int | None  # index in split_lines(raw without BOM) of the key's line


@st.composite
def notes(draw: st.DrawFn) -> Note:
    """A note with random properties, comments, blank lines, BOM, line endings and body."""
    key = draw(st.sampled_from(DATE_KEYS))
    names = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True).filter(
                lambda k: k not in DATE_KEYS
            ),
            unique=True,
            max_size=6,
        )
    )
    blocks = [draw(other_property(name, key)) for name in names]
    present = draw(st.booleans())
    if present:
        blocks.insert(draw(st.integers(0, len(blocks))), ["TARGET", *draw(target_property(key))])
    lines = ["---"]
    target_line = None
    for block in blocks:
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(FILLER))
        if block[0] == "TARGET":
            target_line = len(lines)
            block = block[1:]
        lines.extend(block)
    if draw(st.booleans()):
        lines.append(draw(FILLER))
    lines.append("---")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    body = draw(BODY)
    if body or draw(st.booleans()):
        text += newline + body
    raw = text.encode("utf-8")
    bom = draw(st.booleans())
    return Note(BOM + raw if bom else raw, key, newline.encode(), target_line)


# -- the round-trip property -----------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=notes(), day=st.dates())
@example(
    note=Note(b"---\ntype: contact\nreplied:\n   \nname: J\n---\n", "replied", b"\n", 2),
    day=dt.date(2026, 11, 21),
)
def test_set_property_changes_only_that_property(note: Note, day: dt.date) -> None:
    """Setting a date keeps every other property, line and byte as it was."""
    value = day.isoformat()
    before = properties(note.raw)
    result = set_property(note.raw, note.key, value)

    # (a) the same mapping with only that key changed, in the same order
    after = properties(result)
    expected = {**before, note.key: value}
    assert after == expected
    assert list(after) == list(expected)

    # (c) the BOM stays or stays away
    assert result.startswith(BOM) == note.raw.startswith(BOM)

    # (b) exactly one line replaced, or one line added before the closing ---
    old = split_lines(note.raw.removeprefix(BOM))
    new = split_lines(result.removeprefix(BOM))
    if note.target_line is None:
        close = closing_index(old)
        added = f"{note.key}: {value}".encode() + note.newline
        assert new == [*old[:close], added, *old[close:]]
    else:
        index = note.target_line
        assert len(new) == len(old)
        assert new[:index] == old[:index]
        assert new[index + 1 :] == old[index + 1 :]
        old_line, new_line = old[index], new[index]
        ending = note.newline
        assert old_line.endswith(ending) and new_line.endswith(ending)
        assert value.encode() in new_line
        key_part = old_line.split(b":", 1)[0]
        assert new_line.startswith(key_part + b":")
        comment = re.search(rb"[ \t]#.*$", old_line.rstrip(b"\r\n").split(b":", 1)[1])
        if comment:
            assert new_line.rstrip(b"\r\n").endswith(comment.group(0).lstrip(b" \t"))


@settings(max_examples=40, deadline=None)
@given(note=notes(), day=st.dates())
def test_set_property_twice_is_stable(note: Note, day: dt.date) -> None:
    """Setting the same value again changes nothing more."""
    once = set_property(note.raw, note.key, day.isoformat())
    assert set_property(once, note.key, day.isoformat()) == once


_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ReferenceLoader(_SAFE):  # type: ignore[misc, valid-type]
    """PyYAML's own safe loader (libyaml), timestamps left as text, as vaultkit reads them."""


ReferenceLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SAFE.yaml_implicit_resolvers.items()
}


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(note=notes())
def test_load_properties_agrees_with_yaml(note: Note) -> None:
    """Whatever shortcut load_properties takes, it reads what a YAML loader reads."""
    lines = split_lines(note.raw.removeprefix(BOM))
    front = b"".join(lines[1 : closing_index(lines)]).decode("utf-8").replace("\r\n", "\n")
    expected = yaml.load(front, Loader=ReferenceLoader) or {}
    assert properties(note.raw) == expected


# -- examples --------------------------------------------------------------------------------

NOTE = b"""\
---
# Jane, met at the alumni evening
type: contact
name: "Jane Doe"   # as she signs
company: 'Acme, Inc.'
email: jane.doe@example.com
tags:
  - product
  - alumni
outreach_sent: 2026-11-01  # the LinkedIn message
replied:
follow_up: 2026-12-01
---
# Jane Doe

outreach_sent: this body line is not a property
"""


def test_replaces_one_value_keeping_its_comment() -> None:
    """The value changes; the key, its spacing and its comment stay."""
    result = set_property(NOTE, "outreach_sent", "2026-11-20")
    assert result == NOTE.replace(
        b"outreach_sent: 2026-11-01  # the LinkedIn message",
        b"outreach_sent: 2026-11-20  # the LinkedIn message",
    )


def test_fills_an_empty_value() -> None:
    """An empty property gets its value on its own line, nothing else moves."""
    result = set_property(NOTE, "replied", "2026-11-21")
    assert result == NOTE.replace(b"replied:\n", b"replied: 2026-11-21\n")


def test_appends_a_missing_property_before_the_closing_dashes() -> None:
    """A property that is not there is added as the last line of the block."""
    result = set_property(NOTE, "nudge_sent", "2026-11-08")
    assert result == NOTE.replace(
        b"follow_up: 2026-12-01\n---\n", b"follow_up: 2026-12-01\nnudge_sent: 2026-11-08\n---\n"
    )


def test_comments_key_order_and_quoting_are_kept() -> None:
    """Comments, the order of keys, quoting and lists are untouched by an edit."""
    result = set_property(NOTE, "follow_up", "2027-01-15")
    text = result.decode()
    assert "# Jane, met at the alumni evening\n" in text
    assert 'name: "Jane Doe"   # as she signs\n' in text
    assert "company: 'Acme, Inc.'\n" in text
    assert "tags:\n  - product\n  - alumni\n" in text
    keys = [line.split(":")[0] for line in text.split("---")[1].splitlines() if ":" in line]
    assert keys == [
        "type",
        "name",
        "company",
        "email",
        "tags",
        "outreach_sent",
        "replied",
        "follow_up",
    ]


def test_body_lines_that_look_like_properties_are_not_touched() -> None:
    """A `key: value` line in the body is never mistaken for the property."""
    result = set_property(NOTE, "outreach_sent", "2026-11-20")
    assert result.endswith(b"outreach_sent: this body line is not a property\n")


def test_load_properties_reads_crlf_like_lf() -> None:
    """Properties with CRLF endings read the same values as with LF, with no stray \\r."""
    lf = "type: contact\nname: Jane Doe\nreplied: 2026-11-21\ntags: [a, b]\n"
    assert load_properties(lf.replace("\n", "\r\n")) == load_properties(lf)


def test_crlf_and_bom_are_kept() -> None:
    """A BOM and Windows line endings survive both a replacement and an addition."""
    raw = BOM + NOTE.replace(b"\n", b"\r\n")
    replaced = set_property(raw, "replied", "2026-11-21")
    assert replaced == raw.replace(b"replied:\r\n", b"replied: 2026-11-21\r\n")
    added = set_property(raw, "nudge_sent", "2026-11-08")
    assert added == raw.replace(b"\r\n---\r\n#", b"\r\nnudge_sent: 2026-11-08\r\n---\r\n#")


def test_quoted_key_is_edited_in_place() -> None:
    """A key written in quotes is found and kept as written."""
    raw = b'---\ntype: contact\n"replied": "2026-01-01" # old\n---\n'
    assert set_property(raw, "replied", "2026-11-21") == (
        b'---\ntype: contact\n"replied": 2026-11-21 # old\n---\n'
    )


def test_nested_key_of_the_same_name_is_not_edited() -> None:
    """An indented `replied:` inside another property is not the property."""
    raw = b"---\ntype: contact\nmeta:\n  replied: 2020-01-01\n---\n"
    assert set_property(raw, "replied", "2026-11-21") == (
        b"---\ntype: contact\nmeta:\n  replied: 2020-01-01\nreplied: 2026-11-21\n---\n"
    )


def test_indented_comment_after_an_empty_value_is_kept() -> None:
    """A comment line under an empty property is a comment, not part of the value."""
    raw = b"---\ntype: contact\nreplied:\n  # fill in when she answers\nstatus: contacted\n---\n"
    assert set_property(raw, "replied", "2026-11-21") == raw.replace(
        b"replied:\n", b"replied: 2026-11-21\n"
    )


def test_block_without_final_newline_after_closing() -> None:
    """A note that ends right after the closing --- gets one line added and no more."""
    raw = b"---\ntype: contact\n---"
    assert set_property(raw, "replied", "2026-11-21") == (
        b"---\ntype: contact\nreplied: 2026-11-21\n---"
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"# no properties\n",
        b"---\ntype: contact\nname: Jane\n",
        b"---\ntype: contact\nname: [Jane\n---\n",
        b"---\n- a\n- b\n---\n",
    ],
)
def test_refuses_notes_it_cannot_edit_safely(raw: bytes) -> None:
    """No block, an unclosed block, bad YAML or a list: an EditError, never a guess."""
    with pytest.raises(EditError):
        set_property(raw, "replied", "2026-11-21")


def test_an_edit_that_would_break_the_block_is_refused_in_words() -> None:
    """A value whose continuation the line edit cannot see is refused with a plain reason."""
    raw = b"---\ntype: contact\nreplied: [\n]\n---\n"
    with pytest.raises(EditError) as caught:
        set_property(raw, "replied", "2026-11-21")
    assert "would break the properties" in str(caught.value)
    assert "(" not in str(caught.value)


def test_unreadable_properties_are_refused_in_words() -> None:
    """Broken YAML is named as YAML users can fix, not as a Python tuple."""
    with pytest.raises(EditError) as caught:
        set_property(b"---\ntype: contact\nname: [Jane\n---\n", "replied", "2026-11-21")
    assert str(caught.value).startswith("the properties are not valid YAML")
    assert "vault check" in str(caught.value)
