"""The day's answer brought up to date after a change equals the answer worked out from
every note again, after every step of any sequence of edits."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import Result
from helpers import TODAY, contact_text, day, interview_text, make_vault, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.core import incremental
from vaultkit.core.config import Config, load_config
from vaultkit.core.due import Due, due_on
from vaultkit.core.vault import Vault
from vaultkit.store.index import refresh
from vaultkit.store.read import read_files
from vaultkit.store.walk import listing

CONTACTS = ["Ana Lee", "Ben Okafor", "Cara Díaz"]
# Names edits may use: the contacts', one nobody has, one spelt another way.
NAMES = [*CONTACTS, "Dee Moss", "ana lee", "Eli Park"]
INTERVIEWS = ["interviews/2026-11-01 Ana.md", "interviews/2026-11-10 Ben.md"]
INTERVIEWS += ["interviews/2026-11-15 Dee.md", "interviews/2026-11-20 Ana.md"]
BROKEN = "---\ntype: contact\nname: [unclosed\n---\n"


@dataclass
class Note:
    """A note of the model vault: what it says, rendered to text on each step."""

    kind: str
    name: str  # a contact's name, or the person an interview links to
    props: dict[str, object] = field(default_factory=dict)
    tasks: list[str] = field(default_factory=list)
    referrals: list[str] = field(default_factory=list)
    broken: bool = False
    tail: str = ""  # words at the end of the body, which change no property

    def text(self) -> str:
        if self.broken:
            return BROKEN
        if self.kind == "contact":
            props = {k: v for k, v in self.props.items() if v is not None}
            body = contact_text(self.name, **props)
            body += "".join(f"- [ ] {t}\n" for t in self.tasks)
        else:
            props = {k: v for k, v in self.props.items() if v is not None}
            body = interview_text(self.name, tasks=self.tasks, referrals=self.referrals, **props)
        return body + self.tail


def start() -> dict[str, Note]:
    notes = {
        f"contacts/{name}.md": Note("contact", name, {"status": "contacted"}) for name in CONTACTS
    }
    notes["contacts/Ana Lee.md"].props["outreach_sent"] = day(-20)
    people = ["Ana Lee", "Ben Okafor", "Dee Moss", "Ana Lee"]
    for path, person, offset in zip(INTERVIEWS, people, (-21, -12, -7, 3), strict=True):
        notes[path] = Note("interview", person, {"date": day(offset)})
    return notes


def paths_of(kind: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [f"contacts/{n}.md" for n in CONTACTS] if kind == "contact" else INTERVIEWS
    )


EDITS = st.one_of(
    st.tuples(
        st.just("status"),
        paths_of("contact"),
        st.sampled_from([None, "paused", "declined", "met", "contacted"]),
    ),
    st.tuples(st.just("rename"), paths_of("contact"), st.sampled_from(NAMES)),
    st.tuples(st.just("alias"), paths_of("contact"), st.sampled_from(NAMES)),
    st.tuples(st.just("break"), st.sampled_from([*INTERVIEWS, "contacts/Ben Okafor.md"])),
    st.tuples(st.just("mend"), st.sampled_from([*INTERVIEWS, "contacts/Ben Okafor.md"])),
    st.tuples(st.just("referral"), paths_of("interview"), st.sampled_from(NAMES)),
    st.tuples(st.just("referred_by"), paths_of("contact"), st.sampled_from(NAMES)),
    st.tuples(
        st.just("today"), paths_of("interview"), st.sampled_from(["09:00", "13:30", "23:00"])
    ),
    st.tuples(st.just("link"), paths_of("interview"), st.sampled_from(NAMES)),
    st.tuples(
        st.just("date"),
        paths_of("contact"),
        st.sampled_from(["outreach_sent", "nudge_sent", "replied", "follow_up"]),
        st.integers(-40, 10),
    ),
    st.tuples(
        st.just("interview_date"),
        paths_of("interview"),
        st.sampled_from(["thank_you_sent", "date"]),
        st.integers(-30, 10),
    ),
    st.tuples(
        st.just("interview_status"),
        paths_of("interview"),
        st.sampled_from([None, "planned", "done", "cancelled"]),
    ),
    st.tuples(st.just("task"), st.sampled_from([*INTERVIEWS, "contacts/Cara Díaz.md"])),
    st.tuples(st.just("tail"), st.sampled_from([*INTERVIEWS, "contacts/Ana Lee.md"])),
    st.tuples(st.just("delete"), st.sampled_from([*INTERVIEWS, "contacts/Cara Díaz.md"])),
    st.tuples(st.just("new_interview"), st.sampled_from(NAMES), st.integers(-10, 5)),
)


def apply(notes: dict[str, Note], edit: tuple[object, ...]) -> None:
    """Change the model as the edit says (an edit of a note that is gone makes it again)."""
    kind, path = edit[0], str(edit[1])
    if kind == "new_interview":
        offset = edit[2]
        assert isinstance(offset, int)
        path = f"interviews/new {len(notes)}.md"
        notes[path] = Note("interview", str(edit[1]), {"date": day(offset)})
        return
    if kind == "delete":
        notes.pop(path, None)
        return
    note = notes.setdefault(path, start()[path])
    if kind == "status":
        note.props["status"] = edit[2]
    elif kind == "rename":
        note.name = str(edit[2])
    elif kind == "alias":
        note.props["aliases"] = [edit[2]]
    elif kind == "break":
        note.broken = True
    elif kind == "mend":
        note.broken = False
    elif kind == "referral":
        note.referrals.append(str(edit[2]))
    elif kind == "referred_by":
        note.props["referred_by"] = f'"[[{edit[2]}]]"'
    elif kind == "today":
        note.props["date"] = f"{TODAY.isoformat()}T{edit[2]}"
        note.props.pop("status", None)
    elif kind == "link":
        note.name = str(edit[2])
    elif kind in ("date", "interview_date"):
        offset = edit[3]
        assert isinstance(offset, int)
        note.props[str(edit[2])] = day(offset)
    elif kind == "interview_status":
        note.props["status"] = edit[2]
    elif kind == "task":
        note.tasks.append(f"- [ ] Task {len(note.tasks) + 1}")
    elif kind == "tail":
        note.tail += "More words.\n"


def write_all(root: Path, notes: dict[str, Note], written: dict[str, str]) -> set[str]:
    """Bring the files on disk to the model: write what changed, delete what is gone;
    the files written or deleted."""
    changed = set(written) - set(notes)
    for path in changed:
        (root / path).unlink()
        del written[path]
    for path, note in notes.items():
        text = note.text()
        if written.get(path) != text:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
            written[path] = text
            changed.add(path)
    return changed


def worked_out_whole(config: Config, now: dt.time | None) -> Due:
    """The answer from every note, read one by one without the index."""
    paths = sorted(listing(config.root))
    files = [parsed for parsed in read_files(config, paths) if parsed.kind != "other"]
    return due_on(Vault(config, files, markdown_files=len(paths)), TODAY, now=now)


class Splices:
    """How often the kept answer was brought up to date rather than worked out whole."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.used = 0
        real = incremental.spliced

        def counted(*args: object, **kwargs: object) -> incremental.Spliced | None:
            found = real(*args, **kwargs)
            self.used += found is not None
            return found

        monkeypatch.setattr("vaultkit.core.due.spliced", counted)


# Edits after which the answer must be brought up to date, not worked out whole: they
# change no contact's names and leave no note with problems.
TOUCHING_ONE_PERSON = {"status", "date", "interview_date", "interview_status", "task", "today"}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(EDITS, min_size=1, max_size=10),
    now=st.sampled_from([None, dt.time(8, 0), dt.time(12, 0), dt.time(20, 0)]),
)
def test_the_answer_brought_up_to_date_equals_the_whole(monkeypatch, edits, now):
    """After every edit (a status, a name, an alias, a note broken and mended, a
    referral, an interview moved to today with a time...), the answer the index brings
    up to date is the answer worked out from every note; and edits that touch one
    person's notes in a vault with no broken note are brought up to date, not redone."""
    splices = Splices(monkeypatch)
    with tempfile.TemporaryDirectory() as folder:
        notes = start()
        written: dict[str, str] = {}
        root = make_vault(Path(folder) / "v", {})
        write_all(root, notes, written)
        config = load_config(root)
        due_on(refresh(config)[0], TODAY, now=now)
        for edit in edits:
            one_person = edit[0] in TOUCHING_ONE_PERSON and edit[1] in notes
            apply(notes, edit)
            one_person &= write_all(root, notes, written) == {edit[1]}
            before = splices.used
            kept = due_on(refresh(config)[0], TODAY, now=now)
            assert kept == worked_out_whole(config, now), edit
            if one_person and not any(n.broken for n in notes.values()):
                assert splices.used == before + 1, edit


COMMANDS = [
    ["report", "--today", TODAY.isoformat()],
    ["report", "--json", "--today", TODAY.isoformat(), "--days", "60"],
    ["ls", "contacts", "--json", "--today", TODAY.isoformat()],
    ["ls", "interviews", "--json", "--today", TODAY.isoformat()],
    ["show", "Ana Lee", "--today", TODAY.isoformat()],
    ["questions", "Ana Lee"],
    ["check", "--json"],
    ["stats", "--today", TODAY.isoformat()],
]


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=6))
def test_every_command_says_the_same_with_the_kept_answer(edits):
    """What report, ls, show, questions, check and stats print after every edit, through
    the index and its kept answers, is what they print in the vault with no index."""
    with tempfile.TemporaryDirectory() as folder:
        notes = start()
        written: dict[str, str] = {}
        root = make_vault(Path(folder) / "v", {})
        write_all(root, notes, written)
        for args in COMMANDS:
            run(*args, "--vault", root)
        for edit in edits:
            apply(notes, edit)
            write_all(root, notes, written)
            for args in COMMANDS:
                kept = run(*args, "--vault", root)
                whole = without_the_index(root, args)
                assert (kept.exit_code, kept.output) == (whole.exit_code, whole.output), (
                    edit,
                    args,
                )


def without_the_index(root: Path, args: list[str]) -> Result:
    """What the command prints in the same vault with no index (the index put back after)."""
    aside = root.parent / "index-aside"
    (root / ".vaultkit").rename(aside)
    try:
        return run(*args, "--vault", root)
    finally:
        shutil.rmtree(root / ".vaultkit", ignore_errors=True)
        aside.rename(root / ".vaultkit")
