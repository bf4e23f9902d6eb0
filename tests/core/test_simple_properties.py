"""The plain-lines reader of properties agrees with the YAML loader wherever it answers."""

from __future__ import annotations

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
