"""The SQLite index is only a cache: whatever happens to files or to it, answers equal the files."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_TODAY,
    answers,
    contact_text,
    copy_example,
    day,
    fresh_answers,
    interview_text,
    make_vault,
    on_a_terminal,
    run,
    write,
)
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from vaultkit.core.config import load_config
from vaultkit.store.db import index_path
from vaultkit.store.digest import code_digest
from vaultkit.store.index import refresh

VAULT = [sys.executable, "-m", "vaultkit"]
OLD_NS = 1_750_000_000 * 10**9  # mid-2025: far from "now", so never re-read as racy


# -- random sequences of changes ------------------------------------------------------------

PEOPLE = ["Ann Lee", "Bo Chen", "Zoë Kowalski", "Di Evans"]
FOLDERS = ["contacts", "interviews", "notes", ""]
KINDS = ["contact", "contact", "interview", "interview", "other", "plain", "broken"]
# Same-length swaps that change what a note means.
SWAPS = [
    (b"type: contact", b"typo: contact"),
    (b"typo: contact", b"type: contact"),
    (b"type: interview", b"typo: interview"),
    (b"typo: interview", b"type: interview"),
    (b"status: contacted", b"status: scheduled"),
    (b"status: scheduled", b"status: contacted"),
    (b"status: done", b"status: gone"),  # an unknown status: a problem
]


def note_content(kind: str, number: int, person: str, offset: int) -> str:
    """A small note of the given kind; `number` is a 4-digit mark a same-size edit changes."""
    mark = f"{number:04d}"
    if kind == "contact":
        return contact_text(
            person,
            company=f"Acme {mark}",
            status="contacted" if number % 2 else "scheduled",
            outreach_sent=day(offset),
            log=[(day(offset + 1), "Wrote")],
        )
    if kind == "interview":
        return interview_text(
            person,
            date=day(offset),
            medium=f"zoom {mark}",
            status="done",
            tasks=[f"- [ ] Task {mark}"],
            referrals=["Nobody Yet"] if number % 3 == 0 else [],
        )
    if kind == "other":
        return f"---\ntags: [x]\n---\n# Note {mark}\n"
    if kind == "broken":
        return f"---\ntype: contact\nname: [Broken {mark}\n---\n"
    return f"# Plain {mark}\n"


CONTENT = st.builds(
    note_content,
    st.sampled_from(KINDS),
    st.integers(0, 9999),
    st.sampled_from(PEOPLE),
    st.integers(-120, 10),
)


class IndexAgreesWithFiles(RuleBasedStateMachine):
    """Creates, edits, same-size same-tick edits, renames and deletes; refresh in between."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="vaultkit-index-")) / "vault"
        make_vault(self.root, {})
        self.config = load_config(self.root)
        self.writes = 0
        self.indexed: set[str] = set()  # paths on disk at the last refresh
        self.touched: set[str] = set()  # paths written since then

    def teardown(self) -> None:
        shutil.rmtree(self.root.parent, ignore_errors=True)

    def paths(self) -> list[str]:
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.md")
            if ".vaultkit" not in p.parts
        )

    def _write(self, path: str, content: str, old_time: bool) -> None:
        """Write content with a unique mtime: long ago, or now (the racy case)."""
        self._stamp(write(self.root, path, content), old_time)
        self.touched.add(path)

    def _stamp(self, target: Path, old_time: bool) -> None:
        """A new, unique mtime: long ago (never racy), or now."""
        self.writes += 1
        ns = OLD_NS + self.writes * 1_000_003 if old_time else time.time_ns()
        os.utime(target, ns=(ns, ns))

    @rule(
        folder=st.sampled_from(FOLDERS),
        name=st.sampled_from(["a", "b", "c", "Ann Lee", "Zoë"]),
        content=CONTENT,
        old_time=st.booleans(),
    )
    def create(self, folder: str, name: str, content: str, old_time: bool) -> None:
        path = f"{folder}/{name}.md".lstrip("/")
        if not (self.root / path).exists():
            self._write(path, content, old_time)

    @precondition(lambda self: self.paths())
    @rule(data=st.data(), content=CONTENT, old_time=st.booleans())
    def edit(self, data: st.DataObject, content: str, old_time: bool) -> None:
        path = data.draw(st.sampled_from(self.paths()))
        self._write(path, content, old_time)

    @precondition(lambda self: self.paths())
    @rule(data=st.data(), same_tick=st.booleans())
    def same_size_edit(self, data: st.DataObject, same_tick: bool) -> None:
        """Different bytes of the same length: later (a new mtime), or in the same clock tick
        (mtime_ns put back, which only a recent write allows)."""
        path = data.draw(st.sampled_from(self.paths()))
        target = self.root / path
        before = target.stat()
        if same_tick and time.time_ns() - before.st_mtime_ns > 1_000_000_000:
            return  # an old file: a second edit in its clock tick cannot happen
        raw = target.read_bytes()
        options = [(a, b) for a, b in SWAPS if a in raw]
        marks = re.findall(rb"\d{4}", raw)
        options += [(m, str((int(m) + 1) % 10000).zfill(4).encode()) for m in marks]
        old, new = data.draw(st.sampled_from(options))
        changed = raw.replace(old, new, 1)
        assert len(changed) == len(raw) and changed != raw
        target.write_bytes(changed)
        if same_tick:
            os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
        else:
            self._stamp(target, old_time=True)
        assert target.stat().st_size == before.st_size
        self.touched.add(path)

    @precondition(lambda self: self.paths())
    @rule(data=st.data(), folder=st.sampled_from(FOLDERS), name=st.sampled_from(["r", "Bo Chen"]))
    def rename(self, data: st.DataObject, folder: str, name: str) -> None:
        path = data.draw(st.sampled_from(self.paths()))
        new = f"{folder}/{name}.md".lstrip("/")
        if not (self.root / new).exists():
            (self.root / new).parent.mkdir(parents=True, exist_ok=True)
            os.rename(self.root / path, self.root / new)
            self.touched.add(new)

    @precondition(lambda self: self.paths())
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        (self.root / data.draw(st.sampled_from(self.paths()))).unlink()

    @rule()
    def refresh_agrees_with_the_files(self) -> None:
        vault, stats = refresh(self.config)
        on_disk = set(self.paths())
        assert answers(vault) == fresh_answers(self.config)
        assert stats.added == len(on_disk - self.indexed)
        assert stats.removed == len(self.indexed - on_disk)
        assert stats.modified >= len(self.touched & self.indexed & on_disk)
        assert stats.added + stats.modified + stats.unchanged == len(on_disk)
        self.indexed, self.touched = on_disk, set()

    @rule()
    def rebuild_agrees_with_the_files(self) -> None:
        vault, stats = refresh(self.config, rebuild=True)
        assert stats.rebuilt
        assert answers(vault) == fresh_answers(self.config)
        self.indexed, self.touched = set(self.paths()), set()

    @rule()
    def delete_the_cache(self) -> None:
        shutil.rmtree(self.root / ".vaultkit", ignore_errors=True)
        self.indexed = set()

    @invariant()
    def no_cache_in_the_walk(self) -> None:
        assert not any(".vaultkit" in p for p in self.paths())


IndexAgreesWithFiles.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIndexAgreesWithFiles = pytest.mark.slow(IndexAgreesWithFiles.TestCase)


# -- the cache can go, break or age: answers stay the same ----------------------------------


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh copy of the example vault, indexed once."""
    vault = copy_example(tmp_path)
    assert run("index", "--vault", vault).exit_code == 0
    return vault


def every_answer(vault: Path) -> dict[str, str]:
    """The output of the read-only commands, as a user sees them."""
    commands = {
        "report": ("report", "--today", EXAMPLE_TODAY, "--json"),
        "report-text": ("report", "--today", EXAMPLE_TODAY, "--days", "60"),
        "contacts": ("ls", "contacts", "--json"),
        "interviews": ("ls", "interviews", "--json"),
        "show": ("show", "Maya Chen", "--json"),
        "check": ("check", "--json"),
    }
    found = {}
    for name, args in commands.items():
        result = run(*args, "--vault", vault)
        assert result.exit_code in (0, 1), result.output
        found[name] = result.stdout
        assert result.stderr == "", f"{name}: {result.stderr}"
    found["check"] = re.sub(r'"seconds": [0-9.e-]+', "", found["check"])
    return found


def test_deleting_the_cache_changes_no_answer(example):
    """rm -r .vaultkit: every command answers exactly as before."""
    before = every_answer(example)
    shutil.rmtree(example / ".vaultkit")
    assert every_answer(example) == before
    assert index_path(example).is_file(), "the cache is made again"


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty", "truncated", "pages", "wal-garbage"],
)
def test_a_damaged_index_is_rebuilt_silently(example, damage):
    """Garbage, an empty or truncated file, or damaged pages: same answers, no message."""
    before = every_answer(example)
    path = index_path(example)
    raw = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(4096) + b"not a database" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2 + 7])
    elif damage == "pages":  # a valid header, every page after the first overwritten
        path.write_bytes(raw[:4096] + bytes([0x5A]) * (len(raw) - 4096))
    else:
        Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + os.urandom(5000))
    assert every_answer(example) == before
    config = load_config(example)
    assert answers(refresh(config)[0]) == fresh_answers(config)


def test_a_damaged_index_is_rebuilt_through_the_api(example):
    """refresh() itself never raises on a garbage index and answers from the files."""
    index_path(example).write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    config = load_config(example)
    vault, _ = refresh(config)
    assert answers(vault) == fresh_answers(config)
    _, stats = refresh(config)
    assert stats.added == 0 and stats.removed == 0, "the rebuilt index is used next time"


def test_an_older_schema_is_rebuilt_silently(example):
    """An index whose user_version is 0 is thrown away and rebuilt, without a word."""
    before = every_answer(example)
    with sqlite3.connect(index_path(example)) as db:
        db.execute("PRAGMA user_version = 0")
    db.close()
    config = load_config(example)
    vault, stats = refresh(config)
    assert answers(vault) == fresh_answers(config)
    assert stats.added == 47, "every file is read again"
    with sqlite3.connect(index_path(example)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] != 0
    db.close()
    assert every_answer(example) == before


def test_an_older_schema_with_stale_rows_gives_todays_answer(example):
    """Old schema and a note changed since: the answer is the note as it is now."""
    with sqlite3.connect(index_path(example)) as db:
        db.execute("PRAGMA user_version = 0")
    db.close()
    note = example / "contacts" / "Tomás Herrera.md"
    note.write_text(note.read_text(encoding="utf-8").replace("replied:", "replied: 2026-11-12"))
    kinds = {i["person"]: i["kind"] for i in json.loads(every_answer(example)["report"])["items"]}
    assert "Tomás Herrera" not in kinds


def test_rebuild_flag(example):
    """`vault index --rebuild` reads every note again and says so."""
    result = run("index", "--vault", example, "--rebuild")
    assert result.exit_code == 0
    assert "rebuilt" in result.stdout and "47 added" in result.stdout


def test_index_command_says_what_the_vault_holds(example):
    """`vault index` counts contacts, interviews, other notes and broken notes."""
    result = run("index", "--vault", example)
    assert result.exit_code == 0
    assert result.stdout.startswith("20 contacts, 23 interviews, 4 other notes; 0 broken")


# -- what a refresh did, in counts ----------------------------------------------------------


def _age(root: Path, offset: int = 0) -> None:
    """Give every note a distinct mtime long ago, so none is re-read as racy."""
    for number, path in enumerate(sorted(root.rglob("*.md"))):
        ns = OLD_NS + (offset + number) * 1_000_000_000
        os.utime(path, ns=(ns, ns))


def test_index_stats_for_a_known_sequence(tmp_path):
    """Added, modified, removed and unchanged counts after each step of a known story."""
    files = {
        "contacts/Ann Lee.md": contact_text("Ann Lee", outreach_sent=day(-3)),
        "contacts/Bo Chen.md": contact_text("Bo Chen"),
        "interviews/2026-11-01 Ann Lee.md": interview_text("Ann Lee", date=day(-21)),
        "notes/Plan.md": "# Plan\n",
        "Broken.md": "---\ntype: contact\nname: [x\n---\n",
    }
    root = make_vault(tmp_path / "v", files)
    _age(root)
    config = load_config(root)

    def counts(**kwargs: bool) -> tuple[int, int, int, int]:
        vault, stats = refresh(config, **kwargs)
        assert answers(vault) == fresh_answers(config)
        return stats.added, stats.modified, stats.removed, stats.unchanged

    assert counts() == (5, 0, 0, 0)
    assert counts() == (0, 0, 0, 5)
    write(root, "contacts/Bo Chen.md", contact_text("Bo Chen", status="met"))
    write(root, "contacts/Cy Diaz.md", contact_text("Cy Diaz"))
    (root / "notes" / "Plan.md").unlink()
    _age(root, offset=100)
    assert counts() == (1, 4, 1, 0)  # every file got a new mtime from _age
    assert counts() == (0, 0, 0, 5)
    os.rename(root / "Broken.md", root / "notes" / "Broken.md")
    assert counts() == (1, 0, 1, 4)
    write(root, "contacts/Ann Lee.md", contact_text("Ann Lee", outreach_sent=day(-4)))
    os.utime(root / "contacts" / "Ann Lee.md", ns=(OLD_NS - 1, OLD_NS - 1))
    assert counts() == (0, 1, 0, 4)
    _, stats = refresh(config, rebuild=True)
    assert stats.rebuilt and (stats.added, stats.modified, stats.removed) == (5, 0, 0)


def test_a_same_size_edit_in_the_same_tick_is_seen(tmp_path):
    """Written, indexed, rewritten at once with the same size and mtime_ns: still re-read."""
    root = make_vault(tmp_path / "v", {"contacts/Ann Lee.md": contact_text("Ann Lee")})
    config = load_config(root)
    note = root / "contacts" / "Ann Lee.md"
    first = refresh(config)[0]
    before = note.stat()
    raw = note.read_bytes()
    note.write_bytes(raw.replace(b"name: Ann Lee", b"name: Ann Lei"))
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert note.stat().st_size == before.st_size
    vault = refresh(config)[0]
    assert [c.name for c in first.contacts] == ["Ann Lee"]
    assert [c.name for c in vault.contacts] == ["Ann Lei"]


# -- a vault the user cannot write to -------------------------------------------------------


def _drop_write_override() -> None:
    """In the child: as root, give up the capability that ignores file permissions."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _read_only(root: Path) -> None:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            os.chmod(Path(folder) / name, 0o444)
        os.chmod(folder, 0o555)


def _writable(root: Path) -> None:
    for folder, _dirs, names in os.walk(root):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(Path(folder) / name, 0o644)


def _report_as_reader(vault: Path) -> subprocess.CompletedProcess[str]:
    """`vault report --json` in a process that cannot write to the vault."""
    env = {k: v for k, v in os.environ.items() if k != "VAULT_DIR"}
    return subprocess.run(
        [*VAULT, "report", "--vault", str(vault), "--today", EXAMPLE_TODAY, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=_drop_write_override,
        check=False,
    )


@pytest.mark.parametrize("with_stale_cache", [False, True])
def test_a_read_only_vault_still_answers(tmp_path, with_stale_cache):
    """No way to write .vaultkit/ (or a stale one that cannot be updated): right answers."""
    vault = copy_example(tmp_path)
    if with_stale_cache:
        assert run("index", "--vault", vault).exit_code == 0
    note = vault / "contacts" / "Tomás Herrera.md"
    note.write_text(note.read_text(encoding="utf-8").replace("replied:", "replied: 2026-11-12"))
    expected_vault = copy_example(tmp_path / "expected")
    shutil.copy2(note, expected_vault / "contacts" / note.name)
    expected = run("report", "--vault", expected_vault, "--today", EXAMPLE_TODAY, "--json")
    _read_only(vault)
    try:
        probe = vault / "probe"
        proc = subprocess.run(
            ["/bin/sh", "-c", f"touch '{probe}'"],
            preexec_fn=_drop_write_override,
            capture_output=True,
            check=False,
        )
        if proc.returncode == 0:
            pytest.skip("cannot make a folder read-only here")
        result = _report_as_reader(vault)
    finally:
        _writable(vault)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == expected.stdout
    assert "Tomás Herrera" not in result.stdout


def test_files_never_stat_as_changed_by_a_refresh(example):
    """A refresh writes only inside .vaultkit/: every note keeps its bytes and mtime."""
    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in example.rglob("*")
        if p.is_file() and ".vaultkit" not in p.parts
    }
    refresh(load_config(example), rebuild=True)
    refresh(load_config(example))
    after = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in example.rglob("*")
        if p.is_file() and ".vaultkit" not in p.parts
    }
    assert after == before
    assert stat.S_ISREG(index_path(example).stat().st_mode)


def test_a_changed_notes_folder_reads_every_note_again(tmp_path):
    """What counts as a notes folder changes what a file is: vault.toml's folders re-read all."""
    files = {"people/Ann Lee.md": "---\nname: [unclosed\n---\n", "contacts/Bo Chen.md": "# Bo\n"}
    root = make_vault(tmp_path / "v", files)
    config = load_config(root)
    assert refresh(config)[0].broken_files == []
    toml = root / "vault.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[folders]\ncontacts = "people"\n')
    vault, stats = refresh(load_config(root))
    assert vault.broken_files == ["people/Ann Lee.md"]
    assert stats.added == 2
    assert answers(vault) == fresh_answers(load_config(root))


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_during_a_first_index_prints_no_traceback(tmp_path):
    """Ctrl-C reaches every process of the group: the parsing workers stay quiet."""
    files = {f"contacts/P{n:05}.md": contact_text(f"P{n:05}") for n in range(6000)}
    root = make_vault(tmp_path / "v", files)
    proc = subprocess.Popen(
        [*VAULT, "index", "--vault", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.skip("the index was done before the workers could be seen")
    os.killpg(proc.pid, 2)  # SIGINT, as a terminal sends it
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode in (1, 130), err
    assert len(refresh(load_config(root))[0].contacts) == 6000, "the next command still works"


def _stderr_on_a_terminal(command: list[str]) -> str:
    """What a command writes to stderr when stderr is a terminal."""
    shown, code, out = on_a_terminal(command, "stderr")
    assert code == 0, out
    return shown


@pytest.mark.slow
def test_a_long_index_shows_progress_on_a_terminal_only(tmp_path):
    """2,500 notes: a counting line on a terminal, cleared at the end; nothing when piped."""
    files = {f"contacts/P{n:04}.md": contact_text(f"P{n:04}") for n in range(2500)}
    root = make_vault(tmp_path / "v", files)
    shown = _stderr_on_a_terminal([*VAULT, "index", "--vault", str(root)])
    assert "\rindexing 1000/2500 notes" in shown
    assert shown.endswith("\rindexing 2500/2500 notes\r\x1b[K")
    piped = subprocess.run(
        [*VAULT, "index", "--rebuild", "--vault", str(root)], capture_output=True, text=True
    )
    assert (piped.returncode, piped.stderr) == (0, "")


def test_two_notes_swapped_with_the_same_size_and_time_are_seen(tmp_path):
    """Renaming two same-size notes into each other's place, times kept: both read again."""
    files = {
        "contacts/Ann Lee.md": contact_text("Ann Lee", outreach_sent=day(-9)),
        "contacts/Bob Ray.md": contact_text("Bob Ray", outreach_sent=day(-9)),
    }
    root = make_vault(tmp_path / "v", files)
    ann, bob = root / "contacts" / "Ann Lee.md", root / "contacts" / "Bob Ray.md"
    for path in (ann, bob):
        os.utime(path, ns=(OLD_NS, OLD_NS))
    assert ann.stat().st_size == bob.stat().st_size
    config = load_config(root)
    refresh(config)
    os.rename(ann, root / "swap.tmp")
    os.rename(bob, ann)
    os.rename(root / "swap.tmp", bob)
    vault, _ = refresh(config)
    assert {(c.path, c.name) for c in vault.contacts} == {
        ("contacts/Ann Lee.md", "Bob Ray"),
        ("contacts/Bob Ray.md", "Ann Lee"),
    }
    assert answers(vault) == fresh_answers(config)


def test_folders_whose_names_run_together_are_told_apart(tmp_path):
    """contacts "a" with interviews "b c", then "a b" with "c": another reading, read again."""
    root = make_vault(tmp_path / "v", {"a/x.md": "---\nname: [unclosed\n---\n"})
    toml = root / "vault.toml"
    original = toml.read_text(encoding="utf-8")
    toml.write_text(original + '[folders]\ncontacts = "a"\ninterviews = "b c"\n')
    assert refresh(load_config(root))[0].broken_files == ["a/x.md"]
    toml.write_text(original + '[folders]\ncontacts = "a b"\ninterviews = "c"\n')
    config = load_config(root)
    assert refresh(config)[0].broken_files == []
    assert answers(refresh(config)[0]) == fresh_answers(config)


def test_a_file_that_could_not_be_read_is_tried_again(tmp_path, monkeypatch):
    """Refused once (permissions, a cloud file not yet downloaded): read again next time."""
    root = make_vault(tmp_path / "v", {"contacts/Jane Doe.md": contact_text("Jane Doe")})
    os.utime(root / "contacts" / "Jane Doe.md", ns=(OLD_NS, OLD_NS))
    config = load_config(root)
    opener = os.open

    def refused(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("Jane Doe.md"):
            raise PermissionError(13, "Permission denied", path)
        return opener(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    assert refresh(config)[0].broken_files == ["contacts/Jane Doe.md"]
    monkeypatch.undo()
    vault, stats = refresh(config)
    assert stats.modified == 1
    assert (vault.broken_files, [c.name for c in vault.contacts]) == ([], ["Jane Doe"])


def test_a_damaged_row_is_read_from_its_file(example):
    """One row's bytes overwritten: right answers, no traceback, and it is mended next time."""
    before = every_answer(example)
    db = sqlite3.connect(index_path(example))
    with db:
        db.execute("UPDATE files SET note = x'e9' WHERE path = 'contacts/Tomás Herrera.md'")
    db.close()
    other = example / "notes" / "Reading list.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert every_answer(example) == before
    assert every_answer(example) == before


def test_the_code_digest_changes_with_any_change_to_the_code(tmp_path):
    """A changed, added or renamed module reads every note again; the same code does not."""
    package = tmp_path / "vaultkit"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 2\n")
    (package / "notes.txt").write_text("not code\n")
    first = code_digest(package)
    assert code_digest(package) == first
    (package / "notes.txt").write_text("still not code\n")
    assert code_digest(package) == first
    seen = {first}
    for change in (
        lambda: (package / "a.py").write_text("A = 3\n"),
        lambda: (package / "sub" / "c.py").write_text(""),
        lambda: (package / "sub" / "c.py").rename(package / "c.py"),
    ):
        change()
        digest = code_digest(package)
        assert digest not in seen
        seen.add(digest)
