"""For any vault hypothesis can write, `vault stats --json` says what the notes' own text
gives (stats_oracle), whole, by every grouping and for any period."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from helpers import TODAY, make_vault, markdown, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stats_oracle import figures, read_vault

NAMES = [f"Person {letter}" for letter in "ABCDEFGH"]
SOURCES = [None, "LinkedIn", "alumni network", "referral"]
COMPANIES = [None, "Acme", "Globex"]
TAGS = ["ux", "data", "alumni"]
CONTACT_STATUSES = [None, "prospect", "contacted", "scheduled", "met", "declined", "paused"]
INTERVIEW_STATUSES = [None, "planned", "done", "cancelled"]
OUTCOMES = [None, "offer", "hired", "referral", "advice", "none", "referral, advice", "Offer"]

offsets = st.integers(min_value=-120, max_value=20)
maybe_day = st.none() | offsets.map(lambda n: TODAY + dt.timedelta(days=n))


@st.composite
def contact_notes(draw: st.DrawFn, name: str) -> str:
    props: dict[str, object] = {"type": "contact", "name": name}
    for key in ("outreach_sent", "nudge_sent", "replied"):
        props[key] = draw(maybe_day)
    props["status"] = draw(st.sampled_from(CONTACT_STATUSES))
    props["outcome"] = draw(st.sampled_from(OUTCOMES))
    props["source"] = draw(st.sampled_from(SOURCES))
    props["company"] = draw(st.sampled_from(COMPANIES))
    props["tags"] = draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))
    referrer = draw(st.none() | st.sampled_from(NAMES))
    if referrer:
        props["referred_by"] = f'"[[{referrer}]]"'
    return markdown({k: v for k, v in props.items() if v not in (None, [])}, f"# {name}\n")


@st.composite
def interview_notes(draw: st.DrawFn) -> str:
    person = draw(st.sampled_from([*NAMES, "Nobody Known"]))
    day = TODAY + dt.timedelta(days=draw(offsets))
    props: dict[str, object] = {"type": "interview", "contact": f'"[[{person}]]"', "date": day}
    props["status"] = draw(st.sampled_from(INTERVIEW_STATUSES))
    thanked = draw(st.none() | st.integers(min_value=0, max_value=4))
    if thanked is not None:
        props["thank_you_sent"] = day + dt.timedelta(days=thanked)
    tasks = []
    for done, due in draw(st.lists(st.tuples(st.booleans(), st.none() | offsets), max_size=3)):
        when = f" 📅 {(TODAY + dt.timedelta(days=due)).isoformat()}" if due is not None else ""
        tasks.append(f"- [{'x' if done else ' '}] Something to do{when}")
    referred = draw(st.lists(st.sampled_from([*NAMES, "Someone New"]), max_size=2))
    body = "# Interview\n\n## Action items\n\n" + "\n".join(tasks) + "\n\n## Referrals\n\n"
    body += "".join(f"- [[{r}]]\n" for r in referred)
    return markdown({k: v for k, v in props.items() if v is not None}, body)


@st.composite
def vaults(draw: st.DrawFn) -> dict[str, str]:
    people = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=len(NAMES)))
    files = {f"contacts/{name}.md": draw(contact_notes(name)) for name in people}
    for number, text in enumerate(draw(st.lists(interview_notes(), max_size=8))):
        files[f"interviews/{number:02d}.md"] = text
    return files


periods = st.tuples(maybe_day, st.none() | maybe_day).filter(
    lambda p: p[0] is None or p[1] is None or p[0] <= p[1]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=vaults(),
    period=periods,
    by=st.sampled_from([None, "month", "source", "tag", "company"]),
)
def test_any_vault_gives_the_figures_its_notes_do(
    files: dict[str, str], period: tuple[dt.date | None, dt.date | None], by: str | None
) -> None:
    """The JSON equals the independent working of every figure and every group."""
    since, until = period
    if since is not None and until is None and since > TODAY:
        until = since
    with tempfile.TemporaryDirectory() as folder:
        root = make_vault(Path(folder) / "vault", files)
        args = ["stats", "--vault", root, "--today", TODAY.isoformat(), "--json"]
        args += ["--since", since.isoformat()] if since else []
        args += ["--until", until.isoformat()] if until else []
        args += ["--by", by] if by else []
        result = run(*args)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        people, talks = read_vault(root)
    expected = figures(people, talks, TODAY, since=since, until=until, by=by)
    for key, value in expected.items():
        assert data[key] == value, key
    for stage in data["funnel"]:
        assert stage["rate"] is None or 0 <= stage["rate"] <= 1
