"""Time `vault import linkedin` of a 5,000-row export beside `vault index --rebuild` of the
same vault, in the same run.

    python bench/import_bench.py [--contacts 10000] [--rows 5000] [--runs 3] [--out DIR]

Run it with the Python of a virtual environment where vaultkit is installed as users
install it (`pip install .`); the `vault` beside that Python is the one measured.

Writes, once into --out (default bench/out/import, which git ignores), the benchmark
vault of bench/make_vault.py (at the default 10,000 contacts, the 50,040-file vault the
other benchmarks use) and a LinkedIn `Connections.csv` of --rows rows in the export's
real shape (its notes first, empty emails, quoted commas): a tenth of the rows are
people the vault already has (their LinkedIn address written another way, so each of
those notes gets its empty `connected` filled), the rest new. Then, each of
--runs times, on a fresh copy of the vault:

  cold          vault index --rebuild (every note read again)
  floor-write   a Python process that only writes as many new files of a note's size,
                the least an atomic import could do: each to a temporary file, one sync,
                then each renamed into place (no vault code)
  import        vault import linkedin Connections.csv, the index warm as a user's is
  import-again  the same import again: nothing to create or change

and checks what the imports said (the notes created and filled, and none the second
time). Prints a Markdown table of medians on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_VAULT = HERE / "make_vault.py"  # the benchmark's own generator, beside this script
TODAY = "2026-11-22"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = [
    "Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Gustav", "Hana", "Iker", "Jun",
    "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Søren", "Tariq",
]  # fmt: skip
LAST = [
    "Abe", "Brennan", "Castillo", "Dimitrov", "Eze", "Fontaine", "García", "Holm", "Ito",
    "Jensen", "Kowalczyk", "Lindqvist", "Mensah", "Novak", "O'Neill", "Petrov", "Quispe",
]  # fmt: skip
COMPANIES = ["Acme", "Globex", "Initech, Inc.", "Umbrella Labs", "Hooli", "Northwind Health"]
ROLES = ["Engineer", "Product Manager", "Director, Product", "UX Researcher", "Data Scientist"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def person(number: int) -> tuple[str, str, str]:
    """The first name, last name and LinkedIn slug of person `number` (unique)."""
    first = FIRST[number % len(FIRST)]
    last = LAST[(number // len(FIRST)) % len(LAST)]
    return first, f"{last} {number}", f"person-{number}"


def make_vault(root: Path, contacts: int) -> None:
    """The benchmark vault, from bench/make_vault.py as the other benchmarks make it: at
    10,000 contacts, 50,040 files (contacts, three interviews each, as many other notes,
    a few broken files)."""
    args = ["--contacts", str(contacts), "--interviews-per-contact", "3"]
    args += ["--other-notes", str(contacts), "--malformed", "0.001", "--today", TODAY]
    subprocess.run([sys.executable, str(MAKE_VAULT), str(root), *args], check=True)
    (root / "vault.toml").write_text('[me]\nname = "Bench"\n', encoding="utf-8")


def known_people(root: Path) -> list[tuple[str, str, str]]:
    """The first name, last name and LinkedIn slug of each contact the vault has, by file
    name, from the `name:` and `linkedin:` lines make_vault writes."""
    people = []
    for path in sorted((root / "contacts").glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        name = re.search(r"^name: (.+)$", text, re.M)
        slug = re.search(r"^linkedin: https://www\.linkedin\.com/in/(\S+)$", text, re.M)
        if name and slug:
            first, _, last = name[1].partition(" ")
            people.append((first, last, slug[1]))
    return people


def make_export(
    path: Path, rows: int, people: list[tuple[str, str, str]], rng: random.Random
) -> int:
    """Connections.csv: a tenth of its people already in the vault; returns how many."""
    known = min(rows // 10, len(people))
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(PREAMBLE)
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(rows):
            first, last, slug = people[n * len(people) // known] if n < known else person(n)
            url = f"https://{rng.choice(['www', 'uk', 'de'])}.linkedin.com/in/{slug}/"
            email = f"{slug}@example.com" if rng.random() < 0.3 else ""
            day = f"{1 + n % 28:02d} {MONTHS[n % 12]} {2015 + n % 10}"
            writer.writerow(
                [first, last, url, email, rng.choice(COMPANIES), rng.choice(ROLES), day]
            )
    return known


FLOOR_WRITE = """
import os, sys
folder, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder)
data = b"x" * size
for n in range(count):
    fd = os.open(f"{folder}/.{n}.tmp", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    os.write(fd, data)
    os.close(fd)
fd = os.open(folder, os.O_RDONLY)
os.fsync(fd)
os.sync()
for n in range(count):
    os.rename(f"{folder}/.{n}.tmp", f"{folder}/Person {n}.md")
os.fsync(fd)
os.close(fd)
"""


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=10000, help="contacts in the vault")
    parser.add_argument("--rows", type=int, default=5000, help="rows in the LinkedIn export")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "import")
    args = parser.parse_args()
    vault_bin = str(Path(sys.executable).parent / "vault")
    base = args.out / f"vault-{args.contacts}"
    export = args.out / f"Connections-{args.rows}.csv"
    rng = random.Random(1)
    if not base.exists():
        make_vault(base, args.contacts)
    files = sum(1 for _ in base.rglob("*.md"))
    known = make_export(export, args.rows, known_people(base), rng)
    times: dict[str, list[float]] = {
        "cold": [],
        "floor-write": [],
        "import": [],
        "import-again": [],
    }
    for run in range(1, args.runs + 1):
        work = args.out / "run"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(base, work)
        print(f"run {run}/{args.runs}", file=sys.stderr)
        seconds, result = timed([vault_bin, "index", "--rebuild", "--vault", str(work)])
        assert result.returncode == 0, result.stderr
        times["cold"].append(seconds)
        floor = [sys.executable, "-c", FLOOR_WRITE, str(args.out / "floor"), str(args.rows - known)]
        shutil.rmtree(args.out / "floor", ignore_errors=True)
        seconds, result = timed([*floor, "400"])  # bytes: the size of a new note
        assert result.returncode == 0, result.stderr
        shutil.rmtree(args.out / "floor", ignore_errors=True)
        times["floor-write"].append(seconds)
        command = [vault_bin, "import", "linkedin", str(export), "--json", "--vault", str(work)]
        seconds, result = timed(command)
        data = json.loads(result.stdout)
        assert len(data["created"]) == args.rows - known, len(data["created"])
        assert len(data["updated"]) == known, len(data["updated"])
        assert not data["skipped"], data["skipped"][:3]
        times["import"].append(seconds)
        seconds, result = timed(command)
        again = json.loads(result.stdout)
        assert (again["created"], again["updated"]) == ([], []), "the second import changed notes"
        times["import-again"].append(seconds)
    cold = statistics.median(times["cold"])
    rows = [
        ("cold", f"`vault index --rebuild` of the {files:,}-file vault", ""),
        ("floor-write", f"{args.rows - known:,} new files written as the import writes them", ""),
        (
            "import",
            f"`vault import linkedin` of {args.rows:,} rows ({args.rows - known:,} new notes, "
            f"{known:,} filled)",
            f"≤ cold: {'met' if statistics.median(times['import']) <= cold else 'missed'}",
        ),
        ("import-again", "the same import again (nothing to write)", ""),
    ]
    print("| measure | what runs | median (s) | ratio | target |")
    print("| --- | --- | ---: | ---: | --- |")
    for name, what, target in rows:
        median = statistics.median(times[name])
        floor = statistics.median(times["floor-write"])
        ratio = "" if name == "cold" else f"{median / cold:.2f} × cold"
        if name.startswith("import"):
            ratio += f", {median / floor:.2f} × floor-write"
        print(f"| {name} | {what} | {median:.3f} | {ratio} | {target} |")
    print(f"\n{args.runs} runs a row; every run on a fresh copy of the vault.", file=sys.stderr)


if __name__ == "__main__":
    main()
