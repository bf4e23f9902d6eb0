"""Time shell completion of names, as bash asks for it, on vaults of 3,000 and 50,000 notes.

    python bench/complete_bench.py [--runs 5] [--out bench/out] [--sizes 3000,50000]

Run it with the Python of a virtual environment where vaultkit is installed as users
install it (`pip install .`): an editable install adds an import hook to every start.
The `vault` beside that Python is the one measured.

For each size it writes a vault with bench/make_vault.py (once; kept in --out), indexes it
once with `vault index`, then times whole `vault` processes answering Click's completion
protocol (`_VAULT_COMPLETE=bash_complete`, COMP_WORDS, COMP_CWORD) with a warm cache:

  help        `vault --help`, the floor: starting Python, Click and the commands
  name        `vault show Ada<TAB>`: the names that start with Ada
  all-names   `vault show <TAB>`: every name in the vault
  interview   `vault edit NAME --interview <TAB>`: one person's interview dates

Each answer is checked (the names offered all start with Ada; the interview list starts
with `latest`) and the index is checked to be unchanged by completing. Prints a Markdown
table on stdout: the median and the fastest wall-clock time, and the median CPU time
(the fastest run is the one least disturbed by other work on a shared machine); progress
on stderr.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import make as write_vault  # bench/run.py, beside this file
from run import vault_command

TODAY = "2026-11-22"
# Notes per size: contacts, interviews (per contact) and other notes adding up to the size.
LAYOUTS = {
    3000: ["--contacts", "1000", "--interviews-per-contact", "1", "--other-notes", "1000"],
    50000: ["--contacts", "10000", "--interviews-per-contact", "3", "--other-notes", "10000"],
}


def make(out: Path, size: int) -> Path:
    """The vault of `size` notes, written once (as bench/run.py writes its own), indexed."""
    vault = write_vault(out / f"complete-{size}", [*LAYOUTS[size], "--today", TODAY])
    print(f"indexing {vault}", file=sys.stderr)
    subprocess.run([*vault_command(), "index", "--vault", str(vault)], check=True)
    return vault


def completion_env(*words: str) -> dict[str, str]:
    """The environment bash's completion script gives `vault` for these words."""
    return {
        **os.environ,
        "_VAULT_COMPLETE": "bash_complete",
        "COMP_WORDS": "\n".join(["vault", *words]),
        "COMP_CWORD": str(len(words)),
    }


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) and stdout of one process.

    CPU time is the steadier of the two on a machine shared with other work.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.stderr or done.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stdout


def values(output: str) -> list[str]:
    return [line.partition(",")[2] for line in output.splitlines() if line]


def some_person(vault: Path) -> str:
    """A contact with interviews, written as bash has it on the line (spaces escaped)."""
    interview = sorted((vault / "interviews").glob("*.md"))[0]
    name = interview.stem.split(" ", 1)[1].split(" (")[0]
    return name.replace(" ", "\\ ")


def measure(vault: Path, runs: int) -> list[tuple[str, float, float, float, int]]:
    """(case, median wall, fastest wall, median CPU seconds, values offered) for each case."""
    cases = {
        "help": ([*vault_command(), "--help"], dict(os.environ)),
        "name": (vault_command(), completion_env("show", "Ada")),
        "all-names": (vault_command(), completion_env("show", "")),
        "interview": (
            vault_command(),
            completion_env("edit", some_person(vault), "--interview", ""),
        ),
    }
    index = vault / ".vaultkit" / "index.sqlite"
    before = index.read_bytes()
    rows = []
    for case, (command, env) in cases.items():
        walls, cpus, output = [], [], ""
        for _ in range(runs):
            wall, cpu, output = timed(command, env, vault)
            walls.append(wall)
            cpus.append(cpu)
        offered = values(output) if case != "help" else []
        check(case, offered)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"{vault.name} {case:10} median {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU",
            file=sys.stderr,
        )
        rows.append((case, wall, min(walls), cpu, len(offered)))
    if index.read_bytes() != before:
        raise SystemExit(f"completing changed {index}")
    return rows


def check(case: str, offered: list[str]) -> None:
    if case == "name" and (not offered or not all(v.startswith("Ada") for v in offered)):
        raise SystemExit(f"`vault show Ada<TAB>` offered {offered[:5]}")
    if case == "interview" and (not offered or offered[0] != "latest"):
        raise SystemExit(f"--interview offered {offered[:5]}")
    if case == "all-names" and not offered:
        raise SystemExit("`vault show <TAB>` offered nothing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--sizes", default="3000,50000", help="comma-separated: 3000, 50000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in LAYOUTS]
    if unknown:
        parser.error(f"sizes are {', '.join(map(str, LAYOUTS))}, not {unknown}")
    args.out.mkdir(parents=True, exist_ok=True)
    lines = [
        "| notes | case | median wall (ms) | fastest wall (ms) | median CPU (ms) | values |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        for case, wall, fastest, cpu, offered in measure(make(args.out, size), args.runs):
            lines.append(
                f"| {size:,} | {case} | {wall * 1000:.0f} | {fastest * 1000:.0f} "
                f"| {cpu * 1000:.0f} | {offered or ''} |"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
