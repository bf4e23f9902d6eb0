"""`vault ls contacts|interviews` and `vault show NAME` on the example vault and small vaults."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import contact_text, copy_example, interview_text, link, make_vault, run

MET = [
    "Daniel Okafor",
    "Grace Liu",
    "Hannah Schultz",
    "José Martínez",
    "Leila Haddad",
    "Lucas Moreau",  # his note says scheduled, but his 2026-09-30 call is done: he is met
    "Maya Chen",
    "Sofia Rossi",
    "Zoë Kowalski",
]
CONTACT_FIELDS = {
    "name",
    "aliases",
    "first_name",
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "location",
    "source",
    "status",
    "status_in_note",
    "outcome",
    "tags",
    "referred_by",
    "outreach_sent",
    "nudge_sent",
    "replied",
    "follow_up",
    "follow_up_note",
    "cadence",
    "path",
}
INTERVIEW_FIELDS = {
    "contact",
    "date",
    "time",
    "status",
    "medium",
    "thank_you_sent",
    "open_actions",
    "path",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example vault for this module (the tests only read it)."""
    return copy_example(tmp_path_factory.mktemp("lookup"))


def ls(vault: Path, *args: str) -> list[dict]:
    """`vault ls ... --json`, parsed."""
    result = run("ls", *args, "--vault", vault, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def names(rows: list[dict], key: str = "name") -> list[str]:
    return [row[key] for row in rows]


# -- vault ls contacts ----------------------------------------------------------------------


def test_ls_contacts_lists_everyone_by_name(example):
    """All 20 contacts, sorted by name ignoring accents and case, as a table with a header."""
    rows = ls(example, "contacts")
    assert len(rows) == 20
    assert names(rows)[:3] == ["Aisha Rahman", "Chloé Dubois", "Daniel Okafor"]
    assert names(rows)[-3:] == ["Sofia Rossi", "Tomás Herrera", "Zoë Kowalski"]
    table = run("ls", "contacts", "--vault", example).stdout.splitlines()
    assert table[0].split() == ["NAME", "COMPANY", "ROLE", "STATUS", "PATH"]
    assert len(table) == 21 and table[1].startswith("Aisha Rahman ")


@pytest.mark.parametrize("status", ["met", "MET"])
def test_ls_contacts_by_status(example, status):
    """--status keeps the contacts where they stand with that status, whatever its case."""
    assert names(ls(example, "contacts", "--status", status, "--today", "2026-11-22")) == MET


@pytest.mark.parametrize("tag", ["ux-research", "UX-Research", "#ux-research"])
def test_ls_contacts_by_tag(example, tag):
    """--tag matches a tag ignoring case and a leading #."""
    assert names(ls(example, "contacts", "--tag", tag)) == [
        "Ingrid Solberg",
        "Kenji Watanabe",
        "Leila Haddad",
        "Maya Chen",
        "Olivia Bennett",
        "Rachel Goldberg",
        "Sofia Rossi",
        "Tomás Herrera",
    ]


def test_ls_contacts_by_company(example):
    """--company matches part of the company name, ignoring case."""
    assert names(ls(example, "contacts", "--company", "tessell")) == ["Chloé Dubois", "Sofia Rossi"]


def test_ls_contacts_filters_combine(example):
    """Every filter given must hold."""
    rows = ls(example, "contacts", "--status", "met", "--tag", "ux-research")
    assert names(rows) == ["Leila Haddad", "Maya Chen", "Sofia Rossi"]
    assert ls(example, "contacts", "--status", "met", "--company", "tessellate") == [
        ls(example, "contacts", "--company", "tessellate")[1]
    ]


def test_ls_contacts_nothing_found(example):
    """A filter that matches nobody prints a plain line, exit 0."""
    result = run("ls", "contacts", "--tag", "astronaut", "--vault", example)
    assert (result.exit_code, result.stdout) == (0, "nothing found\n")
    assert ls(example, "contacts", "--tag", "astronaut") == []


def test_ls_contacts_json_fields(example):
    """Each contact row has the same fields, dates as ISO strings or null, tags as a list."""
    for row in ls(example, "contacts"):
        assert set(row) == CONTACT_FIELDS
        assert isinstance(row["tags"], list)
        for key in ("outreach_sent", "nudge_sent", "replied", "follow_up"):
            assert row[key] is None or dt.date.fromisoformat(row[key]).isoformat() == row[key]
        assert (example / row["path"]).is_file()
    daniel = next(r for r in ls(example, "contacts") if r["name"] == "Daniel Okafor")
    assert daniel["referred_by"] == "Maya Chen"
    assert daniel["tags"] == ["research-ops", "insurance"]
    assert daniel["outreach_sent"] == "2026-11-13" and daniel["nudge_sent"] is None


# -- vault ls interviews --------------------------------------------------------------------


def test_ls_interviews_oldest_first(example):
    """All 23 interviews, oldest first."""
    rows = ls(example, "interviews")
    assert len(rows) == 23
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[0]["path"] == "interviews/2026-03-18 Grace Liu.md"
    assert rows[-1]["path"] == "interviews/2026-12-10 Kenji Watanabe.md"
    table = run("ls", "interviews", "--vault", example).stdout.splitlines()
    assert table[0].split() == ["DATE", "TIME", "CONTACT", "STATUS", "MEDIUM", "PATH"]
    daniel = next(line for line in table if "Daniel Okafor" in line)
    assert daniel.split()[:3] == ["2026-11-19", "09:00", "Daniel"]


@pytest.mark.parametrize(
    ("status", "people"),
    [
        ("planned", ["Lucas Moreau", "Rachel Goldberg", "Kenji Watanabe"]),
        ("cancelled", ["Rachel Goldberg"]),
    ],
)
def test_ls_interviews_by_status(example, status, people):
    """--status planned or cancelled, as written in the notes."""
    assert names(ls(example, "interviews", "--status", status), "contact") == people


def test_ls_interviews_by_contact_company_and_tag(example):
    """--company and --tag filter interviews by their contact's company and tags."""
    rows = ls(example, "interviews", "--company", "cobalt")
    assert [r["date"] for r in rows] == ["2026-06-24", "2026-08-12", "2026-09-23"]
    assert set(names(rows, "contact")) == {"José Martínez"}
    gov = ls(example, "interviews", "--tag", "gov-tech")
    assert [(r["date"], r["status"]) for r in gov] == [
        ("2026-11-10", "cancelled"),
        ("2026-11-24", "planned"),
    ]


def test_ls_interviews_json_fields(example):
    """Each interview row has the same fields, with the time and the open action count."""
    rows = ls(example, "interviews")
    for row in rows:
        assert set(row) == INTERVIEW_FIELDS
        assert isinstance(row["open_actions"], int)
    daniel = next(r for r in rows if r["contact"] == "Daniel Okafor")
    assert daniel == {
        "contact": "Daniel Okafor",
        "date": "2026-11-19",
        "time": "09:00",
        "status": "done",
        "medium": "zoom",
        "thank_you_sent": None,
        "open_actions": 1,
        "path": "interviews/2026-11-19 Daniel Okafor.md",
    }


def test_ls_interviews_status_of_an_interview_later_today(tmp_path):
    """No status, today at 23:59: the README says planned (its time is still ahead)."""
    now = dt.datetime.now()
    if now.time() >= dt.time(23, 58):
        pytest.skip("too close to midnight for an interview later today")
    today = now.date().isoformat()
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe"),
            f"interviews/{today} Jane Doe.md": interview_text("Jane Doe", date=f"{today}T23:59"),
        },
    )
    assert [r["status"] for r in ls(vault, "interviews")] == ["planned"]


# -- vault show -----------------------------------------------------------------------------


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_show_a_person(example):
    """Details, interviews in order, open action items with file:line, whom they referred."""
    result = run("show", "Maya Chen", "--vault", example)
    assert result.exit_code == 0, result.output
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == "Maya Chen"
    assert lines[1] == "Senior UX Researcher, Lumen Health, Portland, OR"
    assert "  email: maya.chen@lumenhealth.example" in lines
    assert "  status: met" in lines
    assert "  referred: Daniel Okafor, Rachel Goldberg" in lines
    assert "  file: contacts/Maya Chen.md" in lines
    dates = ["2026-04-14", "2026-09-15", "2026-11-12"]
    places = [text.index(f"interviews/{d} Maya Chen.md") for d in dates]
    assert places == sorted(places)
    note = example / "interviews" / "2026-11-12 Maya Chen.md"
    first = _line_of(note, "Write up the gradebook test")
    second = _line_of(note, "Send Priya my portfolio")
    assert "Open action items (2)" in lines
    assert (
        f"  - [ ] Write up the gradebook test as a one-page case study  "
        f"interviews/2026-11-12 Maya Chen.md:{first}"
    ) in lines
    assert (
        f"  - [ ] Send Priya my portfolio (due 2026-11-30)  "
        f"interviews/2026-11-12 Maya Chen.md:{second}"
    ) in lines
    assert "Email Daniel" not in text, "done items are not listed"


def test_show_who_referred_them(example):
    """A referred contact shows who referred them."""
    result = run("show", "Daniel Okafor", "--vault", example)
    assert "  referred by: Maya Chen" in result.stdout.splitlines()


def test_show_json(example):
    """--json: the contact row, interviews in order, open actions, referred_by and referred."""
    result = run("show", "José Martínez", "--vault", example, "--json")
    data = json.loads(result.stdout)
    assert set(data) == {
        "contact",
        "status",
        "status_in_note",
        "stage",
        "log",
        "interviews",
        "open_actions",
        "referred_by",
        "referred",
        "suggested",
        "due",
    }
    assert set(data["contact"]) == CONTACT_FIELDS
    assert [i["date"] for i in data["interviews"]] == ["2026-06-24", "2026-08-12", "2026-09-23"]
    note = example / "interviews" / "2026-09-23 José Martínez.md"
    assert data["open_actions"] == [
        {
            "text": "Send José the finished redesign case study",
            "due": "2026-12-20",
            "path": "interviews/2026-09-23 José Martínez.md",
            "line": _line_of(note, "Send José the finished"),
        }
    ]
    assert data["referred_by"] is None and data["referred"] == []
    zoe = json.loads(run("show", "Zoë Kowalski", "--vault", example, "--json").stdout)
    assert zoe["referred"] == ["Noah Fischer", "Sofia Rossi"]


@pytest.mark.parametrize("typed", ["zoe kowalski", "ZOË KOWALSKI", "  Zoë   Kowalski "])
def test_show_matches_names_ignoring_case_and_accents(example, typed):
    """NAME is matched ignoring case, accents and extra spaces."""
    result = run("show", typed, "--vault", example)
    assert result.exit_code == 0
    assert result.stdout.startswith("Zoë Kowalski\n")


def test_show_unknown_name_suggests_the_closest(example):
    """A name that matches nobody exits 1 with one line naming the closest contact."""
    result = run("show", "Maya Chan", "--vault", example)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Maya Chan" in result.stderr and "Maya Chen" in result.stderr


def test_show_no_suggestion_when_nothing_is_close(example):
    """Nothing close: exit 1 and a pointer to vault ls contacts."""
    result = run("show", "Xavier Quux", "--vault", example)
    assert result.exit_code == 1
    assert "vault ls contacts" in result.stderr


def test_show_ambiguous_name_lists_the_candidates(tmp_path):
    """Two contacts answering to the same name: exit 1, both files named."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Sam Lee.md": contact_text("Sam Lee", company="Acme"),
            "contacts/old/Sam Lee.md": contact_text("Sam Lee", company="Initech"),
        },
    )
    result = run("show", "sam lee", "--vault", vault)
    assert result.exit_code == 1
    assert "contacts/Sam Lee.md" in result.stderr and "contacts/old/Sam Lee.md" in result.stderr


def test_show_orders_interviews_by_date_and_time(tmp_path):
    """Interviews the same day are ordered by their time; action items follow them."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", referred_by=link("Sam Lee")),
            "interviews/b.md": interview_text("Jane Doe", date="2026-11-02T15:00"),
            "interviews/a.md": interview_text(
                "Jane Doe", date="2026-11-02T09:00", tasks=["- [ ] Early task", "- [x] Done"]
            ),
            "interviews/c.md": interview_text(
                "Jane Doe", date="2026-10-01", tasks=["- [ ] Old task"]
            ),
            "interviews/other.md": interview_text("Sam Lee", date="2026-10-05"),
        },
    )
    data = json.loads(run("show", "Jane Doe", "--vault", vault, "--json").stdout)
    assert [i["path"] for i in data["interviews"]] == [
        "interviews/c.md",
        "interviews/a.md",
        "interviews/b.md",
    ]
    assert [a["text"] for a in data["open_actions"]] == ["Old task", "Early task"]
    assert data["referred_by"] == "Sam Lee", "a referrer with no note is shown as written"
