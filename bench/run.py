"""Benchmark vaultkit against floors measured in the same run, on the same files.

    python bench/run.py [--runs 5] [--out bench/out] [--fmql PATH/TO/fmql]

Builds the 50,000-file vault with ../shared/bench/make_vault.py (once; kept in
--out), then times, each --runs times, as whole processes:
  floor-walk   a Python process that only walks the vault and stats every file
  floor-parse  one that reads every file and parses each frontmatter (CSafeLoader)
  cold         vault index --rebuild
  warm         vault report with nothing changed
  edit-one     vault report after one note was edited
  help         vault --help
and, when --fmql is given, the peer tool fmql against vault report on an
8,000-file vault and on the 50,000-file one. Peak memory comes from wait4's
rusage of each process. Prints a Markdown table of medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_VAULT = HERE.parent.parent / "shared" / "bench" / "make_vault.py"
TODAY = "2026-11-22"
BIG = ["--contacts", "10000", "--interviews-per-contact", "3", "--other-notes", "10000",
       "--malformed", "0.001", "--today", TODAY]  # fmt: skip
SMALL = ["--contacts", "2000", "--interviews-per-contact", "3", "--today", TODAY]
FMQL_QUESTION = 'MATCH (c) WHERE c.type = "contact" AND c.follow_up IS NOT NULL RETURN c'


def vault_command() -> list[str]:
    found = shutil.which("vault") or str(Path(sys.executable).with_name("vault"))
    return [found]


def run(command: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak resident kilobytes and exit code of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss, process.returncode


def make(out: Path, args: list[str]) -> Path:
    if not (out / "vault.toml").exists():
        subprocess.run([sys.executable, str(MAKE_VAULT), str(out), *args], check=True)
        subprocess.run([*vault_command(), "init", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def measure(name: str, command: list[str], runs: int, before=None) -> dict[str, object]:
    times, peaks, codes = [], [], set()
    for _ in range(runs):
        if before:
            before()
        seconds, peak, code = run(command)
        times.append(seconds)
        peaks.append(peak)
        codes.add(code)
    result = {"name": name, "median": statistics.median(times), "peak_mb": max(peaks) / 1024,
              "codes": sorted(codes)}  # fmt: skip
    print(f"{name:12} median {result['median']:.3f}s  peak {result['peak_mb']:.0f} MB  "
          f"exit {result['codes']}", file=sys.stderr)  # fmt: skip
    return result


def editor(vault: Path):
    """Edit one contact note per call, changing its bytes the way a user would."""
    note = next((vault / "contacts").glob("Ada*.md"))
    original = note.read_bytes()
    counter = iter(range(10**6))

    def edit() -> None:
        line = f"- 2026-11-2{next(counter) % 10} called again\n".encode()
        note.write_bytes(original + line)

    return edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--fmql", help="path to an installed fmql executable, to compare")
    args = parser.parse_args()
    big = make(args.out / "vault-50k", BIG)
    vault = vault_command()
    py = sys.executable
    report = [*vault, "report", "--today", TODAY, "--vault", str(big)]
    rows = [
        measure("floor-walk", [py, str(HERE / "floor_walk.py"), str(big)], args.runs),
        measure("floor-parse", [py, str(HERE / "floor_parse.py"), str(big)], args.runs),
        measure("cold", [*vault, "index", "--rebuild", "--vault", str(big)], args.runs),
        measure("warm", report, args.runs),
        measure("edit-one", report, args.runs, before=editor(big)),
        measure("help", [*vault, "--help"], args.runs),
    ]
    by = {r["name"]: r for r in rows}
    if args.fmql:
        small = make(args.out / "vault-8k", SMALL)
        small_report = [*vault, "report", "--today", TODAY, "--kind", "follow-up",
                        "--vault", str(small)]  # fmt: skip
        run(small_report)
        rows.append(measure("vault-8k", small_report, args.runs))
        rows.append(measure("fmql-8k", [args.fmql, "query", FMQL_QUESTION, "-w", str(small)], 1))
        rows.append(measure("fmql-50k", [args.fmql, "query", FMQL_QUESTION, "-w", str(big)], 1))
    floors = {
        "cold": "floor-parse",
        "warm": "floor-walk",
        "edit-one": "warm",
        "fmql-8k": "vault-8k",
    }
    print("| measure | median (s) | ratio | peak memory (MB) | exit |")
    print("| --- | ---: | ---: | ---: | --- |")
    for row in rows:
        floor = floors.get(str(row["name"]))
        ratio = f"{row['median'] / by[floor]['median']:.2f} × {floor}" if floor in by else ""
        if row["name"] == "fmql-8k":
            ratio = f"{row['median'] / by['vault-8k']['median']:.1f} × vault-8k"
        by[str(row["name"])] = row
        codes = ",".join(str(c) for c in row["codes"])
        print(f"| {row['name']} | {row['median']:.3f} | {ratio} | {row['peak_mb']:.0f} | {codes} |")


if __name__ == "__main__":
    main()
