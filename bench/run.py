"""Benchmark vaultkit against floors measured in the same run, on the same files.

    python bench/run.py [--runs 9] [--out bench/out] [--fmql PATH/TO/fmql]

Run it with the Python of a virtual environment where vaultkit is installed as
users install it (`pip install .`): an editable install adds an import hook to
every start. The `vault` beside that Python is the one measured.

Builds the 50,000-file vault with bench/make_vault.py, beside this file (once;
kept in --out), then times, each --runs times, as whole processes:
  floor-walk   a Python process that only walks the vault and stats every file
  floor-parse  one that reads every file and parses each frontmatter (CSafeLoader)
  cold         vault index --rebuild
  warm         vault report with nothing changed (27,000 items: every contact is late)
  warm-nudges  the same with --kind nudge (about 200 items), to show the cost of output
  edit-one     vault report after one note was edited
  check-cold   vault check with no index
  check        vault check with the index up to date
  help         vault --help
and checks that `vault check` names every broken file make_vault wrote. With
--fmql, the peer tool fmql answers one question (contacts with a follow_up
date) on an 8,000-file vault and on the 50,000-file one, and `vault ls contacts
--json` answers it too: the answers are compared, then timed. Peak memory is the
largest resident set of each process, as `/usr/bin/time -v` reports it (wait4).
Prints a Markdown table of medians and ratios on stdout; progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_VAULT = HERE / "make_vault.py"
TODAY = "2026-11-22"
BIG = ["--contacts", "10000", "--interviews-per-contact", "3", "--other-notes", "10000",
       "--malformed", "0.001", "--today", TODAY]  # fmt: skip
SMALL = ["--contacts", "2000", "--interviews-per-contact", "3", "--today", TODAY]
FMQL_QUESTION = 'MATCH (c) WHERE c.type = "contact" AND c.follow_up IS NOT NULL RETURN c'
# make_vault writes these broken files in turn; the fifth (BOM and CRLF) is a valid note.
MALFORMED_KINDS, VALID_MALFORMED = 6, 4
# Which row each measure is a ratio of.
FLOORS = {
    "cold": "floor-parse",
    "warm": "floor-walk",
    "warm-nudges": "floor-walk",
    "edit-one": "warm",
    "check-cold": "floor-parse",
    "check": "floor-walk",
    "fmql-8k": "vault-8k",
}


@dataclass
class Row:
    name: str
    times: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


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
        subprocess.run([sys.executable, str(MAKE_VAULT), str(out), *args], check=True)
        subprocess.run([*vault_command(), "init", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


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
    print(
        f"{name:12} median {row.median:.3f}s  peak {max(row.peaks_kb) / 1024:.0f} MB  "
        f"exit {sorted(row.codes)}",
        file=sys.stderr,
    )
    return row


def editor(vault: Path) -> Callable[[], None]:
    """Edit one contact note per call, changing its bytes the way a user would."""
    note = next((vault / "contacts").glob("Ada*.md"))
    original = note.read_bytes()
    counter = iter(range(10**6))

    def edit() -> None:
        line = f"- 2026-11-2{next(counter) % 10} called again\n".encode()
        note.write_bytes(original + line)

    return edit


def drop_index(vault: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(vault / ".vaultkit", ignore_errors=True)


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
    if missing or "Traceback" in text or code != 1:
        raise SystemExit(f"vault check missed {missing} (exit {code}); see {out}")
    return f"vault check names all {len(broken)} broken files (exit 1, no traceback)"


def follow_ups_from_vault(vault: Path, out: Path) -> set[str]:
    run([*vault_command(), "ls", "contacts", "--json", "--vault", str(vault)], out)
    return {row["path"] for row in json.loads(out.read_text()) if row["follow_up"]}


def follow_ups_from_fmql(fmql: str, vault: Path, out: Path) -> set[str] | None:
    _, _, code = run([fmql, "query", FMQL_QUESTION, "-w", str(vault)], out)
    lines = out.read_text(encoding="utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip()} if code == 0 else None


def compare_with_fmql(fmql: str, out: Path, big: Path, runs: int) -> tuple[list[Row], list[str]]:
    small = make(out / "vault-8k", SMALL)
    answer = out / "answer.txt"
    notes = []
    ours = follow_ups_from_vault(small, answer)
    same = "the same" if ours == follow_ups_from_fmql(fmql, small, answer) else "DIFFERENT"
    notes.append(f"8k vault: vault and fmql give {same} {len(ours)} contacts with a follow_up")
    big_ours = follow_ups_from_vault(big, answer)
    big_theirs = follow_ups_from_fmql(fmql, big, answer)
    notes.append(
        f"50k vault: vault gives {len(big_ours)} contacts; fmql "
        + ("fails with an error" if big_theirs is None else f"gives {len(big_theirs)}")
    )
    ls_small = [*vault_command(), "ls", "contacts", "--json", "--vault", str(small)]
    ls_big = [*vault_command(), "ls", "contacts", "--json", "--vault", str(big)]
    rows = [
        measure("vault-8k", ls_small, runs),
        measure("fmql-8k", [fmql, "query", FMQL_QUESTION, "-w", str(small)], 1),
        measure("vault-50k", ls_big, runs),
        measure("fmql-50k", [fmql, "query", FMQL_QUESTION, "-w", str(big)], 1),
    ]
    return rows, notes


def table(rows: list[Row]) -> str:
    by = {row.name: row for row in rows}
    lines = [
        "| measure | median (s) | ratio | peak memory (MB) | exit |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        floor = FLOORS.get(row.name)
        ratio = f"{row.median / by[floor].median:.2f} × {floor}" if floor in by else ""
        codes = ",".join(str(c) for c in sorted(row.codes))
        peak = max(row.peaks_kb) / 1024
        lines.append(f"| {row.name} | {row.median:.3f} | {ratio} | {peak:.0f} | {codes} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)  # a shared machine is noisy
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--fmql", help="path to an installed fmql executable, to compare")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    big = make(args.out / "vault-50k", BIG)
    vault, py, runs = vault_command(), sys.executable, args.runs
    report = [*vault, "report", "--today", TODAY, "--vault", str(big)]
    check = [*vault, "check", "--vault", str(big)]
    notes = [check_names_every_broken_file(big, args.out / "check.txt")]
    rows = [
        measure("floor-walk", [py, str(HERE / "floor_walk.py"), str(big)], runs),
        measure("floor-parse", [py, str(HERE / "floor_parse.py"), str(big)], runs),
        measure("cold", [*vault, "index", "--rebuild", "--vault", str(big)], runs),
        measure("warm", report, runs, before=lambda: run(report)),
        measure("warm-nudges", [*report, "--kind", "nudge"], runs),
        measure("edit-one", report, runs, before=editor(big)),
        measure("check-cold", check, runs, before=drop_index(big)),
        measure("check", check, runs, before=lambda: run(check)),
        measure("help", [*vault, "--help"], runs),
    ]
    if args.fmql:
        fmql_rows, fmql_notes = compare_with_fmql(args.fmql, args.out, big, runs)
        rows += fmql_rows
        notes += fmql_notes
    print(table(rows))
    print()
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
