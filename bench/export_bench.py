"""Time `vault export ics` beside `vault report` on a generated vault, both with the cache warm.

    python bench/export_bench.py [--contacts 10000] [--runs 5] [--out /tmp/export-bench]

Run it with the Python of a virtual environment where vaultkit is installed; the
`vault` beside that Python is the one measured. The vault is written by
bench/make_vault.py (run as a script), by default at the size of the
project's 50,000-file benchmark: 10,000 contacts, 30,000 interviews, 10,000 other
notes. Each row is a whole process, timed --runs times after one untimed run:

  report          vault report --days 30, nothing changed since the last command
  export-ics      vault export ics (--days 30), nothing changed since the last command
  export-csv      vault export csv contacts, nothing changed
  export-vcard    vault export vcard, nothing changed
  edit-report     vault report after one note gained a dated log line
  edit-export     vault export ics after the same kind of edit (the calendar worked out again)

Prints a Markdown table of medians, with each row's ratio to `report`; progress on stderr.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_VAULT = HERE / "make_vault.py"  # the benchmark's own generator, beside this script
TODAY = "2026-11-22"


def vault_command() -> list[str]:
    """The `vault` installed beside this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("vault")
    return [str(beside) if beside.exists() else shutil.which("vault") or "vault"]


def make_vault(root: Path, contacts: int) -> None:
    """The generated vault at root, written once and kept for later runs."""
    if (root / "vault.toml").exists():
        return
    root.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(root, ignore_errors=True)
    args = ["--contacts", str(contacts), "--interviews-per-contact", "3"]
    args += ["--other-notes", str(contacts), "--malformed", "0.001", "--today", TODAY]
    subprocess.run([sys.executable, str(MAKE_VAULT), str(root), *args], check=True)
    (root / "vault.toml").write_text('[me]\nname = "Bench"\n', encoding="utf-8")


def timed(command: list[str], before: Callable[[], None] | None = None) -> float:
    """Seconds one run of `command` takes, output discarded; `before` runs untimed."""
    if before:
        before()
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/export-bench"))
    options = parser.parse_args()
    root = options.out / f"vault-{options.contacts}"
    make_vault(root, options.contacts)
    files = sum(1 for _ in root.rglob("*.md"))
    vault = vault_command()
    where = ["--vault", str(root), "--today", TODAY]
    commands = {
        "report": [*vault, "report", *where, "--days", "30"],
        "export-ics": [*vault, "export", "ics", *where, "--days", "30"],
        "export-csv": [*vault, "export", "csv", "contacts", *where],
        "export-vcard": [*vault, "export", "vcard", *where],
    }
    print(f"indexing {files} files in {root}", file=sys.stderr)
    subprocess.run([*vault, "index", "--vault", str(root)], stdout=subprocess.DEVNULL, check=True)
    note = next((root / "contacts").glob("*.md"))

    def edit() -> None:
        """A dated line under the note's ## Log: what the note says changes, answers go."""
        with note.open("a", encoding="utf-8") as handle:
            handle.write("- 2026-11-01 One more call\n")

    rows: dict[str, list[float]] = {}
    for name, command in commands.items():
        timed(command)  # untimed: the answer is kept after this run
        rows[name] = [timed(command) for _ in range(options.runs)]
        print(f"{name}: {statistics.median(rows[name]):.3f}s", file=sys.stderr)
    for name, command in (
        ("edit-report", commands["report"]),
        ("edit-export", commands["export-ics"]),
    ):
        rows[name] = [timed(command, before=edit) for _ in range(options.runs)]
        print(f"{name}: {statistics.median(rows[name]):.3f}s", file=sys.stderr)
    base = statistics.median(rows["report"])
    print(f"{files} Markdown files, {options.runs} runs a row, medians; ratio to `report`.\n")
    print("| measure | median (s) | min (s) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name, times in rows.items():
        median = statistics.median(times)
        print(f"| {name} | {median:.3f} | {min(times):.3f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
