"""Benchmark vaultkit against floors measured in the same run, on the same files, at
several sizes of vault.

    python bench/run.py [--sizes 5000,50000,200000] [--runs 5] [--out bench/out]
        [--fmql PATH/TO/fmql]

Run it with the Python of a virtual environment where vaultkit is installed as
users install it (`pip install .`): an editable install adds an import hook to
every start. The `vault` beside that Python is the one measured.

For each size it builds a vault of about that many files with bench/make_vault.py,
beside this file, in the proportions of the 50,040-file vault (a fifth contacts, three
interviews per contact, a fifth other notes, 0.1% malformed; once; kept in --out), then
times, each --runs times, as whole processes:
  floor-walk   a Python process that only walks the vault and stats every file
  floor-parse  one that reads every file and parses each frontmatter (CSafeLoader)
  cold         vault index --rebuild
  warm         vault report with nothing changed (every contact is late with something)
  warm-nudges  the same with --kind nudge (a hundredth of the items), the cost of output
  edit-one     vault report after a hand edit of one contact note (a new log line)
  mark-one     vault report after `vault log` wrote one line in a contact (untimed)
  status-edit  vault report after a hand edit of a contact's `status:` line, paused and
               back in turn, on a contact with interviews
  check-cold   vault check with no index
  check        vault check with the index up to date
  ls           vault ls contacts --json, index up to date
  show         vault show NAME of a contact with interviews, index up to date
  help         vault --help
  watch        a running `vault watch`: from the save of a contact note (its status, paused
               and back) to the dashboard note rewritten, polled every 5 ms (30 s at most)
It checks the answers as well: `vault check` names every broken file make_vault wrote, `ls`
lists every contact, `show` tells the person and their interviews, and pausing a contact
takes exactly their items out of the report. The notes it edits get their bytes back at
the end. With --fmql, the peer tool fmql answers one question (contacts with a follow_up
date) on an 8,000-file vault and on the 50,000-file one, and `vault ls contacts --json`
answers it too: the answers are compared, then timed. Peak memory is the largest resident
set of each process, as `/usr/bin/time -v` reports it (wait4). The kernel counts this
script's own resident set in each child's, so it stays small (the large answers are read
in a child of their own) and says how large it was.

Prints Markdown tables on stdout: medians, ratios and peak memory at each size, then how
each cost per file grows from the smallest size to the largest, then peak memory by size.
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import multiprocessing
import os
import queue
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
MAKE_VAULT = HERE / "make_vault.py"
TODAY = "2026-11-22"
SIZES = "5000,50000,200000"
SMALL = ["--contacts", "2000", "--interviews-per-contact", "3", "--today", TODAY]
FMQL_QUESTION = 'MATCH (c) WHERE c.type = "contact" AND c.follow_up IS NOT NULL RETURN c'
# make_vault writes these broken files in turn; the fifth (BOM and CRLF) is a valid note.
MALFORMED_KINDS, VALID_MALFORMED = 6, 4
SILENT = ("declined", "dormant", "paused")  # statuses under which nothing is due
DASHBOARD = "Follow-ups.md"
WATCH_TIMEOUT = 30.0  # seconds for one save to reach the dashboard
WATCH_START = 300.0  # seconds for the watcher's first refresh and dashboard
POLL = 0.005
# What each measure is a ratio of: the sum of these rows' medians.
RATIO_OF = {
    "cold": ("floor-parse",),
    "warm": ("floor-walk",),
    "warm-nudges": ("floor-walk",),
    "edit-one": ("warm",),
    "mark-one": ("warm",),
    "status-edit": ("warm",),
    "check-cold": ("floor-parse",),
    "check": ("warm",),
    "ls": ("warm",),
    "show": ("floor-walk", "help"),
    "fmql-8k": ("vault-8k",),
}
RATIO_TARGETS = {  # issue 16's, at 50,000 files
    "cold": 0.6,
    "warm": 2.0,
    "edit-one": 1.2,
    "mark-one": 1.2,
    "status-edit": 1.2,
    "check": 1.0,
    "ls": 1.0,
    "show": 1.1,
}
SECONDS_TARGETS = {"help": 0.15, "watch": 0.5}
GROWTH_TARGET = 1.3
NO_GROWTH = ("help",)  # start-up does not grow with the vault: its cost per file means nothing
MEMORY_TARGETS_MB = ((50_000, 300), (200_000, 1024))  # (up to this many files, under this)


@dataclass
class Row:
    name: str
    times: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)
    failures: int = 0  # runs that timed out (watch)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else math.nan

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_kb) / 1024 if self.peaks_kb else math.nan


@dataclass
class Size:
    """One size's vault and what was measured on it."""

    files: int  # the size asked for
    vault: Path
    notes: int = 0  # Markdown files in it, as the floor walk counts them
    rows: list[Row] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def row(self, name: str) -> Row | None:
        return next((row for row in self.rows if row.name == name), None)


@dataclass
class People:
    """The contact notes the benchmark edits or asks about, each a different person."""

    edited: Path  # edit-one
    logged: Path  # mark-one
    paused: Path  # status-edit
    watched: Path  # watch
    shown: Path  # show


def vault_command() -> list[str]:
    """The `vault` installed beside this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("vault")
    return [str(beside) if beside.exists() else shutil.which("vault") or "vault"]


def run(command: list[str], output: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak resident kilobytes and exit code of one process."""
    started = time.perf_counter()
    with open(output or os.devnull, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def make(out: Path, args: list[str]) -> Path:
    if not (out / "vault.toml").exists():
        write = [sys.executable, str(MAKE_VAULT), str(out), *args]
        subprocess.run(write, check=True, stdout=sys.stderr)  # its counts are progress
        subprocess.run([*vault_command(), "init", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def layout(files: int) -> list[str]:
    """make_vault's arguments for about `files` files, in the 50,040-file vault's proportions."""
    fifth = str(files // 5)
    return ["--contacts", fifth, "--interviews-per-contact", "3", "--other-notes", fifth,
            "--malformed", "0.001", "--today", TODAY]  # fmt: skip


def label(files: int) -> str:
    return f"{files // 1000}k" if files % 1000 == 0 else str(files)


def prepare(out: Path, files: int) -> Size:
    """The vault of this size, written once, with a dashboard set and none written yet."""
    print(f"vault of {files:,} files", file=sys.stderr)
    vault = make(out / f"vault-{label(files)}", layout(files))
    settings = vault / "vault.toml"
    text = settings.read_text(encoding="utf-8")
    if not text.startswith("dashboard ="):  # before the first [section]
        settings.write_text(f'dashboard = "{DASHBOARD}"\n{text}', encoding="utf-8")
    (vault / DASHBOARD).unlink(missing_ok=True)  # left by a run that was stopped
    return Size(files, vault, notes=count_notes(vault))


def count_notes(vault: Path) -> int:
    """Markdown files outside hidden folders, as the floor walk counts them."""
    done = subprocess.run(
        [sys.executable, str(HERE / "floor_walk.py"), str(vault)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def measure(
    name: str, command: list[str], runs: int, before: Callable[[], None] | None = None
) -> Row:
    row = Row(name)
    for _ in range(runs):
        if before:
            before()
        seconds, peak, code = run(command)
        row.times.append(seconds)
        row.peaks_kb.append(peak)
        row.codes.add(code)
    progress(row)
    return row


def progress(row: Row) -> None:
    failed = f"  {row.failures} timed out" if row.failures else ""
    print(
        f"  {row.name:12} median {row.median:.3f}s  peak {row.peak_mb:.0f} MB  "
        f"exit {sorted(row.codes)}{failed}",
        file=sys.stderr,
    )


@contextlib.contextmanager
def bytes_kept(notes: list[Path]) -> Iterator[None]:
    """Give the notes their bytes back afterwards, so every run measures the same vault."""
    kept = {note: note.read_bytes() for note in notes}
    try:
        yield
    finally:
        for note, data in kept.items():
            note.write_bytes(data)


def editor(note: Path) -> Callable[[], None]:
    """Edit one contact note per call, changing its bytes the way a user would."""
    original = note.read_bytes()
    counter = iter(range(10**6))

    def edit() -> None:
        line = f"- 2026-11-2{next(counter) % 10} called again\n".encode()
        note.write_bytes(original + line)

    return edit


def logger(note: Path) -> Callable[[], None]:
    """Write one new line in a contact's log with `vault log`, as a user would."""
    vault = str(note.parent.parent)

    def log() -> None:
        text = f"benchmark call {time.time_ns()}"  # a new line every time, never a no-op
        command = [*vault_command(), "log", note.stem, text, "--date", TODAY, "--force"]
        done = subprocess.run([*command, "--vault", vault], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"vault log failed (exit {done.returncode}): {done.stderr.strip()}")

    return log


def status_toggler(note: Path) -> Callable[[], None]:
    """Set the contact's `status:` line to paused on one call and back on the next."""
    original = note.read_bytes()
    line = re.search(rb"^status: .*$", original, re.MULTILINE)
    if line is None:
        raise SystemExit(f"{note} has no status line")
    paused = original[: line.start()] + b"status: paused" + original[line.end() :]
    states = itertools.cycle([paused, original])
    return lambda: note.write_bytes(next(states))


def drop_index(vault: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(vault / ".vaultkit", ignore_errors=True)


def in_child(work: Callable[..., T], *args: object) -> T:
    """Run `work` in a new Python process: a large answer read there leaves this process's
    resident set, which the kernel counts in every process it starts, as it was."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(work, *args).result()  # its SystemExit is raised here


def report_items(vault: Path, out: Path) -> list[dict[str, object]]:
    command = [*vault_command(), "report", "--json", "--today", TODAY, "--vault", str(vault)]
    _, _, code = run(command, out)
    if code != 0:
        raise SystemExit(f"vault report --json exit {code}; see {out}")
    items: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))["items"]
    return items


def owed_a_thank_you(vault: Path, out: Path) -> set[str]:
    return {item["person"] for item in report_items(vault, out) if item["kind"] == "thank-you"}


def items_of(vault: Path, person: str, out: Path) -> tuple[int, int]:
    """How many items the report has, and how many of them are the person's."""
    items = report_items(vault, out)
    return len(items), sum(item["person"] == person for item in items)


def choose_people(vault: Path, out: Path) -> People:
    """Contacts with interviews, not paused or declined, owed a thank-you in the report
    (one that stays due whatever the clock says, as the watcher's dashboard needs)."""
    owed = owed_a_thank_you(vault, out)
    edited = first_contact(vault)
    chosen = [
        note
        for note in with_interviews(vault)
        if note.stem in owed and note != edited and not silent(note)
    ][:4]
    if len(chosen) < 4:
        raise SystemExit(f"{vault} has fewer than 4 contacts with interviews owed a thank-you")
    return People(edited, *chosen)


def first_contact(vault: Path) -> Path:
    """The contact note edit-one edits: an Ada, as it always has (the first by name)."""
    contacts = sorted((vault / "contacts").glob("*.md"))
    return next((p for p in contacts if p.name.startswith("Ada")), contacts[0])


def with_interviews(vault: Path) -> list[Path]:
    """Contact notes named by make_vault's interview files, `DATE NAME.md` or `DATE NAME (i).md`."""
    names = set()
    for interview in (vault / "interviews").glob("*.md"):
        found = re.fullmatch(r"\d{4}-\d\d-\d\d (.+?)(?: \(\d+\))?", interview.stem)
        if found:
            names.add(found[1])
    return sorted(p for p in (vault / "contacts" / f"{n}.md" for n in names) if p.exists())


def silent(note: Path) -> bool:
    found = re.search(r"^status: *(\S+)", note.read_text(encoding="utf-8"), re.MULTILINE)
    return found is None or found[1] in SILENT


def check_names_every_broken_file(vault: Path, out: Path) -> str:
    """`vault check` output must name each broken file make_vault wrote, and no traceback."""
    command = [*vault_command(), "check", "--vault", str(vault)]
    _, _, code = run(command, out)
    text = out.read_text(encoding="utf-8")
    broken = sorted(
        f"{p.parent.name}/{p.name}"
        for p in vault.glob("*/broken *.md")
        if int(p.stem.split()[-1]) % MALFORMED_KINDS != VALID_MALFORMED
    )
    missing = [path for path in broken if f"{path}:" not in text]
    expected = 1 if broken else 0
    if missing or "Traceback" in text or code != expected:
        raise SystemExit(f"vault check missed {missing} (exit {code}); see {out}")
    files = "file" if len(broken) == 1 else "files"
    return f"vault check names all {len(broken)} broken {files} (exit {code}, no traceback)"


def listed_contacts(vault: Path, out: Path) -> tuple[set[str], int]:
    """The paths `vault ls contacts --json` lists, and its exit code."""
    command = [*vault_command(), "ls", "contacts", "--json", "--vault", str(vault)]
    _, _, code = run(command, out)
    return {row["path"] for row in json.loads(out.read_text(encoding="utf-8"))}, code


def check_ls_lists_every_contact(vault: Path, out: Path) -> str:
    listed, code = listed_contacts(vault, out)
    written = {
        f"contacts/{p.name}"
        for p in (vault / "contacts").glob("*.md")
        if not p.name.startswith("broken ")
    }
    missing = sorted(written - listed)
    if missing or code != 0:
        raise SystemExit(f"vault ls contacts missed {missing[:5]} (exit {code}); see {out}")
    return f"vault ls contacts --json lists all {len(written):,} contacts make_vault wrote"


def check_show_tells_the_person(vault: Path, note: Path, out: Path) -> str:
    _, _, code = run([*vault_command(), "show", note.stem, "--vault", str(vault)], out)
    text = out.read_text(encoding="utf-8")
    if code != 0 or not text.startswith(f"{note.stem}\n") or "\nInterviews (" not in text:
        raise SystemExit(f"vault show {note.stem!r} is not their page (exit {code}); see {out}")
    return f"vault show {note.stem!r} tells the person and their interviews"


def check_pause_silences(vault: Path, note: Path, out: Path) -> str:
    """Pausing a contact takes exactly their items out of the report; unpausing brings
    them back."""
    toggle = status_toggler(note)

    def theirs() -> tuple[int, int]:
        return items_of(vault, note.stem, out)

    before = theirs()
    toggle()
    paused = theirs()
    toggle()
    after = theirs()
    if not (before[1] > 0 and paused == (before[0] - before[1], 0) and after == before):
        raise SystemExit(
            f"pausing {note.stem}: items (all, theirs) {before}, paused {paused}, back {after}"
        )
    return f"pausing {note.stem!r} takes their {before[1]} items out of the report, and back"


class Watch:
    """A running `vault watch`, its output read as it comes so its pipe never fills."""

    def __init__(self, vault: Path, out: Path) -> None:
        self.dashboard = vault / DASHBOARD
        self.lines: queue.Queue[str] = queue.Queue()
        self.log = open(out, "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [*vault_command(), "watch", "--vault", str(vault)],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def started(self) -> bool:
        """Whether it said it is watching and wrote the dashboard, within WATCH_START."""
        deadline = time.monotonic() + WATCH_START
        watching = False
        while not watching and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                watching = self.lines.get(timeout=0.1).startswith("watching ")
            if not self.alive():
                return False
        while not self.dashboard.exists() and time.monotonic() < deadline:
            time.sleep(POLL)
        time.sleep(1.0)  # let it finish what follows its first write
        return watching and self.dashboard.exists()

    def seconds_to_dashboard(self, save: Callable[[], None]) -> float | None:
        """From a save to the dashboard rewritten; None after WATCH_TIMEOUT."""
        before = self._dashboard_state()
        save()
        saved = time.perf_counter()
        while time.perf_counter() - saved < WATCH_TIMEOUT:
            if self._dashboard_state() != before:
                return time.perf_counter() - saved
            if not self.alive():
                return None
            time.sleep(POLL)
        return None

    def _dashboard_state(self) -> tuple[int, int] | None:
        try:
            stat = self.dashboard.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def alive(self) -> bool:
        """Whether it still runs, without reaping it: stop() reads its peak memory then."""
        flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
        return os.waitid(os.P_PID, self.process.pid, flags) is None

    def stop(self) -> tuple[int, int]:
        """Stop it (Ctrl-C, then SIGTERM, then SIGKILL); its peak kilobytes and exit code."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.alive():
                os.kill(self.process.pid, sig)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
                if pid:
                    self.process.returncode = os.waitstatus_to_exitcode(status)
                    self.log.close()
                    return usage.ru_maxrss, self.process.returncode
                time.sleep(0.05)
        raise SystemExit("vault watch could not be stopped")


def measure_watch(vault: Path, note: Path, runs: int, out: Path) -> Row:
    """Seconds from a save of a contact note to the dashboard rewritten by `vault watch`."""
    row = Row("watch")
    watch = Watch(vault, out)
    try:
        if watch.started():
            save = status_toggler(note)
            for _ in range(runs):
                seconds = watch.seconds_to_dashboard(save)
                if seconds is None:
                    row.failures += 1
                    seconds = WATCH_TIMEOUT
                row.times.append(seconds)
                time.sleep(1.0)  # let the watcher settle before the next save
        else:
            row.failures = runs
    finally:
        peak, code = watch.stop()
        row.peaks_kb.append(peak)
        row.codes.add(code)
        (vault / DASHBOARD).unlink(missing_ok=True)
    progress(row)
    return row


def measure_size(size: Size, runs: int, out: Path) -> None:
    vault, py = size.vault, sys.executable
    vk = [*vault_command()]
    at = ["--vault", str(vault)]
    report = [*vk, "report", "--today", TODAY, *at]
    check, ls = [*vk, "check", *at], [*vk, "ls", "contacts", "--json", *at]
    size.rows += [
        measure("floor-walk", [py, str(HERE / "floor_walk.py"), str(vault)], runs),
        measure("floor-parse", [py, str(HERE / "floor_parse.py"), str(vault)], runs),
        measure("cold", [*vk, "index", "--rebuild", *at], runs),
        measure("warm", report, runs, before=lambda: run(report)),
        measure("warm-nudges", [*report, "--kind", "nudge"], runs),
    ]
    answer = out / f"answer-{label(size.files)}.txt"
    people = in_child(choose_people, vault, answer)
    with bytes_kept([people.edited, people.logged, people.paused, people.watched]):
        size.checks.append(in_child(check_pause_silences, vault, people.paused, answer))
        size.rows += [
            measure("edit-one", report, runs, before=editor(people.edited)),
            measure("mark-one", report, runs, before=logger(people.logged)),
            measure("status-edit", report, runs, before=status_toggler(people.paused)),
            measure("check-cold", check, runs, before=drop_index(vault)),
            measure("check", check, runs, before=lambda: run(check)),
            measure("ls", ls, runs, before=lambda: run(ls)),
        ]
        show = [*vk, "show", people.shown.stem, *at]
        size.rows += [
            measure("show", show, runs, before=lambda: run(show)),
            measure("help", [*vk, "--help"], runs),
            measure_watch(vault, people.watched, runs, out / f"watch-{label(size.files)}.txt"),
        ]
        size.checks += [
            in_child(check_names_every_broken_file, vault, out / "check.txt"),
            in_child(check_ls_lists_every_contact, vault, answer),
            in_child(check_show_tells_the_person, vault, people.shown, answer),
        ]
    size.checks.append(watch_check(size.row("watch"), runs))


def watch_check(watch: Row | None, runs: int) -> str:
    if watch is None:
        return "vault watch was not measured"
    said = f"vault watch rewrote the dashboard after {runs - watch.failures} of {runs} saves"
    if watch.failures:
        said += f"; {watch.failures} timed out after {WATCH_TIMEOUT:.0f} s"
    return said


def follow_ups_from_vault(vault: Path, out: Path) -> set[str]:
    run([*vault_command(), "ls", "contacts", "--json", "--vault", str(vault)], out)
    return {row["path"] for row in json.loads(out.read_text()) if row["follow_up"]}


def follow_ups_from_fmql(fmql: str, vault: Path, out: Path) -> set[str] | None:
    _, _, code = run([fmql, "query", FMQL_QUESTION, "-w", str(vault)], out)
    lines = out.read_text(encoding="utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip()} if code == 0 else None


def fmql_answers(fmql: str, small: Path, big: Path, answer: Path) -> list[str]:
    """Whether vault and fmql give the same contacts with a follow_up."""
    ours = follow_ups_from_vault(small, answer)
    same = "the same" if ours == follow_ups_from_fmql(fmql, small, answer) else "DIFFERENT"
    big_ours = follow_ups_from_vault(big, answer)
    big_theirs = follow_ups_from_fmql(fmql, big, answer)
    return [
        f"8k vault: vault and fmql give {same} {len(ours)} contacts with a follow_up",
        f"50k vault: vault gives {len(big_ours)} contacts; fmql "
        + ("fails with an error" if big_theirs is None else f"gives {len(big_theirs)}"),
    ]


def compare_with_fmql(fmql: str, out: Path, big: Path, runs: int) -> tuple[list[Row], list[str]]:
    small = make(out / "vault-8k", SMALL)
    notes = in_child(fmql_answers, fmql, small, big, out / "answer.txt")
    ls_small = [*vault_command(), "ls", "contacts", "--json", "--vault", str(small)]
    ls_big = [*vault_command(), "ls", "contacts", "--json", "--vault", str(big)]
    rows = [
        measure("vault-8k", ls_small, runs),
        measure("fmql-8k", [fmql, "query", FMQL_QUESTION, "-w", str(small)], 1),
        measure("vault-50k", ls_big, runs),
        measure("fmql-50k", [fmql, "query", FMQL_QUESTION, "-w", str(big)], 1),
    ]
    return rows, notes


def ratio(row: Row, by: dict[str, Row]) -> tuple[float, str] | None:
    """The row's median over the sum of its floors' medians, and how the floors read."""
    floors = RATIO_OF.get(row.name, ())
    if not floors or any(floor not in by for floor in floors):
        return None
    return row.median / sum(by[floor].median for floor in floors), " + ".join(floors)


def target(row: Row, value: float | None) -> str:
    if row.name in SECONDS_TARGETS:
        limit = SECONDS_TARGETS[row.name]
        return f"≤ {limit} s: {met(row.median <= limit and not row.failures)}"
    if row.name in RATIO_TARGETS and value is not None:
        limit = RATIO_TARGETS[row.name]
        return f"≤ {limit}: {met(value <= limit)}"
    return ""


def met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def table(rows: list[Row]) -> str:
    by = {row.name: row for row in rows}
    lines = [
        "| measure | median (s) | ratio | target | peak memory (MB) | exit |",
        "| --- | ---: | ---: | --- | ---: | --- |",
    ]
    for row in rows:
        found = ratio(row, by)
        shown = f"{found[0]:.2f} × {found[1]}" if found else ""
        codes = ",".join(str(c) for c in sorted(row.codes))
        if row.failures:
            codes += f"; {row.failures} of {len(row.times) or row.failures} timed out"
        lines.append(
            f"| {row.name} | {row.median:.3f} | {shown} | "
            f"{target(row, found[0] if found else None)} | {row.peak_mb:.0f} | {codes} |"
        )
    return "\n".join(lines)


def growth_table(sizes: list[Size]) -> str:
    """Each cost per file at the largest size over that at the smallest."""
    small, large = sizes[0], sizes[-1]
    lines = [
        "| measure | " + " | ".join(f"{s.notes:,} files (s)" for s in sizes)
        + f" | per file, {large.notes:,} over {small.notes:,} | target |",
        "| --- | " + "---: | " * len(sizes) + "---: | --- |",
    ]  # fmt: skip
    for row in small.rows:
        medians = [s.row(row.name) for s in sizes]
        cells = " | ".join(f"{r.median:.3f}" if r else "" for r in medians)
        first, last = medians[0], medians[-1]
        if row.name in NO_GROWTH or first is None or last is None:
            lines.append(f"| {row.name} | {cells} | | |")
            continue
        growth = (last.median / large.notes) / (first.median / small.notes)
        goal = f"≤ {GROWTH_TARGET}: {met(growth <= GROWTH_TARGET)}"
        if row.name.startswith("floor"):
            goal = ""
        lines.append(f"| {row.name} | {cells} | {growth:.2f} | {goal} |")
    return "\n".join(lines)


def memory_table(sizes: list[Size]) -> str:
    """The largest resident set of any `vault` process at each size, against its target."""
    lines = [
        "| files | largest peak (MB) | in | target |",
        "| ---: | ---: | --- | --- |",
    ]
    for size in sizes:
        ours = [row for row in size.rows if not row.name.startswith("floor") and row.peaks_kb]
        top = max(ours, key=lambda row: row.peak_mb)
        limit = next((mb for files, mb in MEMORY_TARGETS_MB if size.files <= files), None)
        goal = f"< {limit:,} MB: {met(top.peak_mb < limit)}" if limit else ""
        lines.append(f"| {size.notes:,} | {top.peak_mb:.0f} | {top.name} | {goal} |")
    return "\n".join(lines)


def sizes_option(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text}") from None
    if not sizes or sizes[0] < 100:
        raise argparse.ArgumentTypeError("each size must be at least 100 files")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=sizes_option, default=sizes_option(SIZES))
    parser.add_argument("--runs", type=int, default=5)  # a shared machine is noisy
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--fmql", help="path to an installed fmql executable, to compare")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [prepare(args.out, files) for files in args.sizes]
    for size in sizes:  # each size's table as soon as it is measured: a large one takes long
        print(f"measuring {size.notes:,} files", file=sys.stderr)
        measure_size(size, args.runs, args.out)
        print(f"## {size.notes:,} files\n\n{table(size.rows)}\n")
        print("".join(f"- {check}\n" for check in size.checks), flush=True)
    if len(sizes) > 1:
        print(f"## Growth\n\n{growth_table(sizes)}\n")
    print(f"## Peak memory\n\n{memory_table(sizes)}\n")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"- this script's own peak was {own:.0f} MB: each peak above is at least that\n")
    if args.fmql:
        big = make(args.out / "vault-50k", layout(50_000))
        rows, notes = compare_with_fmql(args.fmql, args.out, big, args.runs)
        print(f"## fmql\n\n{table(rows)}\n")
        print("".join(f"- {note}\n" for note in notes))


if __name__ == "__main__":
    main()
