"""The plain-lines reader of properties agrees with the YAML loader wherever it answers, and
gives up (hands the block to the loader) on nothing but what its docstring lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import EXAMPLE_VAULT
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vaultkit.core.yamlsafe import YamlProblem, load_yaml, simple_properties

KEYS = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,12}", fullmatch=True),
    st.sampled_from(["on", "Off", "YES", "no", "True", "null", "NULL", "y", "n", "_1"]),
)
WORDS = st.sampled_from(
    ["Jane Doe", "yes", "No", "null", "~", "0", "12", "-3", "012", "1.5", "1_000", "2026-11-03",
     "2026-02-30", "https://x.com/a#b", "a#b", "x: y", "[[Jane Doe]]", "O'Brien", "it's", "@me",
     "-x", "true", "on", "Zoë", "a, b", "", " ", "#c", "*x", "&a", "!t", "%p", "=", "<<"]
)  # fmt: skip
VALUES = st.one_of(
    WORDS,
    WORDS.map(lambda w: f'"{w}"'),
    WORDS.map(lambda w: f"'{w}'"),
    st.lists(WORDS, max_size=4).map(lambda ws: "[" + ", ".join(ws) + "]"),
    st.tuples(WORDS, WORDS).map(lambda t: f"{t[0]}  # {t[1]}"),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
LINES = st.one_of(
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}:{kv[1]}"),
    st.just("# a comment"),
    st.just(""),
    st.just("  - item"),
)


def full(text: str) -> object:
    try:
        return load_yaml(text)
    except YamlProblem:
        return YamlProblem


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=8), st.sampled_from(["\n", "\r\n"]))
@example(["ON: Jane Doe"], "\n")  # keys YAML reads as booleans or null, not text
@example(["name: x", "off: y"], "\n")
@example(["Null: 1"], "\r\n")
def test_simple_reading_matches_yaml(lines: list[str], newline: str) -> None:
    """For any block of lines, the plain reader gives up or gives exactly what YAML gives."""
    text = newline.join(lines) + newline
    simple = simple_properties(text)
    if simple is not None:
        assert simple == full(text)


def test_common_properties_take_the_simple_path() -> None:
    """Properties as Obsidian writes them are read without the YAML loader."""
    text = (
        'type: contact\nname: Jane Doe\ncontact: "[[Jane Doe]]"\ntags: [ux, research]\n'
        "date: 2026-11-24T15:00\ncadence: 30  # days\nfollow_up:\n"
    )
    assert simple_properties(text) == {
        "type": "contact",
        "name": "Jane Doe",
        "contact": "[[Jane Doe]]",
        "tags": ["ux", "research"],
        "date": "2026-11-24T15:00",
        "cadence": 30,
        "follow_up": None,
    }


def test_a_remembered_list_is_a_new_list_each_time() -> None:
    """Values are remembered across notes; changing one note's list leaves the next alone."""
    first = simple_properties("tags: [ux, research]\n")
    assert first is not None
    first["tags"].append("changed")  # type: ignore[union-attr]
    assert simple_properties("tags: [ux, research]\n") == {"tags": ["ux", "research"]}


# -- what the simple reader must answer itself --------------------------------------------
# Built from the forms simple_properties' docstring promises to read, never from its code:
# any give-up on these blocks is a give-up the docstring does not allow.

# The keys YAML 1.1 (as PyYAML resolves it) reads as booleans or null rather than text.
NOT_TEXT_KEYS = {
    *("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False"),
    *("FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"),
}
KEY_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
TEXT_KEYS = st.one_of(
    st.sampled_from(["type", "name", "contact", "tags", "date", "status", "follow_up", "_1"]),
    st.tuples(st.sampled_from(KEY_START), st.text(KEY_START + "0123456789-", max_size=12))
    .map("".join)
    .filter(lambda key: key not in NOT_TEXT_KEYS),
)
LETTERS = st.characters(categories=("L",))
# Printable, no tab and no backslash (those two are the loader's).
PRINTABLE = st.characters(exclude_categories=("C", "Z"), exclude_characters="\\") | st.just(" ")
PLAIN_TEXT = st.tuples(
    LETTERS, st.text(LETTERS | st.sampled_from("0123456789 .,'-()/&!?@[]"), max_size=15)
).map("".join)
FLOW_ITEM = st.tuples(
    LETTERS, st.text(LETTERS | st.sampled_from("0123456789 .'-()/&!?@"), max_size=10)
).map(lambda t: "".join(t).strip())
DECIMAL = st.tuples(st.sampled_from(["", "+"]), st.integers(0, 10**15)).map(
    lambda t: f"{t[0]}{t[1]}"
)
SIMPLE_WORDS = st.sampled_from(
    ["Jane Doe", "yes", "No", "TRUE", "off", "null", "Null", "~", "0", "2026-11-03",
     "2026-02-30", "2026-11-24T15:00", "https://x.com/a#b", "a#b", "O'Brien", "it's",
     "Zoë", "a, b", "x:y", "y", "n", "inf", "nan", "Acme, Inc."]
)  # fmt: skip
SIMPLE_VALUES = st.one_of(
    PLAIN_TEXT,
    DECIMAL,
    SIMPLE_WORDS,
    st.text(PRINTABLE.filter(lambda c: c != '"'), max_size=15).map(lambda t: f'"{t}"'),
    st.text(PRINTABLE.filter(lambda c: c != "'"), min_size=1, max_size=15).map(
        lambda t: f"'{t}'"
    ),  # not '': two single quotes in a row are the loader's
    st.tuples(
        st.lists(
            FLOW_ITEM
            | DECIMAL
            | SIMPLE_WORDS.filter(lambda w: "," not in w and "#" not in w and w[0].isalnum()),
            max_size=4,
        ),
        st.sampled_from([",", ", ", " , "]),
    ).map(lambda t: "[" + t[1].join(t[0]) + "]"),
)
COMMENTS = st.text(PRINTABLE, max_size=12).map(lambda t: "#" + t)
SIMPLE_LINE_ENDS = st.one_of(
    st.just(""),
    st.tuples(st.integers(1, 3), COMMENTS).map(lambda t: " " * t[0] + t[1]),
)


SIMPLE_LINES = st.tuples(
    TEXT_KEYS,
    st.sampled_from([": ", ":  "]),
    st.just("") | SIMPLE_VALUES,
    SIMPLE_LINE_ENDS,
    st.sampled_from([(), (), ("",), ("# a comment",), ("#",)]),
)


@st.composite
def simple_blocks(draw: st.DrawFn) -> str:
    """A properties block made only of the forms the simple reader promises to read."""
    lines = draw(st.lists(SIMPLE_LINES, min_size=1, max_size=6, unique_by=lambda line: line[0]))
    text = []
    for key, colon, value, end, before in lines:
        text += [*before, f"{key}{colon if value else ':'}{value}{end}"]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(text) + newline


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(simple_blocks())
@example("name: Jane Doe\n")
@example('contact: "[[Jane Doe]]"\ntags: [ux, research]  # two\ncadence: +30\r\n')
def test_simple_reader_answers_every_block_of_the_forms_it_promises(text: str) -> None:
    """It never gives up on a block of documented simple forms, and answers as YAML does."""
    simple = simple_properties(text)
    assert simple is not None, f"gave up on {text!r}"
    assert simple == full(text)


# -- what it hands on to the YAML loader ------------------------------------------------------

HANDED_ON = {
    "a tab": "name:\tJane Doe\n",
    "a backslash": 'name: "Jane\\u00e9"\n',
    "a lone carriage return": "type: contact\rname: Jane\n",
    "a control character": "name: Ja\x07ne\n",
    "a non-breaking space": "name: Jane\xa0Doe\n",
    "a block list": "tags:\n  - ux\n  - research\n",
    "an indented line": "name: Jane\n  role: PM\n",
    "a whitespace-only line": "name: Jane\n   \n",
    "a key with a space": "first name: Jane\n",
    "a quoted key": '"name": Jane\n',
    "a key starting with a digit": "2nd: Jane\n",
    "no space after the colon": "name:Jane\n",
    "a key read as a boolean": "on: Jane\n",
    "a key read as null": "Null: Jane\n",
    "a key written twice": "name: Jane\nname: Sam\n",
    "no key at all": "# only a comment\n\n",
    "an anchor": "name: &a Jane\n",
    "an alias": "name: *a\n",
    "a tag": "name: !!str Jane\n",
    "a block scalar": "notes: |\n  text\n",
    "a flow mapping": "name: {first: Jane}\n",
    "a value starting with a dash": "role: -x\n",
    "a negative number": "cadence: -3\n",
    "a value starting with @": "handle: @jane\n",
    "': ' in plain text": "role: Head: Product\n",
    "a float": "duration: 1.5\n",
    "an integer with a leading zero": "phone: 0123\n",
    "an integer with underscores": "cadence: 1_000\n",
    "a sexagesimal integer": "duration: 1:30\n",
    "a hexadecimal integer": "duration: 0x1F\n",
    "YAML's merge key": "name: <<\n",
    "YAML's value key": "name: =\n",
    "text after a closing quote": 'name: "Jane" Doe\n',
    "an unclosed quote": 'name: "Jane\n',
    "two single quotes": "name: 'O''Brien'\n",
    "an empty single-quoted string": "name: ''\n",
    "a nested list": "contact: [[Jane Doe]]\n",
    "an unclosed list": "tags: [ux, research\n",
    "text after a list": "tags: [ux] research\n",
    "a quoted item in a list": 'tags: ["ux", research]\n',
    "an empty item in a list": "tags: [ux, , research]\n",
    "a list item starting with a dash": "tags: [-ux]\n",
}


@pytest.mark.parametrize("text", HANDED_ON.values(), ids=HANDED_ON.keys())
def test_each_documented_case_goes_to_the_loader(text: str) -> None:
    """Each kind of block the docstring lists as the loader's is handed on (None)."""
    assert simple_properties(text) is None


def properties_of(note: Path) -> str:
    """The lines between a note's opening `---` and its closing one."""
    text = note.read_text(encoding="utf-8")
    assert text.startswith("---\n"), note
    return text[4 : text.index("\n---\n", 3) + 1]


def test_example_vault_notes_go_to_the_loader_only_for_block_lists() -> None:
    """Of the example vault's notes, exactly those with a block list (`  - item`, as
    Obsidian writes lists) are handed on; every other note is read by the simple reader."""
    notes = {
        note.relative_to(EXAMPLE_VAULT).as_posix(): properties_of(note)
        for note in sorted(EXAMPLE_VAULT.glob("*/*.md"))
        if note.read_text(encoding="utf-8").startswith("---\n")
    }
    handed_on = {path for path, text in notes.items() if simple_properties(text) is None}
    with_block_lists = {path for path, text in notes.items() if "\n  - " in text}
    assert handed_on == with_block_lists
    assert len(notes) - len(handed_on) >= 20, "most notes take the simple path"
