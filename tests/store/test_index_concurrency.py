"""Two processes refreshing one index at once, while notes change, never corrupt or mislead it."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import (
    answers,
    contact_text,
    day,
    fresh_answers,
    interview_text,
    make_vault,
    write,
)

from vaultkit.core.config import load_config
from vaultkit.store.db import index_path
from vaultkit.store.index import refresh

pytestmark = pytest.mark.slow  # worker processes for a second or more in every test

# Each worker waits for the go file, then refreshes again and again, at least ROUNDS times
# and for at least SECONDS (rebuilding every REBUILD-th time when REBUILD > 0), and prints
# how many rounds it ran. The rounds, not the clock, make sure a loaded machine still sees
# refreshes overlap and every REBUILD-th one rebuild.
WORKER = """
import sys, time
from pathlib import Path
from vaultkit.core.config import load_config
from vaultkit.store.index import refresh
root, seconds, rebuild = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
least = int(sys.argv[4])
config = load_config(root)
while not (root.parent / "go").exists():
    time.sleep(0.001)
end, rounds = time.monotonic() + seconds, 0
while rounds < least or time.monotonic() < end:
    refresh(config, rebuild=rebuild > 0 and rounds % rebuild == rebuild - 1)
    rounds += 1
print(rounds)
"""
SECONDS = 0.7
ROUNDS = 8
OLD_NS = 1_750_000_000 * 10**9
PEOPLE = [f"Person {n:02d}" for n in range(24)]


def _note(rng: random.Random, path: str) -> str:
    person = rng.choice(PEOPLE)
    if path.startswith("contacts/"):
        name = path.removeprefix("contacts/").removesuffix(".md")
        return contact_text(
            name,
            company=f"Company {rng.randrange(10**6)}",
            status=rng.choice(["contacted", "met", "paused"]),
            outreach_sent=day(-rng.randrange(100)),
        )
    if path.startswith("interviews/"):
        return interview_text(
            person,
            date=day(rng.randrange(-60, 10)),
            medium=f"zoom {rng.randrange(10**6)}",
            tasks=["- [ ] Follow up"] * rng.randrange(3),
        )
    return f"# Note {rng.randrange(10**6)}\n"


class Editor:
    """Changes notes one at a time, each with a unique mtime long ago (never racy)."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.writes = 0

    def write(self, path: str) -> None:
        self.writes += 1
        target = write(self.root, path, _note(self.rng, path))
        ns = OLD_NS + self.writes * 1_000_003
        os.utime(target, ns=(ns, ns))

    def paths(self) -> list[str]:
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.md")
            if ".vaultkit" not in p.parts
        )

    def step(self) -> None:
        action = self.rng.choice(["edit", "edit", "edit", "create", "delete", "rename"])
        paths = self.paths()
        if action == "edit" and paths:
            self.write(self.rng.choice(paths))
        elif action == "delete" and len(paths) > 10:
            (self.root / self.rng.choice(paths)).unlink()
        elif action == "rename" and paths:
            source = self.rng.choice(paths)
            folder = source.rsplit("/", 1)[0] if "/" in source else "notes"
            target = self.root / folder / f"Renamed {self.rng.randrange(10**6)}.md"
            os.rename(self.root / source, target)
        else:
            folder = self.rng.choice(["contacts", "interviews", "notes"])
            self.write(f"{folder}/New {self.rng.randrange(10**6)}.md")


def _vault(tmp_path: Path, seed: int) -> tuple[Path, Editor]:
    root = make_vault(tmp_path / "vault", {})
    editor = Editor(root, seed)
    for n in range(20):
        editor.write(f"contacts/{PEOPLE[n]}.md")
        editor.write(f"interviews/2026-11-{n + 1:02d} {PEOPLE[n]}.md")
    for n in range(5):
        editor.write(f"notes/Note {n}.md")
    return root, editor


def _start(root: Path, rebuild: int, seconds: float = SECONDS) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "VAULT_DIR"}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(root), str(seconds), str(rebuild), str(ROUNDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _integrity(root: Path) -> list[tuple[str]]:
    db = sqlite3.connect(index_path(root))
    try:
        return db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()


@pytest.mark.parametrize(
    ("start", "rebuilds", "seed"),
    [
        pytest.param("no index", (0, 0), 1, id="both-build-the-first-index"),
        pytest.param("indexed", (0, 0), 2, id="both-refresh"),
        # Every note edited after indexing: both workers begin with a lot to re-read.
        pytest.param("stale index", (0, 0), 3, id="both-refresh-a-stale-index"),
        # `vault index --rebuild` now and then while another command refreshes.
        pytest.param("indexed", (0, 4), 4, id="rebuild-while-refreshing"),
    ],
)
def test_two_processes_refreshing_while_notes_change(tmp_path, start, rebuilds, seed):
    """Both finish cleanly, the index passes integrity_check, and it agrees with the files."""
    root, editor = _vault(tmp_path, seed)
    config = load_config(root)
    if start != "no index":
        refresh(config)
    if start == "stale index":
        for path in editor.paths():
            editor.write(path)
    workers = [_start(root, rebuild) for rebuild in rebuilds]
    (tmp_path / "go").touch()
    deadline = time.monotonic() + 60
    edits = 0
    while any(w.poll() is None for w in workers) and time.monotonic() < deadline:
        editor.step()
        edits += 1
        time.sleep(0.002)
    results = [w.communicate(timeout=60) for w in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, f"seed {seed}: {err}"
        assert err == ""
        assert int(out) >= ROUNDS
    assert edits > 5, "the notes changed while the workers ran"
    assert _integrity(root) == [("ok",)]
    vault, _ = refresh(config)
    assert answers(vault) == fresh_answers(config), f"seed {seed}"
    vault, stats = refresh(config)
    assert (stats.added, stats.modified, stats.removed) == (0, 0, 0)
    assert _integrity(root) == [("ok",)]


def test_two_rebuilds_at_once(tmp_path):
    """Two `vault index --rebuild` at once while notes change, a few times: both finish cleanly."""
    for trial in range(4):
        root, editor = _vault(tmp_path / str(trial), seed=100 + trial)
        refresh(load_config(root))
        workers = [_start(root, rebuild=1, seconds=0.8) for _ in range(2)]
        (tmp_path / str(trial) / "go").touch()
        while any(w.poll() is None for w in workers):
            editor.step()
            time.sleep(0.002)
        for worker in workers:
            _, err = worker.communicate(timeout=60)
            assert (worker.returncode, err) == (0, ""), f"trial {trial}: {err}"
        assert _integrity(root) == [("ok",)]
        config = load_config(root)
        assert answers(refresh(config)[0]) == fresh_answers(config)
