"""Shell completion through Click's own protocol: `_VAULT_COMPLETE=bash_complete` with
COMP_WORDS and COMP_CWORD, and the zsh and fish forms, against the example vault.

Each answer is read back with a parser of its own: bash values with shlex (bash's rules),
zsh's as lines of three, fish's as `type,value<TAB>help`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import contact_text, copy_example, interview_text, make_vault, run

from vaultkit.cli import cli
from vaultkit.core.model import DRAFT_KINDS, DUE_KINDS, MARK_KINDS

EXAMPLE_NAMES = [
    "Aisha Rahman",
    "Chloé Dubois",
    "Daniel Okafor",
    "Dr. Emily Carter",
    "Grace Liu",
    "Hannah Schultz",
    "Ingrid Solberg",
    "José Martínez",
    "Kenji Watanabe",
    "Leila Haddad",
    "Lucas Moreau",
    "Marcus Thompson",
    "Maya Chen",
    "Noah Fischer",
    "Olivia Bennett",
    "Rachel Goldberg",
    "Samuel Adeyemi",
    "Sofia Rossi",
    "Tomás Herrera",
    "Zoë Kowalski",
]
MAYA_INTERVIEWS = [
    "interviews/2026-11-12 Maya Chen.md",
    "interviews/2026-09-15 Maya Chen.md",
    "interviews/2026-04-14 Maya Chen.md",
]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example vault, indexed once."""
    vault = copy_example(tmp_path_factory.mktemp("complete"))
    assert run("index", "--vault", vault).exit_code == 0
    return vault


@pytest.fixture
def in_example(example: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from inside the example vault, as a user at the prompt there would."""
    monkeypatch.chdir(example)
    return example


def protocol(env: dict[str, str]) -> str:
    """What `vault` prints for one completion request; it must succeed without a word on stderr."""
    result = CliRunner().invoke(cli, [], env=env, prog_name="vault", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def bash_raw(*words: str) -> list[str]:
    """The values `vault` sends bash's script for the last of `words` (raw shell words, as
    COMP_WORDS holds them), still quoted as bash is to insert them."""
    out = protocol(
        {
            "_VAULT_COMPLETE": "bash_complete",
            "COMP_WORDS": "\n".join(["vault", *words]),  # the script joins them with newlines
            "COMP_CWORD": str(len(words)),
        }
    )
    values = []
    for line in filter(None, out.splitlines()):
        kind, _, value = line.partition(",")
        assert kind == "plain", line
        values.append(value)
    return values


def bash(*words: str) -> list[str]:
    """Those values read back as bash reads the line once each is inserted (after the quote
    the word was opened with, which bash then closes); each must be a single word."""
    quote = words[-1][:1] if words[-1][:1] in ("'", '"') else ""
    values = []
    for value in bash_raw(*words):
        (word,) = shlex.split(quote + value + quote)
        values.append(word)
    return values


def zsh(line: str) -> list[tuple[str, str, str]]:
    """(type, value, help) of each answer zsh gets for the last word of `line`."""
    words = line.split(" ")
    out = protocol(
        {"_VAULT_COMPLETE": "zsh_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    )
    lines = out.removesuffix("\n").split("\n") if out.strip("\n") else []
    assert len(lines) % 3 == 0, lines
    return [(lines[i], lines[i + 1], lines[i + 2]) for i in range(0, len(lines), 3)]


def fish(line: str) -> list[tuple[str, str]]:
    """(value, help) of each answer fish gets; the current token is the last word of `line`."""
    token = line.rsplit(" ", 1)[1]
    out = protocol({"_VAULT_COMPLETE": "fish_complete", "COMP_WORDS": line, "COMP_CWORD": token})
    answers = []
    for row in filter(None, out.split("\n")):
        kind, _, rest = row.partition(",")
        assert kind == "plain", row
        value, _, help_ = rest.partition("\t")
        answers.append((value, help_))
    return answers


# -- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Zoe", "zoe", "ZOE K", "zoë", "Zoë\\ Ko", "zo"])
def test_a_name_without_its_accent_completes(in_example: Path, typed: str) -> None:
    """`vault show Zoe<TAB>` gives Zoë Kowalski, whatever the case and accents typed."""
    assert bash("show", typed) == ["Zoë Kowalski"]


def test_a_name_with_spaces_is_one_word_for_bash(in_example: Path) -> None:
    """Sent with its space escaped, so bash inserts one word; in an open quote, as it is."""
    assert bash_raw("show", "zoe") == ["Zoë\\ Kowalski"]
    assert bash_raw("show", '"zoe') == ["Zoë Kowalski"]
    assert bash_raw("show", "'zoe") == ["Zoë Kowalski"]
    assert bash("show", "'jos") == ["José Martínez"]


def test_every_name_for_an_empty_word(in_example: Path) -> None:
    """Nothing typed yet: every contact, in name order, each once."""
    assert bash("show", "") == EXAMPLE_NAMES


def test_only_names_that_start_so(in_example: Path) -> None:
    """A prefix keeps the names starting with it, and no others."""
    assert bash("show", "ma") == ["Marcus Thompson", "Maya Chen"]
    assert bash("show", "to") == ["Tomás Herrera"]
    assert bash("show", "xy") == []


@pytest.mark.parametrize(
    "words",
    [
        ("edit", "zoe"),
        ("mark", "zoe"),
        ("questions", "zoe"),
        ("draft", "thank-you", "zoe"),
        ("new", "interview", "zoe"),
        ("new", "contact", "Sam\\ Lee", "--referred-by", "zoe"),
        ("--vault", ".", "show", "zoe"),
    ],
    ids=lambda w: " ".join(w[:-1]),
)
def test_every_name_argument_completes(in_example: Path, words: tuple[str, ...]) -> None:
    """show, edit, mark, questions, draft, new interview and --referred-by complete names."""
    assert bash(*words) == ["Zoë Kowalski"]


def test_a_new_contacts_name_is_not_completed(in_example: Path) -> None:
    """`vault new contact NAME` names someone new: no existing names are offered."""
    assert bash("new", "contact", "zo") == []


def test_the_vault_option_is_followed(example: Path, tmp_path: Path, monkeypatch) -> None:
    """From outside the vault, --vault before or after the command says where to look."""
    monkeypatch.chdir(tmp_path)
    assert bash("show", "zo") == []
    assert bash("--vault", str(example), "show", "zo") == ["Zoë Kowalski"]
    assert bash("show", "--vault", str(example), "zo") == ["Zoë Kowalski"]
    monkeypatch.setenv("VAULT_DIR", str(example))
    assert bash("show", "zo") == ["Zoë Kowalski"]


def test_aliases_complete(tmp_path: Path, monkeypatch) -> None:
    """An alias that fits is offered as typed-for; the name wins when it fits too."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Robert Smith.md": "---\ntype: contact\naliases: [Bob Smith]\n---\n",
            "contacts/Bobby Tables.md": "---\ntype: contact\nname: Bobby Tables\n---\n",
            "contacts/O'Brien.md": "---\ntype: contact\nname: Siobhán O'Brien\n---\n",
        },
    )
    run("index", "--vault", vault)
    monkeypatch.chdir(vault)
    assert bash("show", "bob") == ["Bob Smith", "Bobby Tables"]
    assert bash("show", "rob") == ["Robert Smith"]
    assert bash("show", "o\\'b") == ["O'Brien"]
    assert bash_raw("show", "o\\'b") == ["O\\'Brien"]
    assert bash("show", "'o") == ["O'Brien"]
    assert bash_raw("show", "'o") == ["O'\\''Brien"]
    assert bash("show", "siob") == ["Siobhán O'Brien"]


# -- choices and interviews ----------------------------------------------------------------


def test_kinds_and_events_complete_as_click_does(in_example: Path) -> None:
    """KIND, EVENT and --kind values come from their choices."""
    assert bash("draft", "") == list(DRAFT_KINDS)
    assert bash("draft", "th") == ["thank-you"]
    assert bash("mark", "Maya\\ Chen", "") == list(MARK_KINDS)
    assert bash("report", "--kind", "") == list(DUE_KINDS)
    assert bash("report", "--kind", "st") == ["stay-in-touch"]
    assert bash("completion", "") == ["bash", "zsh", "fish"]


def test_edit_interview_dates(in_example: Path) -> None:
    """`vault edit NAME --interview <TAB>`: latest, then that person's dates, newest first."""
    assert bash("edit", "Maya\\ Chen", "--interview", "") == [
        "latest",
        "2026-11-12",
        "2026-09-15",
        "2026-04-14",
    ]
    assert bash("edit", '"maya chen"', "--interview", "2026-0") == ["2026-09-15", "2026-04-14"]
    assert bash("edit", "Maya\\ Chen", "--interview", "la") == ["latest"]


def test_draft_interview_files(in_example: Path) -> None:
    """`vault draft KIND NAME --interview <TAB>`: that person's interview notes, newest first."""
    assert bash("draft", "thank-you", "Maya\\ Chen", "--interview", "") == MAYA_INTERVIEWS
    assert bash("draft", "thank-you", "'Maya Chen'", "--interview", "interviews/2026-11") == [
        MAYA_INTERVIEWS[0]
    ]
    raw = bash_raw("draft", "thank-you", "Maya\\ Chen", "--interview", "")
    assert raw[0] == "interviews/2026-11-12\\ Maya\\ Chen.md"


def test_interviews_of_nobody(in_example: Path) -> None:
    """A NAME that matches nobody, or none yet, offers no interviews (edit still has latest)."""
    assert bash("draft", "thank-you", "Nobody", "--interview", "") == []
    assert bash("draft", "thank-you", "--interview", "") == []
    assert bash("edit", "Nobody", "--interview", "") == ["latest"]


def test_two_interviews_on_one_day_are_told_by_time(tmp_path: Path, monkeypatch) -> None:
    """Same-day interviews are offered with their times, each value opening one of them."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe"),
            "interviews/a.md": interview_text("Jane Doe", date="2026-11-03T09:00"),
            "interviews/b.md": interview_text("Jane Doe", date="2026-11-03T15:30"),
            "interviews/c.md": interview_text("Jane Doe", date="2026-10-01"),
        },
    )
    run("index", "--vault", vault)
    monkeypatch.chdir(vault)
    assert bash("edit", "Jane\\ Doe", "--interview", "") == [
        "latest",
        "2026-11-03 15:30",
        "2026-11-03 09:00",
        "2026-10-01",
    ]


# -- zsh and fish --------------------------------------------------------------------------


def test_zsh(in_example: Path) -> None:
    """zsh gets the name unquoted (it quotes on insertion) with the company as its help."""
    assert zsh("vault show zoe") == [("plain", "Zoë Kowalski", "Fernweh Travel")]
    assert [value for _, value, _ in zsh("vault show ma")] == ["Marcus Thompson", "Maya Chen"]


def test_fish(in_example: Path) -> None:
    """fish gets `plain,NAME<TAB>company` lines."""
    assert fish("vault show zoe") == [("Zoë Kowalski", "Fernweh Travel")]
    assert fish("vault edit Maya\\ Chen --interview 2026-1") == [("2026-11-12", MAYA_INTERVIEWS[0])]


def test_a_name_with_a_comma_survives_fish(tmp_path: Path, monkeypatch) -> None:
    """`Doe, Jane` reaches fish whole: its script splits each line at the first comma only."""
    vault = make_vault(
        tmp_path / "v", {"contacts/Doe, Jane.md": "---\ntype: contact\nname: Doe, Jane\n---\n"}
    )
    run("index", "--vault", vault)
    monkeypatch.chdir(vault)
    assert fish("vault show doe") == [("Doe, Jane", "")]
    script = run("completion", "fish").stdout
    assert 'string split -m 1 "," $completion' in script


# -- no index, bad index, never a refresh ----------------------------------------------------


def test_an_unindexed_vault_completes_nothing(tmp_path: Path, monkeypatch) -> None:
    """No cache yet: no names, no error, and no index built."""
    vault = copy_example(tmp_path)
    monkeypatch.chdir(vault)
    assert bash("show", "zo") == []
    assert zsh("vault show zo") == []
    assert fish("vault show zo") == []
    assert not (vault / ".vaultkit").exists()


def test_outside_any_vault_completes_nothing(tmp_path: Path, monkeypatch) -> None:
    """No vault here or above, or a VAULT_DIR that is not one: nothing, silently."""
    monkeypatch.chdir(tmp_path)
    assert bash("show", "zo") == []
    monkeypatch.setenv("VAULT_DIR", str(tmp_path / "nowhere"))
    assert bash("show", "zo") == []
    assert bash("draft", "") == list(DRAFT_KINDS)  # choices need no vault


def test_a_damaged_index_completes_nothing(tmp_path: Path, monkeypatch) -> None:
    """An index file that is not SQLite: nothing, silently, and the file left as it was."""
    vault = copy_example(tmp_path)
    (vault / ".vaultkit").mkdir()
    junk = b"this is not a database" * 100
    (vault / ".vaultkit" / "index.sqlite").write_bytes(junk)
    monkeypatch.chdir(vault)
    assert bash("show", "zo") == []
    assert (vault / ".vaultkit" / "index.sqlite").read_bytes() == junk
    assert sorted(p.name for p in (vault / ".vaultkit").iterdir()) == ["index.sqlite"]


def test_completion_never_refreshes(tmp_path: Path, monkeypatch) -> None:
    """A note added after the last index is not offered until a command refreshes the cache;
    completing writes nothing in .vaultkit/."""
    vault = copy_example(tmp_path)
    run("index", "--vault", vault)
    (vault / "contacts" / "Zora Neale.md").write_text("---\ntype: contact\n---\n")
    monkeypatch.chdir(vault)
    cache = vault / ".vaultkit"
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    assert bash("show", "zo") == ["Zoë Kowalski"]
    assert {p.name: p.read_bytes() for p in cache.iterdir()} == before
    run("index")
    assert bash("show", "zo") == ["Zoë Kowalski", "Zora Neale"]


# -- the scripts and the real thing ----------------------------------------------------------


def test_the_scripts(in_example: Path) -> None:
    """`vault completion SHELL` prints the script each shell sources."""
    bash_script = run("completion", "bash").stdout
    assert "complete -o nosort -F _vault_completion vault" in bash_script
    assert "_VAULT_COMPLETE=bash_complete" in bash_script
    assert "read -r type value" in bash_script and 'COMPREPLY+=("$value")' in bash_script
    assert run("completion", "zsh").stdout.startswith("#compdef vault")
    assert "complete --no-files --command vault" in run("completion", "fish").stdout
    assert run("completion", "tcsh").exit_code == 2


def vault_bin() -> Path:
    """The installed `vault` beside this Python."""
    return Path(sys.executable).with_name("vault")


def test_through_the_installed_command(example: Path) -> None:
    """The installed `vault`, as the shell runs it: a real process, environment and all."""
    env = {
        **os.environ,
        "_VAULT_COMPLETE": "bash_complete",
        "COMP_WORDS": "vault\nshow\nzoe",
        "COMP_CWORD": "2",
    }
    done = subprocess.run(
        [str(vault_bin())], cwd=example, env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == ["plain,Zoë\\ Kowalski"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_runs_the_script(example: Path) -> None:
    """bash itself sources `vault completion bash` and calls its function as on TAB:
    each name is one element of COMPREPLY, quoted as it will be inserted."""
    script = (
        'eval "$(vault completion bash)"\n'
        "COMP_WORDS=(vault show Ma); COMP_CWORD=2; _vault_completion vault\n"
        'printf "%s\\n" "${#COMPREPLY[@]}" "${COMPREPLY[@]}"\n'
        "COMPREPLY=(); COMP_WORDS=(vault show '\"zoe'); COMP_CWORD=2; _vault_completion vault\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{vault_bin().parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        cwd=example,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "2",
        "Marcus\\ Thompson",
        "Maya\\ Chen",
        "Zoë Kowalski",
    ]
