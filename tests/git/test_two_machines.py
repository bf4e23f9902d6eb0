"""Two machines, a bare remote, real git: what each pair of everyday edits merges to.

One vault holds a note per scenario, so one round of edits on both machines tries them
all: `vault sync` on both, plain `git pull --rebase`, and `git merge` in clones whose
config has the driver. Every note is compared byte for byte with what it should say;
the one real disagreement (two reply dates) is the only conflict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from git_helpers import git, unlabelled
from helpers import run

from vaultkit.store.edit import set_property

pytestmark = pytest.mark.slow  # real git: two clones and a bare remote in each test

TOML = '[me]\nname = "Test User"\nemail = "test.user@example.com"\n'


def contact(name: str) -> str:
    """A contact note as the template writes it, after the first message."""
    return (
        "---\ntype: contact\n"
        f"name: {name}\n"
        "company: Acme\nstatus: contacted\noutreach_sent: 2026-11-01\n"
        "nudge_sent:\nreplied:\nfollow_up:\n---\n"
        f"# {name}\n\n## Log\n\n- 2026-11-01 wrote to {name.split()[0]}\n"
    )


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


ANA, BEN, CAM, DEE, EVE, FAY, GUS, HAL = (
    f"contacts/{n}.md"
    for n in (
        "Ana Diaz",
        "Ben Okoro",
        "Cam Wu",
        "Dee Park",
        "Eve Stone",
        "Fay Lam",
        "Gus Hale",
        "Hal Ames",
    )
)
GUS_TALK = "interviews/2026-11-05 Gus Hale.md"
INTERVIEW = (
    '---\ntype: interview\ncontact: "[[Gus Hale]]"\ndate: 2026-11-05\nstatus: done\n'
    "thank_you_sent:\n---\n# Interview with Gus Hale\n\n## Insights\n\n- Start with the customer\n"
)
NO_FOLLOW_UP = contact("Dee Park").replace("follow_up:\n", "")
PROSPECT = sub(
    sub(contact("Fay Lam"), "status: contacted", "status: prospect"),
    "outreach_sent: 2026-11-01",
    "outreach_sent:",
)

BASE = {
    ANA: contact("Ana Diaz"),
    BEN: contact("Ben Okoro"),
    CAM: contact("Cam Wu"),
    DEE: NO_FOLLOW_UP,
    EVE: contact("Eve Stone"),
    FAY: PROSPECT,
    GUS: contact("Gus Hale"),
    GUS_TALK: INTERVIEW,
    HAL: contact("Hal Ames"),
}


def with_dates(text: str, **dates: str) -> str:
    for key, value in dates.items():
        text = sub(text, f"\n{key}:", f"\n{key}: {value}")
    return text


# What every note says once both machines' edits are in (Hal's once the user kept 11-10).
MERGED = {
    ANA: with_dates(BASE[ANA], nudge_sent="2026-11-08", replied="2026-11-09"),
    BEN: with_dates(BASE[BEN], replied="2026-11-09"),
    CAM: with_dates(BASE[CAM], nudge_sent="2026-11-08")
    + "- 2026-11-09 call: Cam can meet next week\n",
    DEE: sub(BASE[DEE], "replied:\n", "replied:\ncadence: 30\nfollow_up: 2026-12-01\n"),
    EVE: with_dates(BASE[EVE], replied="2026-11-09").replace("\n", "\r\n"),
    FAY: with_dates(
        sub(BASE[FAY], "status: prospect", "status: contacted"), outreach_sent="2026-11-02"
    ),
    # `vault mark thank-you` on A moves Gus's status line on to met, as the dates show.
    GUS: sub(BASE[GUS], "status: contacted", "status: met"),
    GUS_TALK: with_dates(INTERVIEW, thank_you_sent="2026-11-06") + "- Hiring happens in spring\n",
}
HAL_BEFORE_CONFLICT = with_dates(
    sub(BASE[HAL], "company: Acme", "company: Acme Labs"), nudge_sent="2026-11-08"
)
HAL_KEPT = with_dates(HAL_BEFORE_CONFLICT, replied="2026-11-10")


def hal_conflict(first: str, second: str) -> str:
    """Hal's note with git's markers around the replied line alone."""
    return sub(
        HAL_BEFORE_CONFLICT,
        "replied:\n",
        f"<<<<<<< HEAD\nreplied: {first}\n=======\nreplied: {second}\n>>>>>>> incoming\n",
    )


def write_vault(root: Path) -> None:
    (root / "vault.toml").write_text(TOML, encoding="utf-8")
    (root / ".gitignore").write_text(".vaultkit/\n", encoding="utf-8")
    for path, text in BASE.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(text.encode())


def edit_on_a(root: Path) -> None:
    """The laptop: marks, a `vault plan`, a hand edit, a note re-saved with CRLF."""
    mark(root, "Ana Diaz", "nudge", "2026-11-08")
    mark(root, "Ben Okoro", "reply", "2026-11-09")
    mark(root, "Cam Wu", "nudge", "2026-11-08")
    plan(root / DEE, "2026-12-01")
    (root / EVE).write_bytes((root / EVE).read_bytes().replace(b"\n", b"\r\n"))
    hand_edit(root / FAY, "status: prospect", "status: contacted")
    mark(root, "Gus Hale", "thank-you", "2026-11-06")
    hand_edit(root / HAL, "company: Acme", "company: Acme Labs")
    mark(root, "Hal Ames", "reply", "2026-11-09")


def edit_on_b(root: Path) -> None:
    """The desktop: marks, a `vault log` line, hand-added properties and an insight."""
    mark(root, "Ana Diaz", "reply", "2026-11-09")
    mark(root, "Ben Okoro", "reply", "2026-11-09")
    log(root / CAM, "- 2026-11-09 call: Cam can meet next week")
    hand_edit(root / DEE, "replied:\n", "replied:\ncadence: 30\n")
    mark(root, "Eve Stone", "reply", "2026-11-09")
    mark(root, "Fay Lam", "outreach", "2026-11-02")
    log(root / GUS_TALK, "- Hiring happens in spring")
    mark(root, "Hal Ames", "reply", "2026-11-10")
    mark(root, "Hal Ames", "nudge", "2026-11-08")


def mark(root: Path, name: str, event: str, day: str) -> None:
    result = run("mark", name, event, "--date", day, "--vault", root)
    assert result.exit_code == 0, result.output


def plan(path: Path, day: str) -> None:
    """What `vault plan NAME DATE` writes: the follow_up property, one line."""
    path.write_bytes(set_property(path.read_bytes(), "follow_up", day))


def log(path: Path, line: str) -> None:
    """What `vault log` writes: a dated line at the end of the note's last list."""
    path.write_bytes(path.read_bytes() + line.encode() + b"\n")


def hand_edit(path: Path, old: str, new: str) -> None:
    path.write_bytes(sub(path.read_text(encoding="utf-8"), old, new).encode())


def notes(root: Path) -> dict[str, str]:
    """Every note as its exact text (bytes decoded, nothing normalised but marker labels)."""
    return {path: unlabelled((root / path).read_bytes().decode("utf-8")) for path in BASE}


def expect(hal: str) -> dict[str, str]:
    return {**{p: unlabelled(t) for p, t in MERGED.items()}, HAL: unlabelled(hal)}


def start(tmp_path: Path) -> tuple[Path, Path]:
    """The vault made with `vault init` on machine A, pushed, and cloned on machine B."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    a = tmp_path / "a"
    a.mkdir()
    git(a, "init", "--quiet", "-b", "main")
    write_vault(a)
    assert run("init", a).exit_code == 0
    git(a, "remote", "add", "origin", str(remote))
    git(a, "add", "--all")
    git(a, "commit", "--quiet", "-m", "Start the vault")
    git(a, "push", "--quiet", "-u", "origin", "main")
    git(tmp_path, "clone", "--quiet", str(remote), "b")
    return a, tmp_path / "b"


def test_vault_sync_on_both_machines(tmp_path: Path):
    """Both machines edit, both sync: every note merges to what both meant, the fresh
    clone's first sync sets the driver up before it pulls, and only the two reply dates
    stop it; once the user keeps one, both machines hold the same notes, byte for byte."""
    a, b = start(tmp_path)
    edit_on_a(a)
    edit_on_b(b)
    assert run("sync", "--vault", a).exit_code == 0

    result = run("sync", "--vault", b)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "set up vault merge-file as this clone's merge driver (merge.vault.driver)"
    assert lines[2:4] == ["git pull --rebase stopped on conflicting changes in 1 file:", f"  {HAL}"]
    assert notes(b) == expect(hal_conflict("2026-11-09", "2026-11-10"))  # HEAD: what A pushed

    (b / HAL).write_bytes(HAL_KEPT.encode())
    git(b, "add", HAL)
    git(b, "rebase", "--continue")
    assert run("sync", "--vault", b).exit_code == 0
    again = run("sync", "--vault", a)
    assert again.exit_code == 0
    assert "pulled: fast-forwarded to origin/main" in again.stdout.splitlines()
    assert notes(a) == notes(b) == expect(HAL_KEPT)
    assert git(b, "rev-list", "--merges", "main") == ""


@pytest.mark.parametrize("way", ["pull --rebase", "merge"])
def test_plain_git_in_clones_with_the_driver(tmp_path: Path, way: str):
    """The same edits committed and merged with git alone (as an editor's git plugin
    would), in clones whose config has the driver: the same notes, the same one conflict."""
    a, b = start(tmp_path)
    init = run("init", b)
    assert init.stdout.splitlines() == [
        "set up vault merge-file as this clone's merge driver (merge.vault.driver)",
        f"vault ready at {b}",
    ]
    edit_on_a(a)
    edit_on_b(b)
    for root, message in ((a, "Laptop"), (b, "Desktop")):
        git(root, "add", "--all")
        git(root, "commit", "--quiet", "-m", message)
    git(a, "push", "--quiet")
    if way == "merge":
        git(b, "fetch", "--quiet")
        assert git(b, "merge", "origin/main", check=False) is not None
        conflict = hal_conflict("2026-11-10", "2026-11-09")  # HEAD: this machine's own
        finish = ("commit", "--quiet", "--no-edit")
    else:
        assert git(b, "pull", "--rebase", check=False) is not None
        conflict = hal_conflict("2026-11-09", "2026-11-10")
        finish = ("rebase", "--continue")
    assert git(b, "diff", "--name-only", "--diff-filter=U") == f"{HAL}\n"
    assert notes(b) == expect(conflict)

    (b / HAL).write_bytes(HAL_KEPT.encode())
    git(b, "add", HAL)
    git(b, *finish)
    git(b, "push", "--quiet")
    git(a, "pull", "--quiet", "--rebase")
    assert notes(a) == notes(b) == expect(HAL_KEPT)
