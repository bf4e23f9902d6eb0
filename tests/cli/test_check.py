"""`vault check` on the broken fixture: every problem as path:line: message, exit 1."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import run, snapshot, write

# (path, line or None when any line in the range is right, words the message must hold)
EXPECTED = [
    ("contacts/alias bomb.md", range(2, 14), ["alias"]),
    ("contacts/bad yaml.md", 4, ["not valid YAML"]),
    ("contacts/cadence forever.md", 5, ["cadence", "whole number", "3650"]),
    ("contacts/cadence not a number.md", 5, ["cadence", "every few weeks", "whole number"]),
    ("contacts/control character.md", 4, ["control character", "U+0007"]),
    ("contacts/frontmatter is a list.md", 2, ["name: value"]),
    ("contacts/impossible dates.md", 4, ["outreach_sent", "2026-02-30", "not a real date"]),
    ("contacts/impossible dates.md", 5, ["follow_up", "2026-13-45", "not a real date"]),
    ("contacts/merge conflict.md", 4, ["merge conflict"]),
    ("contacts/no closing dashes.md", 1, ["not closed", "---"]),
    ("contacts/not utf-8.md", 3, ["UTF-8"]),
    ("contacts/referred by nobody.md", 5, ["referred_by", "Nobody Here"]),
    ("contacts/same email A.md", 4, ["email", "contacts/same email B.md"]),
    ("contacts/same email B.md", 5, ["email", "contacts/same email A.md"]),
    ("contacts/unknown status.md", 4, ["status", "maybe later"]),
    ("interviews/2026-11-05 contact does not exist.md", 3, ["contact", "Ghost Person"]),
    ("interviews/2026-11-06 no contact property.md", 2, ["contact", "missing"]),
    ("interviews/2026-11-07 bad status and duration.md", 5, ["status", "postponed"]),
    ("interviews/2026-11-07 bad status and duration.md", 7, ["duration", "half an hour"]),
]

NEVER_REPORTED = [
    "contacts/Jane Doe.md",
    "contacts/Sam Lee.md",
    "contacts/frontmatter without type.md",
    "ordinary note.md",
    "interviews/2026-11-03 Jane Doe.md",
]

LINE = re.compile(r"^(?P<path>[^:\n]+\.md)(?::(?P<line>\d+))?: (?P<message>.+)$")


def parse_text(output: str) -> list[tuple[str, int | None, str]]:
    """The `path:line: message` lines of `vault check` output."""
    found = []
    for line in output.splitlines():
        match = LINE.match(line)
        if match:
            number = int(match["line"]) if match["line"] else None
            found.append((match["path"], number, match["message"]))
    return found


def matches(expected: tuple[str, object, list[str]], found: tuple[str, int | None, str]) -> bool:
    """Whether one reported problem is the expected one."""
    path, line, words = expected
    if found[0] != path:
        return False
    if isinstance(line, range):
        if found[1] not in line:
            return False
    elif line is not None and found[1] != line:
        return False
    return all(w.lower() in found[2].lower() for w in words)


def test_check_lists_every_broken_file(broken_vault: Path) -> None:
    """Each broken case is one `path:line: message` line; exit 1; no traceback."""
    result = run("check", "--vault", broken_vault)
    assert result.exit_code == 1
    found = parse_text(result.stdout)
    for expected in EXPECTED:
        assert any(matches(expected, f) for f in found), (expected, found)
    assert len(found) == len(EXPECTED), found


def test_check_says_nothing_about_good_and_other_notes(broken_vault: Path) -> None:
    """Good notes, notes without frontmatter and notes without a type are not mentioned."""
    result = run("check", "--vault", broken_vault)
    reported = {path for path, _, _ in parse_text(result.stdout)}
    assert reported.isdisjoint(NEVER_REPORTED)


def test_check_summary_counts(broken_vault: Path) -> None:
    """The last line counts the problems and the files they are in."""
    result = run("check", "--vault", broken_vault)
    files = {path for path, _, _ in EXPECTED}
    assert f"{len(EXPECTED)} problems in {len(files)} files" in result.stdout


def test_check_json_lists_the_same_problems(broken_vault: Path) -> None:
    """--json parses, and holds exactly the problems the text output shows."""
    text = run("check", "--vault", broken_vault)
    result = run("check", "--json", "--vault", broken_vault)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    from_json = [(p["path"], p["line"], p["message"]) for p in data["problems"]]
    assert from_json == parse_text(text.stdout)
    for problem in data["problems"]:
        assert set(problem) == {"path", "line", "message"}
        assert problem["line"] is None or isinstance(problem["line"], int)


def test_check_is_deterministic_with_and_without_the_cache(broken_vault: Path) -> None:
    """Running twice, and again after deleting .vaultkit/, lists the same problems."""
    first = run("check", "--json", "--vault", broken_vault).stdout
    second = run("check", "--json", "--vault", broken_vault).stdout
    shutil.rmtree(broken_vault / ".vaultkit", ignore_errors=True)
    third = run("check", "--json", "--vault", broken_vault).stdout
    assert json.loads(first)["problems"] == json.loads(second)["problems"]
    assert json.loads(first)["problems"] == json.loads(third)["problems"]


def test_check_writes_no_note(broken_vault: Path) -> None:
    """Checking reads only: every file of the vault keeps its bytes."""
    before = snapshot(broken_vault)
    run("check", "--vault", broken_vault)
    run("check", "--json", "--vault", broken_vault)
    assert snapshot(broken_vault) == before


def test_check_sees_a_fixed_note(broken_vault: Path) -> None:
    """Fixing a note removes its problem on the next check; the rest stay."""
    path = broken_vault / "contacts/unknown status.md"
    path.write_text(path.read_text(encoding="utf-8").replace("maybe later", "paused"))
    found = parse_text(run("check", "--vault", broken_vault).stdout)
    assert "contacts/unknown status.md" not in {p for p, _, _ in found}
    assert len(found) == len(EXPECTED) - 1


def test_check_clean_vault(jane_vault: Path) -> None:
    """A vault with nothing wrong: exit 0 and a line saying so."""
    result = run("check", "--vault", jane_vault)
    assert result.exit_code == 0
    assert "no problems" in result.stdout
    data = json.loads(run("check", "--json", "--vault", jane_vault).stdout)
    assert data["problems"] == []
    assert data["contacts"] == 1


def test_check_summary_of_one_problem(jane_vault: Path) -> None:
    """One problem in one file is counted in the singular."""
    write(jane_vault, "contacts/Sam.md", "---\ntype: contact\nstatus: maybe\n---\n")
    result = run("check", "--vault", jane_vault)
    assert result.exit_code == 1
    assert "\n1 problem in 1 file (" in result.stdout


def test_check_prints_one_line_per_problem_whatever_the_notes_hold(vault: Path) -> None:
    """Newlines in file names and values, escape codes and infinite numbers stay one line each."""
    write(vault, "contacts/new\nline.md", "---\ntype: contact\nstatus: bogus\n---\n")
    write(vault, "contacts/A.md", '---\ntype: contact\nemail: "a@x\\nb"\n---\n')
    write(vault, "contacts/B.md", '---\ntype: contact\nemail: "a@x\\nb"\n---\n')
    write(vault, "contacts/C.md", "---\ntype: contact\ncadence: .inf\n---\n")
    write(vault, "contacts/D.md", b"---\ntype: contact\nname: D\x1b[2J\n---\n")
    write(vault, "interviews/x.md", "---\ntype: interview\ncontact: C\nduration: 1e9\n---\n")
    result = run("check", "--vault", vault)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line][:-1]
    assert len(lines) == 6, lines
    assert all(LINE.match(line) for line in lines), lines
    assert "\x1b" not in result.stdout
    assert "contacts/new\\nline.md:3: status" in result.stdout


def test_check_links_resolve_by_name_and_alias(vault: Path) -> None:
    """Links to a contact's file name, `name` or alias, in any case, are not missing."""
    write(vault, "contacts/Zoë Martin.md", "---\ntype: contact\naliases: [ZM]\n---\n")
    write(vault, "contacts/Sam.md", "---\ntype: contact\nreferred_by: '[[zoe martin]]'\n---\n")
    write(vault, "contacts/Ann.md", "---\ntype: contact\nreferred_by: '[[ZM|Zoë]]'\n---\n")
    write(vault, "interviews/a.md", "---\ntype: interview\ncontact: [[Zoë Martin.md]]\n---\n")
    result = run("check", "--vault", vault)
    assert result.exit_code == 0, result.output


def test_check_empty_emails_are_not_shared(vault: Path) -> None:
    """Two contacts without an email are not reported as sharing one."""
    write(vault, "contacts/A.md", "---\ntype: contact\nemail:\n---\n")
    write(vault, "contacts/B.md", '---\ntype: contact\nemail: ""\n---\n')
    assert run("check", "--vault", vault).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--vault", "{missing}"),
        ("check", "--vault", "{file}"),
        ("check", "--jsonn", "--vault", "{vault}"),
        ("new", "contact", "..", "--vault", "{vault}"),
        ("new", "contact", "Jane Doe", "--vault", "{vault}"),
        ("new", "interview", "Nobody", "--vault", "{vault}"),
        ("new", "interview", "Jane Doe", "--date", "2026-13-45", "--vault", "{vault}"),
        ("new", "person", "Jane Doe", "--vault", "{vault}"),
        ("mark", "Nobody", "outreach", "--vault", "{vault}"),
        ("mark", "Jane Doe", "hug", "--vault", "{vault}"),
        ("mark", "Jane Doe", "reply", "--date", "2026-02-30", "--vault", "{vault}"),
        ("init", "{file}"),
        ("frobnicate",),
    ],
)
def test_bad_input_never_tracebacks_and_writes_nothing(
    jane_vault: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Bad input: exit 1 or 2, an explanation on stderr, no traceback, no file changed."""
    a_file = tmp_path / "a file.md"
    a_file.write_bytes(b"# not a folder\n")
    places = {"vault": jane_vault, "missing": tmp_path / "missing", "file": a_file}
    before = snapshot(tmp_path)
    result = run(*(arg.format(**places) for arg in args))
    assert result.exit_code in (1, 2)
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_check_on_a_vault_with_a_bad_config(broken_vault: Path) -> None:
    """A broken vault.toml stops check with exit 2 and one line, before any note is read."""
    (broken_vault / "vault.toml").write_text("[follow_up]\nnudge_after = soon\n")
    result = run("check", "--vault", broken_vault)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "vault.toml" in result.stderr
