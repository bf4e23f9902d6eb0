"""Safe file names for people, and finding a contact from what the user typed."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.core.model import Contact
from vaultkit.core.names import NameIndex, fold, safe_file_stem
from vaultkit.errors import VaultError


def assert_inside(folder: Path, stem: str) -> None:
    """The stem names a file directly inside folder, not hidden and with no separators."""
    for bad in ("/", "\\", "\x00"):
        assert bad not in stem
    assert not stem.startswith(".")
    assert stem == stem.strip()
    assert len(stem.encode("utf-8")) <= 200
    assert Path(folder, stem + ".md").resolve().parent == folder.resolve()


@pytest.mark.parametrize(
    "name",
    [
        "../evil",
        "../../etc/passwd",
        "/etc/passwd",
        "a/b/c",
        "..\\..\\windows",
        "C:\\Users\\x",
        "Jane: the PM",
        "tab\there",
        "new\nline",
        "nul\x00byte",
        "bell\x07and\x1bescape",
        "del\x7f",
        "a/../..",
        ".hidden",
        "...dots",
        "./Jane",
        " .. Jane .. ",
    ],
)
def test_stem_stays_inside_the_folder(tmp_path: Path, name: str) -> None:
    """Separators, `..`, control characters and leading dots never escape the folder."""
    stem = safe_file_stem(name)
    assert_inside(tmp_path, stem)
    assert not any(ord(c) < 32 or ord(c) == 127 for c in stem)
    assert ":" not in stem


def test_ordinary_names_are_kept() -> None:
    """Names people have are used as they are, so Obsidian links still resolve."""
    for name in ["Jane Doe", "Zoë Martin", "José García-López", "O'Brien", "李小龍", "Anne-Marie"]:
        assert safe_file_stem(name) == name


def test_path_names_keep_their_words() -> None:
    """`../evil` becomes `evil`, and a slash becomes a space."""
    assert safe_file_stem("../evil") == "evil"
    assert safe_file_stem("a/b") == "a b"


@pytest.mark.parametrize("name", ["", "   ", ".", "..", "...", "/", "../..", "\x00", "\n\t"])
def test_names_with_nothing_usable_are_refused(name: str) -> None:
    """A name with no usable characters is a VaultError (exit 2), never an empty file name."""
    with pytest.raises(VaultError) as caught:
        safe_file_stem(name)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("char", ["é", "日", "😀", "a"])
def test_long_names_are_cut_on_a_character_boundary(char: str) -> None:
    """Names over 200 bytes are cut to at most 200 bytes of valid UTF-8."""
    stem = safe_file_stem(char * 300)
    encoded = stem.encode("utf-8")
    assert 200 - len(char.encode()) < len(encoded) <= 200
    assert set(stem) == {char}


def test_long_name_with_combining_accents_stays_valid(tmp_path: Path) -> None:
    """Decomposed accents are composed first, and the cut leaves valid text."""
    stem = safe_file_stem("e\u0301" * 300)
    assert stem == "é" * 100
    assert_inside(tmp_path, stem)


def test_windows_reserved_names_are_changed() -> None:
    """CON, NUL and friends do not become device names on Windows."""
    for name in ["CON", "nul", "COM1", "lpt9"]:
        assert safe_file_stem(name).upper() != name.upper()


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=300))
def test_any_text_is_refused_or_safe(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    """For any text: a VaultError, or a stem that stays inside the folder."""
    folder = tmp_path_factory.getbasetemp() / "contacts"
    try:
        stem = safe_file_stem(name)
    except VaultError:
        return
    assert_inside(folder, stem)


@settings(max_examples=200, deadline=None)
@given(name=st.lists(st.sampled_from(["..", ".", "/", "\\", "a", " ", "é", ":"]), max_size=30))
def test_path_like_text_is_refused_or_safe(
    tmp_path_factory: pytest.TempPathFactory, name: list[str]
) -> None:
    """Text built from path pieces never gives a stem that climbs out of the folder."""
    folder = tmp_path_factory.getbasetemp() / "contacts"
    try:
        stem = safe_file_stem("".join(name))
    except VaultError:
        return
    assert_inside(folder, stem)
    assert stem not in (".", "..")


# -- NameIndex -------------------------------------------------------------------------------


def contact(stem: str, name: str | None = None, aliases: tuple[str, ...] = ()) -> Contact:
    """A contact note at contacts/<stem>.md."""
    return Contact(path=f"contacts/{stem}.md", name=name or stem, lines={}, aliases=aliases)


@pytest.fixture
def people() -> NameIndex:
    """A small address book with accents, aliases and a name different from its file."""
    return NameIndex.of(
        [
            contact("Zoë Martin"),
            contact("Jane Doe", aliases=("JD", "Janie")),
            contact("Samuel Lee", name="Sam Lee"),
            contact("José García"),
            contact("Jon Smith", aliases=("JS",)),
            contact("Joan Smith", aliases=("JS",)),
        ]
    )


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("Jane Doe", "contacts/Jane Doe.md"),
        ("jane doe", "contacts/Jane Doe.md"),
        ("  JANE   DOE ", "contacts/Jane Doe.md"),
        ("jd", "contacts/Jane Doe.md"),
        ("Janie", "contacts/Jane Doe.md"),
        ("Samuel Lee", "contacts/Samuel Lee.md"),
        ("sam lee", "contacts/Samuel Lee.md"),
        ("zoe martin", "contacts/Zoë Martin.md"),
        ("ZOË MARTIN", "contacts/Zoë Martin.md"),
        ("Zoe\u0308 Martin", "contacts/Zoë Martin.md"),
        ("jose garcia", "contacts/José García.md"),
    ],
)
def test_resolve_by_file_name_name_and_aliases(people: NameIndex, typed: str, path: str) -> None:
    """File names, `name` and `aliases` all find the person, ignoring case and accents."""
    assert people.resolve(typed).path == path


def test_zoe_finds_zoe_with_diaeresis() -> None:
    """`zoe` finds the contact called `Zoë`, and `ZOË` finds one called `Zoe`."""
    assert NameIndex.of([contact("Zoë")]).resolve("zoe").path == "contacts/Zoë.md"
    assert NameIndex.of([contact("Zoe")]).resolve("ZOË").path == "contacts/Zoe.md"


def test_fold_ignores_case_accents_and_spacing() -> None:
    """fold makes `Zoë`, `zoe` and decomposed `Zoe\u0308` the same key."""
    assert fold("Zoë") == fold("zoe") == fold("Zoe\u0308") == fold(" ZOE ")
    assert fold("Straße") == fold("STRASSE")
    assert unicodedata.is_normalized("NFC", fold("Zoë"))


def test_ambiguous_name_lists_every_match(people: NameIndex) -> None:
    """A name two contacts answer to fails with both paths and exit code 1."""
    with pytest.raises(VaultError) as caught:
        people.resolve("js")
    assert caught.value.exit_code == 1
    assert "contacts/Jon Smith.md" in caught.value.message
    assert "contacts/Joan Smith.md" in caught.value.message


def test_missing_name_suggests_the_closest(people: NameIndex) -> None:
    """A misspelt name fails with exit code 1 and the closest names."""
    with pytest.raises(VaultError) as caught:
        people.resolve("Jane Do")
    assert caught.value.exit_code == 1
    assert "Jane Doe" in caught.value.message


def test_missing_name_suggests_by_part(people: NameIndex) -> None:
    """A first name alone suggests the full names that contain it."""
    with pytest.raises(VaultError) as caught:
        people.resolve("zoe")
    assert "Zoë Martin" in caught.value.message


def test_missing_name_with_nothing_close(people: NameIndex) -> None:
    """A name like nobody's says how to list or create contacts."""
    with pytest.raises(VaultError) as caught:
        people.resolve("Xavier Quimby")
    assert caught.value.exit_code == 1
    assert "vault new contact" in caught.value.message or "vault ls" in caught.value.message


def test_empty_index_resolves_nothing() -> None:
    """An empty vault answers every name with a clear VaultError."""
    with pytest.raises(VaultError):
        NameIndex.of([]).resolve("Jane Doe")


def test_a_name_whose_note_is_broken_names_the_file(people: NameIndex) -> None:
    """When NAME is only the file name of a note that cannot be read, that file is named."""
    with pytest.raises(VaultError) as caught:
        people.resolve("grace hopper", broken=["contacts/Grace Hopper.md", "interviews/x.md"])
    assert caught.value.exit_code == 1
    assert "contacts/Grace Hopper.md cannot be read" in caught.value.message
