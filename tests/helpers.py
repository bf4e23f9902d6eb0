"""Plain helpers and constants shared by the tests (fixtures live in conftest.py).

Where things are (REPO, EXAMPLE_VAULT, FIXTURES, GOLDEN), notes from small strings, in-memory
vaults for the rules, vaults on disk, running `vault`, golden files, and comparing the index
with the files. Import what you need: `from helpers import run, make_vault`.
"""

from __future__ import annotations

import datetime as dt
import os
import pty
import shutil
import subprocess
import threading
import warnings
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vaultkit.cli import cli
from vaultkit.core.config import Config, FollowUp
from vaultkit.core.model import DUE_KINDS as KINDS
from vaultkit.core.model import Contact, Interview, ParsedFile
from vaultkit.core.note import read_note
from vaultkit.core.report import Report, build_report
from vaultkit.core.rules import DueItem, Facts, due_items
from vaultkit.core.vault import Vault
from vaultkit.store.read import read_files
from vaultkit.store.walk import listing

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXAMPLE_VAULT = REPO / "example-vault"
FIXTURES = TESTS / "fixtures"
BROKEN_VAULT = FIXTURES / "broken-vault"
GOLDEN = TESTS / "golden"

EXAMPLE_TODAY = "2026-11-22"
TODAY = dt.date(2026, 11, 22)
VAULT_TOML = '[me]\nname = "Alex Rivera"\nemail = "alex@example.com"\n'
TEST_USER_TOML = '[me]\nname = "Test User"\nemail = "test.user@example.com"\n'
JANE_NOTE = """\
---
type: contact
name: Jane Doe
company: Acme
email: jane.doe@example.com
status: met
---
# Jane Doe
"""

Note = Contact | Interview


def day(offset: int) -> dt.date:
    """TODAY moved by `offset` days."""
    return TODAY + dt.timedelta(days=offset)


def link(name: str) -> str:
    """A quoted wikilink, as Obsidian writes it in properties."""
    return f'"[[{name}]]"'


def markdown(props: dict[str, object], body: str = "") -> str:
    """A note: the properties as `key: value` lines between `---`, then the body."""
    lines = ["---"]
    for key, value in props.items():
        if value is None:
            lines.append(f"{key}:")
        elif isinstance(value, (list, tuple)):
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        elif isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", ""]) + body


def contact_text(name: str, *, log: Iterable[tuple[dt.date, str]] = (), **props: object) -> str:
    """A contact note's text, with dated `## Log` lines."""
    body = f"# {name}\n\n## Research\n\n## Log\n\n"
    body += "".join(f"- {d.isoformat()} {text}\n" for d, text in log)
    return markdown({"type": "contact", "name": name, **props}, body)


def interview_text(
    person: str | None,
    *,
    questions: int | Iterable[str] = 3,
    tasks: Iterable[str] = (),
    referrals: Iterable[str] = (),
    **props: object,
) -> str:
    """An interview note's text: its questions, `- [ ]` tasks and referral links."""
    if isinstance(questions, int):
        questions = [f"Question {i + 1}?" for i in range(questions)]
    body = "# Interview\n\n## Questions\n\n" + "".join(f"- {q}\n" for q in questions)
    body += "\n## Notes\n\n## Insights\n\n## Action items\n\n" + "".join(f"{t}\n" for t in tasks)
    body += "\n## Referrals\n\n" + "".join(f"- [[{r}]]\n" for r in referrals)
    head: dict[str, object] = {"type": "interview"}
    if person is not None:
        head["contact"] = link(person)
    return markdown({**head, **props}, body)


def parse(path: str, text: str) -> Note:
    """The note read_note makes of `text`; fails the test if it is not a note."""
    parsed = read_note(path, text.encode("utf-8"), strict_folder=True)
    assert parsed.note is not None, parsed.problems
    assert not parsed.problems, parsed.problems
    return parsed.note


def contact(name: str, *, log: Iterable[tuple[dt.date, str]] = (), **props: object) -> Contact:
    """A Contact read from a small Markdown note."""
    note = parse(f"contacts/{name}.md", contact_text(name, log=log, **props))
    assert isinstance(note, Contact)
    return note


def interview(
    person: str | None,
    when: dt.date | str | None,
    *,
    path: str | None = None,
    **kwargs: object,
) -> Interview:
    """An Interview read from a small Markdown note; `when` may be 'YYYY-MM-DDTHH:MM'."""
    stem = str(when)[:10] if when else "undated"
    path = path or f"interviews/{stem} {person}.md"
    note = parse(path, interview_text(person, date=when, **kwargs))  # type: ignore[arg-type]
    assert isinstance(note, Interview)
    return note


def facts(
    notes: Iterable[Note],
    *,
    today: dt.date = TODAY,
    now: dt.time | None = None,
    settings: FollowUp | None = None,
) -> Facts:
    """The Facts the rules see for these notes."""
    notes = list(notes)
    return Facts(
        [n for n in notes if isinstance(n, Contact)],
        [n for n in notes if isinstance(n, Interview)],
        settings or FollowUp(),
        today,
        now,
    )


def due(
    notes: Iterable[Note],
    kind: str | None = None,
    *,
    today: dt.date = TODAY,
    now: dt.time | None = None,
    settings: FollowUp | None = None,
) -> list[DueItem]:
    """Every item the rules find (only `kind` when given), most overdue first."""
    kinds = (kind,) if kind else KINDS
    return due_items(facts(notes, today=today, now=now, settings=settings), kinds)


def report_of(
    notes: Iterable[Note],
    *,
    today: dt.date = TODAY,
    days: int = 7,
    now: dt.time | None = None,
    settings: FollowUp | None = None,
) -> Report:
    """build_report over an in-memory vault of these notes."""
    config = Config(root=Path("/nonexistent-vault"), follow_up=settings or FollowUp())
    vault = Vault(config, files=[ParsedFile(n.path, n) for n in notes])
    return build_report(vault, today=today, days=days, now=now)


def rows(report: Report, kind: str) -> list[tuple[str, dt.date, str, int]]:
    """(person, due, bucket, days_overdue) of each report item of one kind."""
    return [
        (i.item.person, i.item.due, i.bucket, i.days_overdue)
        for i in report.items
        if i.item.kind == kind
    ]


# -- vaults on disk ------------------------------------------------------------------------


def copy_example(tmp_path: Path) -> Path:
    """A copy of example-vault/ in tmp_path, so the cache is never written into the repo."""
    target = tmp_path / "example-vault"
    shutil.copytree(EXAMPLE_VAULT, target, ignore=shutil.ignore_patterns(".vaultkit"))
    return target


def make_vault(root: Path, files: dict[str, str | bytes], toml: str = VAULT_TOML) -> Path:
    """A vault at root with vault.toml and the given files (text or exact bytes)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "vault.toml").write_text(toml, encoding="utf-8")
    for folder in ("contacts", "interviews"):
        (root / folder).mkdir(exist_ok=True)
    for relative, content in files.items():
        write(root, relative, content)
    return root


def write(root: Path, relative: str, content: str | bytes) -> Path:
    """Write one file at a vault-relative path, making its folder."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """`vault ARGS...` through Click's CliRunner; a traceback fails the test."""
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"vault {' '.join(map(str, args))} crashed: {result.exception!r}\n{result.output}"
        ) from result.exception
    assert "Traceback" not in result.output
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path with its bytes, leaving out the cache."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".vaultkit" not in path.relative_to(root).parts
    }


# -- golden files --------------------------------------------------------------------------

# What each golden file was compared with in this session when rewriting, so two tests that
# pin one file cannot disagree unnoticed while it is being rewritten.
_PINNED: dict[Path, bytes] = {}


REFUSED = "UPDATE_GOLDEN=1 rewrites nothing when CI is set; rewrite it on your machine"


class GoldenRewritten(UserWarning):
    """UPDATE_GOLDEN=1 rewrote a golden file: read its diff before committing it."""


def updating_golden() -> bool:
    """Whether this run was asked to rewrite golden files (UPDATE_GOLDEN=1)."""
    return os.environ.get("UPDATE_GOLDEN") == "1"


def in_ci() -> bool:
    """Whether the CI variable is set (to anything but empty, 0 or false), as CI services do."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def check_golden(name: str, actual: str | bytes, *, folder: Path = GOLDEN) -> None:
    """Fail unless `actual` is byte for byte the golden file folder/NAME (text as UTF-8).

    With UPDATE_GOLDEN=1 a golden file that differs is rewritten first, and a
    GoldenRewritten warning names it; the comparison still runs, against what is then on
    disk. When the CI variable is set nothing is ever rewritten: the comparison fails as
    without UPDATE_GOLDEN, so a golden file only changes in a commit someone has read.
    """
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    path = folder / name
    on_disk = path.read_bytes() if path.is_file() else None
    refused = False
    if updating_golden():
        if _PINNED.setdefault(path, data) != data:
            pytest.fail(f"two tests pin {path} with different bytes", pytrace=False)
        refused = on_disk != data and in_ci()
        if on_disk != data and not refused:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            warnings.warn(GoldenRewritten(f"rewrote {path}: read its diff"), stacklevel=2)
            on_disk = path.read_bytes()
    if on_disk is None:
        how = REFUSED if refused else "run the test with UPDATE_GOLDEN=1 to write it"
        pytest.fail(f"{path} is missing: {how}", pytrace=False)
    how = REFUSED if refused else "if that is intended, run the test with UPDATE_GOLDEN=1"
    # Compared as text so a failure shows a diff; surrogateescape keeps it byte-exact.
    assert data.decode("utf-8", "surrogateescape") == on_disk.decode("utf-8", "surrogateescape"), (
        f"{path} differs: {how}, then read the diff"
    )


# -- what a vault says, for comparing the index with the files -----------------------------


def answers(vault: Vault) -> dict[str, object]:
    """Everything a command can learn from a Vault, in a form that compares by value."""
    return {
        "contacts": sorted((c.path, repr(c)) for c in vault.contacts),
        "interviews": sorted((i.path, repr(i)) for i in vault.interviews),
        "problems": sorted(vault.file_problems, key=repr),
        "broken": sorted(vault.broken_files),
        "other_notes": vault.other_notes,
        "counts": vault.counts,
        "report": build_report(vault, today=TODAY, days=30).as_json(),
    }


def fresh_answers(config: Config) -> dict[str, object]:
    """What the files say, read one by one without the index."""
    paths = sorted(listing(config.root))
    files = [parsed for parsed in read_files(config, paths) if parsed.kind != "other"]
    return answers(Vault(config, files, markdown_files=len(paths)))


def on_a_terminal(
    command: list[str], stream: str, env: dict[str, str] | None = None
) -> tuple[str, int, str]:
    """What a command writes to `stream` ("stdout" or "stderr") when that is a terminal,
    its exit code, and what it wrote to the other stream (a pipe).

    Both are read while the command runs, so a long output cannot fill either and stall it.
    """
    leader, follower = pty.openpty()
    other = "stderr" if stream == "stdout" else "stdout"
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            env=env,
            **{stream: follower, other: subprocess.PIPE},  # type: ignore[arg-type]
        )
        os.close(follower)
        follower = -1
        piped: list[bytes] = []
        reader = threading.Thread(target=lambda: piped.append(getattr(proc, other).read()))
        reader.start()
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the command has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
        reader.join()
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    errors = b"".join(piped).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8"), proc.returncode, errors
