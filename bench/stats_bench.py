#!/usr/bin/env python3
"""A warm `vault stats` beside a warm `vault report` on the same generated vault.

    python3 bench/stats_bench.py [--files 50000] [--runs 5] [--today 2026-11-22] [--keep DIR]

Writes a vault with the benchmark's generator (bench/make_vault.py, run as a script:
a fifth of the files contacts, two fifths interviews, two fifths other notes), builds
its index once, runs each command once to keep its answer, then times both commands
in turns, each as its own process, and prints a Markdown table of medians. "Warm" is
how a person meets them every morning after the first run: the index is up to date
and the day's answer is kept, so neither decodes a note.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_VAULT = HERE / "make_vault.py"  # the benchmark's own generator, beside this script


def vault_command() -> list[str]:
    beside = Path(sys.executable).parent / "vault"
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "vaultkit"]


def make(root: Path, files: int, today: str) -> None:
    contacts = max(1, files // 5)
    others = files - contacts * 3
    subprocess.run(
        [sys.executable, str(MAKE_VAULT), str(root), "--contacts", str(contacts),
         "--interviews-per-contact", "2", "--other-notes", str(max(0, others)),
         "--today", today],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    config = root / "vault.toml"
    if not config.exists():
        config.write_text('[me]\nname = "Bench"\n', encoding="utf-8")


def timed(command: list[str]) -> float:
    env = {**os.environ, "NO_COLOR": "1"}
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (at least 3)")
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("--keep", type=Path, help="write the vault here and leave it")
    args = parser.parse_args()
    runs = max(3, args.runs)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="vaultkit-stats-bench-"))
    root = folder / "vault"
    try:
        if not (root / "vault.toml").exists():
            make(root, args.files, args.today)
        vault = vault_command()
        base = ["--vault", str(root), "--today", args.today]
        commands = {
            "vault report": [*vault, "report", *base],
            "vault stats": [*vault, "stats", *base],
            "vault stats --by source": [*vault, "stats", *base, "--by", "source"],
        }
        cold = timed([*vault, "index", "--vault", str(root)])
        for command in commands.values():  # keep each answer
            timed(command)
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):  # in turns, so a busy moment weighs on every command alike
            for name, command in commands.items():
                seconds[name].append(timed(command))
        medians = {name: statistics.median(times) for name, times in seconds.items()}
        report = medians["vault report"]
        listed = sum(1 for _ in root.rglob("*.md"))
        print(f"{listed} Markdown files, index built in {cold:.2f} s; medians of {runs} runs\n")
        print("| command (warm) | median s | min s | × warm report |")
        print("| --- | ---: | ---: | ---: |")
        for name, median in medians.items():
            ratio = median / report
            print(f"| `{name}` | {median:.3f} | {min(seconds[name]):.3f} | {ratio:.2f} |")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
