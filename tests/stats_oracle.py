"""The figures of `vault stats`, worked out again from the notes' text without vaultkit's
code: PyYAML for the properties, a few regular expressions for the body, and the
definitions of docs/commands/stats.md written out plainly. The tests compare the two."""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

OFFERS = {"offer", "hired"}
LINK = re.compile(r"\[\[([^\]|#]+)(?:[|#][^\]]*)?\]\]")
TASK = re.compile(r"^\s*[-*+]\s+\[([ xX])\]\s+(.*)$")
DUE = re.compile(r"📅\s*(\d{4}-\d{2}-\d{2})")
INTERVIEW_ALIASES = {"scheduled": "planned", "completed": "done", "canceled": "cancelled"}


def folded(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        return dt.date.fromisoformat(value.strip()[:10])
    return None


def link_name(value: object) -> str | None:
    if not value:
        return None
    text = str(value[0] if isinstance(value, list) else value)
    match = LINK.search(text)
    name = match.group(1) if match else text
    return name.strip().removesuffix(".md") or None


@dataclass
class Person:
    path: str
    names: set[str]
    props: dict[str, object]

    def date(self, key: str) -> dt.date | None:
        return as_date(self.props.get(key))

    def text(self, key: str) -> str | None:
        value = self.props.get(key)
        return str(value).strip() if value not in (None, "") else None

    @property
    def tags(self) -> list[str]:
        value = self.props.get("tags") or []
        items = value if isinstance(value, list) else str(value).split(",")
        return list(dict.fromkeys(str(t).strip().lstrip("#") for t in items if str(t).strip()))

    @property
    def outcome(self) -> set[str]:
        text = (self.text("outcome") or "").lower()
        return {w.strip() for w in re.split(r"[,;/]", text) if w.strip()}


@dataclass
class Talk:
    path: str
    props: dict[str, object]
    tasks: list[tuple[bool, dt.date | None]] = field(default_factory=list)
    referrals: list[str] = field(default_factory=list)

    @property
    def date(self) -> dt.date | None:
        return as_date(self.props.get("date"))

    def status(self, today: dt.date) -> str | None:
        written = str(self.props.get("status") or "").strip().lower()
        if written:
            return INTERVIEW_ALIASES.get(written, written)
        if self.date is None:
            return None
        return "planned" if self.date > today else "done"


def read_vault(root: Path) -> tuple[list[Person], list[Talk]]:
    people, talks = [], []
    for path in sorted(root.rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("."):
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        front, body = text[4:].split("\n---\n", 1)
        props = yaml.safe_load(front) or {}
        kind = str(props.get("type", "")).lower()
        if kind == "contact":
            names = {folded(path.stem), folded(str(props.get("name") or path.stem))}
            people.append(Person(relative, names, props))
        elif kind == "interview":
            talk = Talk(relative, props)
            section = None
            for line in body.split("\n"):
                if line.startswith("## "):
                    section = line[3:].strip().lower()
                    continue
                if task := TASK.match(line):
                    due = DUE.search(task.group(2))
                    talk.tasks.append(
                        (task.group(1) != " ", as_date(due.group(1)) if due else None)
                    )
                if section == "referrals":
                    talk.referrals += [m.strip() for m in LINK.findall(line)]
            talk.referrals = list(dict.fromkeys(talk.referrals))
            talks.append(talk)
    return people, talks


def figures(
    people: list[Person],
    talks: list[Talk],
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str | None = None,
) -> dict[str, object]:
    """The JSON `vault stats --json` should print, worked out from these notes."""
    until = until or today

    def within(day: dt.date | None) -> bool:
        return day is not None and (since is None or day >= since) and day <= until

    def match(name: str | None) -> Person | None:
        found = [p for p in people if name and folded(name) in p.names]
        return found[0] if len(found) == 1 else None

    talks_of: dict[str, list[Talk]] = {p.path: [] for p in people}
    owner: dict[str, Person | None] = {}
    for talk in talks:
        owner[talk.path] = match(link_name(talk.props.get("contact")))
        if owner[talk.path]:
            talks_of[owner[talk.path].path].append(talk)  # type: ignore[union-attr]

    def done(talk: Talk) -> bool:
        return talk.status(today) == "done" and (talk.date is None or talk.date <= today)

    def first_reached(person: Person) -> dt.date | None:
        sent = person.date("outreach_sent")
        if sent is not None:
            return sent if sent <= today else None
        signs = [person.date("nudge_sent"), person.date("replied")]
        signs += [t.date for t in talks_of[person.path]]
        return min((d for d in signs if d and d <= today), default=None)

    # referrals: (referrer key, referred key) -> (referrer, date)
    made: dict[tuple[str, str], tuple[Person | None, dt.date | None]] = {}

    def refer(who: Person | None, who_key: str, whom_key: str, day: dt.date | None) -> None:
        if who_key == whom_key:
            return
        old = made.get((who_key, whom_key))
        if old is None or (day is not None and (old[1] is None or day < old[1])):
            made[(who_key, whom_key)] = (who, day)

    for talk in talks:
        who = owner[talk.path]
        who_key = who.path if who else "?" + folded(link_name(talk.props.get("contact")) or "")
        for name in talk.referrals:
            whom = match(name)
            refer(who, who_key, whom.path if whom else "?" + folded(name), talk.date)
    for person in people:
        referrer = match(link_name(person.props.get("referred_by")))
        if referrer is not None:
            refer(referrer, referrer.path, person.path, first_reached(person))
    referrers = {w.path for w, d in made.values() if w and (d is None or d <= today)}

    rows: list[tuple[str, Person | None, dt.date | None, dict[str, int], int | None]] = []
    for person in people:
        day = first_reached(person)
        if not within(day):
            continue
        mine = talks_of[person.path]
        met = any(done(t) for t in mine)
        replied_on = person.date("replied")
        answered = replied_on is not None and replied_on <= today
        replied = (
            answered
            or str(person.props.get("status") or "").lower() == "declined"
            or met
            or any(t.date and t.date <= today for t in mine)
        )
        nudge = person.date("nudge_sent")
        nudged = nudge is not None and nudge <= today
        sent = person.date("outreach_sent")
        days = None
        if answered and sent and replied_on and replied_on >= sent:
            days = (replied_on - sent).days
        counts = {
            "outreach": 1,
            "replied": int(replied),
            "met": int(met),
            "referred": int(met and (person.path in referrers or "referral" in person.outcome)),
            "offer": int(met and bool(person.outcome & OFFERS)),
            "nudged": int(nudged),
            "nudged_replied": int(nudged and replied),
        }
        rows.append(("person", person, day, counts, days))
    for talk in talks:
        if not within(talk.date) or talk.status(today) == "cancelled":
            continue
        counts = dict.fromkeys(("interviews", "on_time", "pending", "done", "open", "overdue"), 0)
        assert talk.date is not None
        if done(talk):
            counts["interviews"] = 1
            deadline = talk.date + dt.timedelta(days=1)
            thanked = as_date(talk.props.get("thank_you_sent"))
            if thanked is not None and thanked <= today:
                counts["on_time"] = int(thanked <= deadline)
            else:
                counts["pending"] = int(deadline >= today)
        for ticked, due in talk.tasks:
            if ticked:
                counts["done"] += 1
            else:
                due = due or talk.date + dt.timedelta(days=7)
                counts["overdue" if due < today else "open"] += 1
        rows.append(("talk", owner[talk.path], talk.date, counts, None))
    for who, day in made.values():
        if within(day) or (day is None and since is None and until >= today):
            rows.append(("referral", who, day, {"referrals": 1}, None))

    def keys(person: Person | None, day: dt.date | None) -> list[str | None]:
        if by == "month":
            return [f"{day.year:04d}-{day.month:02d}"] if day else []
        if person is None:
            return [None]
        if by == "tag":
            return list(person.tags) or [None]
        return [person.text(str(by))]

    result = summary(rows)
    groups: dict[
        str | None, list[tuple[str, Person | None, dt.date | None, dict[str, int], int | None]]
    ] = {}
    if by is not None:
        for row in rows:
            for key in keys(row[1], row[2]):
                groups.setdefault(key, []).append(row)
    if by == "month" and groups:
        present = sorted(k for k in groups if k)
        year, month = map(int, present[0].split("-"))
        while f"{year:04d}-{month:02d}" <= present[-1]:
            groups.setdefault(f"{year:04d}-{month:02d}", [])
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    order = sorted(groups, key=lambda k: (k is None, (k or "").casefold()))
    result["groups"] = [{"key": k, **summary(groups[k])} for k in order]
    result.update(
        {"since": since.isoformat() if since else None, "until": until.isoformat(), "by": by}
    )
    return result


def rate(part: int, base: int) -> float | None:
    return round(part / base, 4) if base else None


def summary(
    rows: list[tuple[str, Person | None, dt.date | None, dict[str, int], int | None]],
) -> dict[str, object]:
    total: dict[str, int] = {}
    days = []
    for _, _, _, counts, waited in rows:
        for name, value in counts.items():
            total[name] = total.get(name, 0) + value
        if waited is not None:
            days.append(waited)
    get = lambda name: total.get(name, 0)  # noqa: E731
    stages = ["outreach", "replied", "met", "referred", "offer"]
    bases = {"replied": "outreach", "met": "replied", "referred": "met", "offer": "met"}
    judged = get("interviews") - get("pending")
    return {
        "funnel": [
            {
                "stage": s,
                "count": get(s),
                "rate": rate(get(s), get(bases[s])) if s in bases else None,
            }
            for s in stages
        ],
        "reply_rate": rate(get("replied"), get("outreach")),
        "median_days_to_reply": float(statistics.median(days)) if days else None,
        "replies_dated": len(days),
        "nudged": {
            "nudged": get("nudged"),
            "replied": get("nudged_replied"),
            "rate": rate(get("nudged_replied"), get("nudged")),
        },
        "interviews": get("interviews"),
        "thank_you_on_time": {
            "done": get("interviews"),
            "on_time": get("on_time"),
            "pending": get("pending"),
            "rate": rate(get("on_time"), judged),
        },
        "actions": {"done": get("done"), "open": get("open"), "overdue": get("overdue")},
        "referrals": get("referrals"),
        "referrals_per_interview": rate(get("referrals"), get("interviews")),
        "interviews_per_offer": rate(get("interviews"), get("offer")),
    }
