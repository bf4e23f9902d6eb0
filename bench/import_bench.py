"""Time `vault import linkedin` of a 5,000-row export beside `vault index --rebuild` of the
same vault, in the same run.

    python bench/import_bench.py [--notes 5000] [--rows 5000] [--runs 3] [--out DIR]

Run it with the Python of a virtual environment where vaultkit is installed as users
install it (`pip install .`); the `vault` beside that Python is the one measured.

Writes, once into --out (default bench/out/import, which git ignores), a vault of
--notes files (a fifth contacts, three fifths interviews, a fifth other notes, as the
50,000-file benchmark vault has them) and a LinkedIn `Connections.csv` of --rows rows
in the export's real shape (its notes first, empty emails, quoted commas): a tenth of
the rows are people the vault already has (their LinkedIn address written another way,
so each of those notes gets its empty properties filled), the rest new. Then, each of
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
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
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


def make_vault(root: Path, notes: int, rng: random.Random) -> int:
    """The vault: contacts, interviews and other notes; returns how many contacts."""
    contacts = notes // 5
    interviews = notes * 3 // 5
    for folder in ("contacts", "interviews", "notes"):
        (root / folder).mkdir(parents=True)
    (root / "vault.toml").write_text('[me]\nname = "Bench"\n', encoding="utf-8")
    for n in range(contacts):
        first, last, slug = person(n)
        text = (
            f"---\ntype: contact\nname: {first} {last}\ncompany: {rng.choice(COMPANIES)!r}\n"
            f"role:\nemail:\nlinkedin: https://www.linkedin.com/in/{slug}\nstatus: met\n"
            f"---\n# {first} {last}\n\n## Research\n\n## Log\n\n- 2026-01-0{1 + n % 9} met\n"
        )
        (root / "contacts" / f"{first} {last}.md").write_text(text, encoding="utf-8")
    for n in range(interviews):
        first, last, _ = person(n % max(contacts, 1))
        text = (
            f'---\ntype: interview\ncontact: "[[{first} {last}]]"\n'
            f"date: 2026-0{1 + n % 9}-1{n % 10}\nstatus: done\n---\n"
            "## Questions\n\n- What surprised you?\n\n## Insights\n\n- Ask early.\n"
        )
        (root / "interviews" / f"2026-{n:05d} {first} {last}.md").write_text(text, encoding="utf-8")
    for n in range(notes - contacts - interviews):
        (root / "notes" / f"Note {n}.md").write_text(
            f"# Note {n}\n\nJust text.\n", encoding="utf-8"
        )
    return contacts


def make_export(path: Path, rows: int, contacts: int, rng: random.Random) -> int:
    """Connections.csv: a tenth of its people already in the vault; returns how many."""
    known = min(rows // 10, contacts)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(PREAMBLE)
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(rows):
            number = n if n < known else contacts + n
            first, last, slug = person(number)
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
    parser.add_argument("--notes", type=int, default=5000, help="files in the vault")
    parser.add_argument("--rows", type=int, default=5000, help="rows in the LinkedIn export")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "import")
    args = parser.parse_args()
    vault_bin = str(Path(sys.executable).parent / "vault")
    base = args.out / f"vault-{args.notes}"
    export = args.out / f"Connections-{args.rows}.csv"
    rng = random.Random(1)
    if not base.exists():
        print(f"writing a vault of {args.notes:,} files in {base}", file=sys.stderr)
        contacts = make_vault(base, args.notes, rng)
    contacts = sum(1 for _ in (base / "contacts").glob("*.md"))
    known = make_export(export, args.rows, contacts, rng)
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
        ("cold", f"`vault index --rebuild` of the {args.notes:,}-file vault", ""),
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
