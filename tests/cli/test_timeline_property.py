"""For any story of a contact (outreach, nudge, reply, interviews planned, done and cancelled,
thank-yous, log lines, plans, a pause), recording it with `vault mark`, `vault log` and
`vault plan` and writing the files by hand, as Obsidian would, give the same report."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from helpers import make_vault, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAME = "Ann Ho"
START = dt.date(2024, 3, 4)  # every day of a story is long past, so nothing is refused
LOG_WORDS = ("coffee at the meetup", "call about the role", "sent my case study")


@dataclass
class Call:
    day: dt.date
    cancelled: bool = False
    thanked: dt.date | None = None

    @property
    def path(self) -> str:
        return f"interviews/{self.day.isoformat()} {NAME}.md"


@dataclass
class Story:
    """What happened, as the facts a person would type into the notes."""

    outreach: dt.date | None = None
    nudge: dt.date | None = None
    reply: dt.date | None = None
    follow_up: dt.date | None = None
    note: str | None = None
    paused: bool = False
    log: list[tuple[dt.date, str]] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    commands: list[tuple[str, ...]] = field(default_factory=list)

    def held_unthanked(self, day: dt.date) -> Call | None:
        """The call `vault mark thank-you` thanks for on `day`: the latest held, not thanked."""
        held = [c for c in self.calls if not c.cancelled and c.day <= day]
        waiting = [c for c in held if c.thanked is None]
        return max(waiting, key=lambda c: c.day) if waiting else None


EVENTS = (
    "outreach",
    "nudge",
    "reply",
    "interview",
    "cancel",
    "thank-you",
    "log",
    "update",
    "plan",
    "clear",
    "pause",
)


def happen(story: Story, event: str, day: dt.date, pick: int) -> None:
    """Apply one event of the story on `day`, and the command that records it; events that
    cannot happen then (a second outreach, a thank-you with no call held) are skipped."""
    do = story.commands.append
    if event == "outreach" and story.outreach is None and story.reply is None:
        story.outreach = day
        do(("mark", NAME, "outreach", "--date", day.isoformat()))
    elif event == "nudge" and story.nudge is None and story.outreach is not None:
        story.nudge = day
        do(("mark", NAME, "nudge", "--date", day.isoformat()))
    elif event == "reply" and story.reply is None:
        story.reply = day
        do(("mark", NAME, "reply", "--date", day.isoformat()))
    elif event == "interview":
        when = day + dt.timedelta(days=pick % 20)
        if all(c.day != when for c in story.calls):
            story.calls.append(Call(when))
            do(("new", "interview", NAME, "--date", when.isoformat()))
    elif event == "cancel":
        ahead = [c for c in story.calls if c.day > day and not c.cancelled]
        if ahead:
            call = ahead[pick % len(ahead)]
            call.cancelled = True
            do(("mark", NAME, "cancel", "--date", call.day.isoformat()))
    elif event == "thank-you":
        call = story.held_unthanked(day)
        if call is not None:
            call.thanked = day
            do(("mark", NAME, "thank-you", "--date", day.isoformat()))
    elif event in ("log", "update"):
        words = LOG_WORDS[pick % len(LOG_WORDS)] if event == "log" else None
        text = words or "sent an update on my progress"
        if (day, text) not in story.log:
            story.log.append((day, text))
            if words:
                do(("log", NAME, words, "--date", day.isoformat()))
            else:
                do(("mark", NAME, "update", "--date", day.isoformat()))
    elif event == "plan":
        story.follow_up = day + dt.timedelta(days=1 + pick % 40)
        story.note = "ask about the role" if pick % 2 else story.note
        do(
            ("plan", NAME, story.follow_up.isoformat())
            + (("--note", "ask about the role") if pick % 2 else ())
        )
    elif event == "clear" and story.follow_up is not None:
        story.follow_up, story.note = None, None
        do(("plan", NAME, "clear"))
    elif event == "pause" and not story.paused:
        story.paused = True
        do(("mark", NAME, "pause"))


STORIES = st.lists(
    st.tuples(st.sampled_from(EVENTS), st.integers(0, 20), st.integers(0, 99)),
    min_size=1,
    max_size=9,
)


def told(steps: list[tuple[str, int, int]]) -> tuple[Story, dt.date]:
    """The story, its days one after another from START, and the day to report on."""
    story, day = Story(), START
    for event, gap, pick in steps:
        day += dt.timedelta(days=gap)
        happen(story, event, day, pick)
    return story, day


def contact_note(story: Story) -> str:
    """The contact note as a person keeps it: the dates typed in, the status never moved
    on by hand (only the pause, which is their decision)."""

    def value(day: dt.date | None) -> str:
        return f" {day.isoformat()}" if day else ""

    lines = [
        "---",
        "type: contact",
        f"name: {NAME}",
        f"status: {'paused' if story.paused else 'prospect'}",
        f"outreach_sent:{value(story.outreach)}",
        f"nudge_sent:{value(story.nudge)}",
        f"replied:{value(story.reply)}",
        f"follow_up:{value(story.follow_up)}",
        *([f"follow_up_note: {story.note}"] if story.note and story.follow_up else []),
        "---",
        f"# {NAME}",
        "",
        "## Log",
        "",
        *(f"- {day.isoformat()} {text}" for day, text in story.log),
    ]
    return "\n".join(lines) + "\n"


def interview_note(call: Call) -> str:
    lines = [
        "---",
        "type: interview",
        f'contact: "[[{NAME}]]"',
        f"date: {call.day.isoformat()}",
        *(["status: cancelled"] if call.cancelled else []),
        *([f"thank_you_sent: {call.thanked.isoformat()}"] if call.thanked else []),
        "---",
        "## Questions",
        "",
        "- What does a good week look like?",
        "- What surprised you?",
        "- Who else should I talk to?",
    ]
    return "\n".join(lines) + "\n"


def report(root: Path, day: dt.date) -> object:
    result = run("report", "--vault", root, "--today", day.isoformat(), "--days", "3650", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STORIES, after=st.integers(0, 200))
def test_recorded_by_commands_or_by_hand_the_report_is_the_same(
    tmp_path_factory, steps: list[tuple[str, int, int]], after: int
):
    """The vault written by the commands and the one written by hand report the same items,
    on the day after the story or months later."""
    story, last = told(steps)
    base = tmp_path_factory.mktemp("story")
    made = make_vault(base / "made", {})
    assert run("new", "contact", NAME, "--vault", made).exit_code == 0
    for command in story.commands:
        result = run(*command, "--vault", made)
        assert result.exit_code == 0, f"vault {' '.join(command)}: {result.output}"
    typed = make_vault(base / "typed", {f"contacts/{NAME}.md": contact_note(story)})
    for call in story.calls:
        (typed / call.path).write_text(interview_note(call), encoding="utf-8")
    day = last + dt.timedelta(days=after)
    assert report(made, day) == report(typed, day), story
    shutil.rmtree(base)
