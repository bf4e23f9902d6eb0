"""Wrong data becomes a Problem with its path, its line and a sentence anyone can act on."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import write

from vaultkit.core.config import load_config
from vaultkit.core.model import Contact, Interview, Problem
from vaultkit.core.note import read_note
from vaultkit.store.index import load_vault

# Words that mean a programmer's message leaked through to the user.
JARGON = ("Traceback", "Error", "Exception", "NoneType", "\\x", "b'", "<", "column")


def problems_of(raw: bytes | str, path: str = "contacts/Jane Doe.md") -> list[Problem]:
    """The problems of one note read from the contacts folder."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return read_note(path, data, strict_folder=True).problems


def only_problem(raw: bytes | str, path: str = "contacts/Jane Doe.md") -> Problem:
    """The single problem a note has."""
    found = problems_of(raw, path)
    assert len(found) == 1, found
    assert found[0].path == path
    for word in JARGON:
        assert word not in found[0].message
    return found[0]


def has_words(message: str, *words: str) -> bool:
    """Whether every word appears in the message, ignoring case."""
    return all(w.lower() in message.lower() for w in words)


def test_yaml_syntax_error_names_its_line() -> None:
    """A value holding ': ' without quotes is reported on its own line."""
    problem = only_problem("---\ntype: contact\nname: Jane\nrole: Head: of things\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "not valid YAML")


def test_yaml_syntax_error_says_how_to_fix_it() -> None:
    """The message for ': ' inside a value tells a non-programmer to use quotes."""
    problem = only_problem("---\ntype: contact\nname: Jane\nrole: Head: of things\n---\n")
    assert has_words(problem.message, "quotes")


def test_unclosed_quote_points_at_the_quote() -> None:
    """An unclosed quote is reported on the line that opens it."""
    problem = only_problem('---\ntype: contact\nname: "Jane\nrole: PM\n---\n')
    assert problem.line == 3
    assert has_words(problem.message, "quote", "not closed")


def test_unclosed_bracket_on_last_line() -> None:
    """An unclosed [ on the last property line is reported on that line."""
    problem = only_problem("---\ntype: contact\nname: Jane\ntags: [a, b\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "[", "not closed")


def test_unclosed_bracket_before_other_lines() -> None:
    """An unclosed [ followed by more properties is still reported where the [ is."""
    problem = only_problem("---\ntype: contact\nname: Jane\ntags: [a, b\nrole: PM\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "[", "not closed")


def test_tab_indentation() -> None:
    """A tab used for indentation is reported on its line and named as a tab."""
    problem = only_problem("---\ntype: contact\nname: Jane\n\trole: PM\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "tab")


@pytest.mark.parametrize(
    "front",
    ["- type: contact\n- name: Jane\n", "just a sentence\n", "42\n", "[type, contact]\n"],
)
def test_frontmatter_not_a_mapping(front: str) -> None:
    """Properties that are a list or a sentence, not `name: value` lines, are named."""
    problem = only_problem(f"---\n{front}---\nBody\n")
    assert problem.line == 2
    assert has_words(problem.message, "name: value")


def test_no_closing_dashes() -> None:
    """A properties block that never closes is reported on its opening line."""
    problem = only_problem("---\ntype: contact\nname: Jane\n\nSome body text.\n")
    assert problem.line == 1
    assert has_words(problem.message, "not closed", "---")


def test_no_closing_dashes_outside_note_folders_with_our_type() -> None:
    """Outside contacts/ and interviews/, an unclosed block with `type: contact` is reported."""
    raw = b"---\ntype: contact\nname: Jane\n"
    parsed = read_note("people/Jane.md", raw)
    assert [(p.line, has_words(p.message, "not closed")) for p in parsed.problems] == [(1, True)]


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (
            "---\ntype: contact\nname: Jane\n<<<<<<< HEAD\nemail: a@example.com\n=======\n"
            "email: b@example.com\n>>>>>>> branch\n---\n",
            4,
        ),
        (
            "<<<<<<< HEAD\n---\ntype: contact\nname: Jane\n---\n=======\n---\ntype: contact\n"
            "name: Janet\n---\n>>>>>>> origin/main\n",
            1,
        ),
        (
            "---\ntype: contact\nname: Jane\n---\n## Log\n\n<<<<<<< HEAD\n- 2026-11-01 call\n"
            "=======\n- 2026-11-02 call\n>>>>>>> branch\n",
            7,
        ),
    ],
)
def test_merge_conflict_markers(raw: str, line: int) -> None:
    """Git conflict markers anywhere in a note are reported at the first `<<<<<<<`."""
    problem = only_problem(raw)
    assert problem.line == line
    assert has_words(problem.message, "merge conflict", "keep one side")


def test_merge_conflict_in_a_file_that_is_not_ours_is_ignored() -> None:
    """A conflict in a user's own note outside the note folders is not ours to report."""
    raw = b"# Journal\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n"
    assert read_note("journal.md", raw).problems == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("outreach_sent", "2026-02-30"),
        ("nudge_sent", "2026-13-45"),
        ("replied", "2026-04-31"),
        ("follow_up", "2025-02-29"),
    ],
)
def test_impossible_contact_dates(key: str, value: str) -> None:
    """An impossible date is named with its property, its value and its line."""
    problem = only_problem(f"---\ntype: contact\nname: Jane\n{key}: {value}\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, key, value, "not a real date")


def test_two_impossible_dates_give_two_problems() -> None:
    """Each bad date is its own problem on its own line; the note is still a contact."""
    raw = b"---\ntype: contact\noutreach_sent: 2026-02-30\nname: J\nfollow_up: 2026-13-45\n---\n"
    parsed = read_note("contacts/J.md", raw, strict_folder=True)
    assert isinstance(parsed.note, Contact)
    assert [p.line for p in parsed.problems] == [3, 5]
    assert all(has_words(p.message, "not a real date") for p in parsed.problems)


@pytest.mark.parametrize("value", ["next week", "11/03/2026", "2026-11", "03-11-2026"])
def test_dates_that_are_not_dates(value: str) -> None:
    """Text where a date belongs is reported with the form to use."""
    problem = only_problem(f"---\ntype: contact\nfollow_up: {value}\n---\n")
    assert problem.line == 3
    assert has_words(problem.message, "follow_up", "YYYY-MM-DD")


def test_impossible_interview_date_and_time() -> None:
    """An interview's impossible date or time of day is reported on the date line."""
    path = "interviews/x.md"
    day = only_problem("---\ntype: interview\ncontact: J\ndate: 2026-02-30\n---\n", path)
    hour = only_problem("---\ntype: interview\ncontact: J\ndate: 2026-11-03 25:00\n---\n", path)
    assert (day.line, hour.line) == (4, 4)
    assert has_words(day.message, "date", "not a real date")
    assert has_words(hour.message, "date", "time")


def test_impossible_task_due_date() -> None:
    """A task's impossible 📅 date is reported on the task's line."""
    raw = (
        "---\ntype: interview\ncontact: J\ndate: 2026-11-03\n---\n## Action items\n\n"
        "- [ ] send CV 📅 2026-02-30\n"
    )
    problem = only_problem(raw, "interviews/x.md")
    assert problem.line == 8
    assert has_words(problem.message, "2026-02-30", "not a real date")


def test_impossible_log_date() -> None:
    """A `## Log` line with an impossible date is reported on that line."""
    raw = "---\ntype: contact\n---\n# J\n\n## Log\n\n- 2026-11-01 ok\n- 2026-11-31 bad\n"
    problem = only_problem(raw)
    assert problem.line == 9
    assert has_words(problem.message, "2026-11-31", "not a real date")


@pytest.mark.parametrize("value", ["often", "every few weeks", "-5", "0", "2.5", "[30, 60]"])
def test_cadence_not_a_number(value: str) -> None:
    """A cadence that is not a whole number of days above zero is named on its line."""
    problem = only_problem(f"---\ntype: contact\nstatus: met\ncadence: {value}\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "cadence", "whole number")


@pytest.mark.parametrize(
    "value", [".inf", "-.inf", ".nan", '"1e400"', "3651", "99999999999999999999"]
)
def test_cadence_out_of_range(value: str) -> None:
    """Infinity, not-a-number and absurdly long cadences are problems, not crashes."""
    problem = only_problem(f"---\ntype: contact\nstatus: met\ncadence: {value}\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "cadence", "whole number", "3650")


def test_cadence_of_ten_years_is_accepted() -> None:
    """The longest cadence allowed is read as written."""
    parsed = read_note("contacts/J.md", b"---\ntype: contact\ncadence: 3650\n---\n")
    assert parsed.problems == []
    assert isinstance(parsed.note, Contact)
    assert parsed.note.cadence == 3650


def test_cadence_as_number_text_is_accepted() -> None:
    """`cadence: "60"` and `cadence: 60` both mean 60 days."""
    for value in ('"60"', "60"):
        parsed = read_note("contacts/J.md", f"---\ntype: contact\ncadence: {value}\n---\n".encode())
        assert parsed.problems == []
        assert isinstance(parsed.note, Contact)
        assert parsed.note.cadence == 60


def test_duration_not_a_number() -> None:
    """An interview's duration that is not a number of minutes is named on its line."""
    raw = "---\ntype: interview\ncontact: J\ndate: 2026-11-03\nduration: half an hour\n---\n"
    problem = only_problem(raw, "interviews/x.md")
    assert problem.line == 5
    assert has_words(problem.message, "duration", "minutes")


@pytest.mark.parametrize("value", ["1441", ".inf", "-30"])
def test_duration_out_of_range(value: str) -> None:
    """A duration of more than a day, or not above zero, is named on its line."""
    raw = f"---\ntype: interview\ncontact: J\ndate: 2026-11-03\nduration: {value}\n---\n"
    problem = only_problem(raw, "interviews/x.md")
    assert problem.line == 5
    assert has_words(problem.message, "duration", "minutes", "1440")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_character_in_properties(char: str) -> None:
    """A control character YAML refuses is one problem on its line, in one plain sentence."""
    problem = only_problem(f"---\ntype: contact\ncompany: Acme\nname: a{char}b\n---\n")
    assert problem.line == 4
    assert "\n" not in problem.message
    assert has_words(problem.message, "control character", f"U+{ord(char):04X}", "delete")


def test_unknown_contact_status() -> None:
    """An unknown contact status names the value and the statuses that exist."""
    problem = only_problem("---\ntype: contact\nname: J\nstatus: maybe later\n---\n")
    assert problem.line == 4
    assert has_words(problem.message, "status", "maybe later", "prospect", "paused")


def test_unknown_interview_status() -> None:
    """An unknown interview status names the value and the statuses that exist."""
    raw = "---\ntype: interview\ncontact: J\ndate: 2026-11-03\nstatus: postponed\n---\n"
    problem = only_problem(raw, "interviews/x.md")
    assert problem.line == 5
    assert has_words(problem.message, "status", "postponed", "planned", "done", "cancelled")


def test_contact_status_of_an_interview_is_unknown() -> None:
    """A contact's status word on an interview is not silently accepted."""
    raw = "---\ntype: interview\ncontact: J\ndate: 2026-11-03\nstatus: met\n---\n"
    assert only_problem(raw, "interviews/x.md").line == 5


def test_not_utf8_in_properties() -> None:
    """Latin-1 bytes in the properties are reported on their line as not UTF-8."""
    raw = "---\ntype: contact\nname: René\ncompany: Café\n---\n".encode("latin-1")
    problem = only_problem(raw)
    assert problem.line == 3
    assert has_words(problem.message, "UTF-8")


def test_not_utf8_in_body() -> None:
    """Latin-1 bytes in the body of a contact are reported on their line too."""
    raw = "---\ntype: contact\nname: Rene\n---\n# Rene\n\nMet at the café.\n".encode("latin-1")
    problem = only_problem(raw)
    assert problem.line == 7
    assert has_words(problem.message, "UTF-8")


def test_not_utf8_in_a_note_that_is_not_ours() -> None:
    """A user's own latin-1 note outside the note folders is skipped, not reported."""
    raw = "# Café notes\n\nÉté.\n".encode("latin-1")
    assert read_note("journal/été.md", raw).problems == []


BOMB = (
    "---\ntype: contact\nname: Billion Laughs\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "---\n"
)


def test_alias_bomb_fails_fast() -> None:
    """A billion-laughs alias bomb is a problem within a second, without eating memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        parsed = read_note("contacts/bomb.md", BOMB.encode(), strict_folder=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 50_000_000
    (problem,) = parsed.problems
    assert parsed.note is None
    assert problem.line is not None and 2 <= problem.line <= 12
    assert has_words(problem.message, "alias")


def test_alias_bomb_of_mappings_fails_fast() -> None:
    """A bomb built from nested mappings is refused as well."""
    lines = ["type: contact", "a0: &a0 {x: 1, y: 2, z: 3}"]
    lines += [
        f"a{i}: &a{i} {{p: *a{i - 1}, q: *a{i - 1}, r: *a{i - 1}, s: *a{i - 1}}}"
        for i in range(1, 14)
    ]
    raw = ("---\n" + "\n".join(lines) + "\n---\n").encode()
    started = time.perf_counter()
    problem = only_problem(raw)
    assert time.perf_counter() - started < 1.0
    assert has_words(problem.message, "alias")


def test_small_aliases_are_fine() -> None:
    """An ordinary use of an anchor and an alias is read, not refused."""
    raw = b"---\ntype: contact\nname: &n Jane Doe\naliases: [*n, JD]\n---\n"
    parsed = read_note("contacts/J.md", raw, strict_folder=True)
    assert parsed.problems == []
    assert isinstance(parsed.note, Contact)
    assert parsed.note.aliases == ("Jane Doe", "JD")


def test_yaml_tags_are_never_constructed() -> None:
    """Python object tags are refused as a problem, never run."""
    problem = only_problem(
        "---\ntype: contact\nname: !!python/object/apply:os.system [true]\n---\n"
    )
    assert problem.line == 3


def test_one_problem_per_bad_value_and_the_note_is_kept() -> None:
    """Bad values make problems, yet every good value of the same note is still read."""
    raw = (
        "---\ntype: contact\nname: Jane Doe\ncompany: Acme\nstatus: maybe\n"
        "cadence: often\nfollow_up: 2026-02-30\nreplied: 2026-11-02\n---\n"
    )
    parsed = read_note("contacts/Jane Doe.md", raw.encode(), strict_folder=True)
    assert isinstance(parsed.note, Contact)
    assert (parsed.note.name, parsed.note.company) == ("Jane Doe", "Acme")
    assert parsed.note.replied is not None
    assert sorted(p.line for p in parsed.problems) == [5, 6, 7]


def test_problem_renders_as_path_line_message() -> None:
    """A problem prints as `path:line: message`, or `path: message` with no line."""
    assert Problem("contacts/a.md", 3, "bad").render() == "contacts/a.md:3: bad"
    assert Problem("contacts/a.md", None, "bad").render() == "contacts/a.md: bad"


def test_problem_renders_on_one_line_whatever_the_names_hold() -> None:
    """Newlines and escape codes in a file name or a value are shown escaped, never obeyed."""
    rendered = Problem("contacts/a\nb.md", 4, "email: x\x1b[31m\r\n is also").render()
    assert rendered == "contacts/a\\nb.md:4: email: x\\x1b[31m\\r\\n is also"


def test_broken_notes_never_stop_the_rest(broken_vault: Path) -> None:
    """load_vault over the broken fixture still returns every good note."""
    loaded = load_vault(load_config(broken_vault))
    names = {c.name for c in loaded.contacts}
    assert {"Jane Doe", "Sam Lee", "Same Email A", "Same Email B"} <= names
    assert {"Impossible Dates", "Cadence Words", "Cadence Forever", "Unknown Status"} <= names
    interviews = {i.path for i in loaded.interviews}
    assert "interviews/2026-11-03 Jane Doe.md" in interviews
    assert "interviews/2026-11-07 bad status and duration.md" in interviews
    assert set(loaded.broken_files) == {
        "contacts/alias bomb.md",
        "contacts/bad yaml.md",
        "contacts/control character.md",
        "contacts/frontmatter is a list.md",
        "contacts/merge conflict.md",
        "contacts/no closing dashes.md",
        "contacts/not utf-8.md",
    }
    assert loaded.other_notes == 2


def test_broken_notes_among_good_ones_in_any_order(vault: Path) -> None:
    """Good notes on either side of broken ones are all read, alphabetically or not."""
    for index in range(10):
        write(vault, f"contacts/Good {index}.md", f"---\ntype: contact\nname: G{index}\n---\n")
        write(vault, f"contacts/Bad {index}.md", "---\ntype: contact\nname: [oops\n---\n")
    write(vault, "interviews/x.md", b"---\ntype: interview\ncontact: G1\n\xff\xfe\n---\n")
    loaded = load_vault(load_config(vault))
    assert sorted(c.name for c in loaded.contacts) == [f"G{i}" for i in range(10)]
    assert len(loaded.broken_files) == 11
    assert all(p.line is not None for p in loaded.file_problems)


def test_problems_in_the_fixture_read_like_sentences(broken_vault: Path) -> None:
    """Every message in the broken vault is plain language, with no programmer's jargon."""
    loaded = load_vault(load_config(broken_vault))
    assert loaded.file_problems
    for problem in loaded.file_problems:
        assert not any(word in problem.message for word in JARGON), problem
        assert "/" not in problem.path[:1] and "\\" not in problem.path


def test_interview_with_problems_is_still_an_interview() -> None:
    """An interview with a bad status keeps its contact and date for the report."""
    raw = b"---\ntype: interview\ncontact: '[[Jane Doe]]'\ndate: 2026-11-03\nstatus: ???\n---\n"
    parsed = read_note("interviews/x.md", raw, strict_folder=True)
    assert isinstance(parsed.note, Interview)
    assert parsed.note.contact == "Jane Doe"
    assert len(parsed.problems) == 1


def test_a_property_set_twice_is_named_and_the_last_counts() -> None:
    """`status` on lines 3 and 5: a problem on line 5, and the note reads the last value."""
    raw = "---\ntype: contact\nstatus: met\nname: Jane Doe\nstatus: paused\n---\n"
    parsed = read_note("contacts/Jane Doe.md", raw.encode(), strict_folder=True)
    assert isinstance(parsed.note, Contact)
    assert parsed.note.status == "paused"
    problem = only_problem(raw)
    assert problem.line == 5
    assert has_words(problem.message, "status", "twice", "lines 3 and 5", "delete")


def test_a_type_set_twice_is_not_silent() -> None:
    """`type: contact` then `type: interview`: read as YAML reads it, and said."""
    raw = '---\ntype: contact\ncontact: "[[Sam Lee]]"\ntype: interview\n---\n'
    parsed = read_note("interviews/x.md", raw.encode(), strict_folder=True)
    assert isinstance(parsed.note, Interview)
    assert [(p.line, p.message.split(" ")[0]) for p in parsed.problems] == [(4, "type")]
