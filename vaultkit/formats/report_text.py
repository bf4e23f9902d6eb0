"""The report as a person reads it in a terminal: grouped, aligned, with next steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaultkit.core.dates import Workdays
from vaultkit.core.report import BUCKETS, Report, ReportItem
from vaultkit.core.steps import Step, Typed
from vaultkit.core.words import left_out

TITLES = {
    "overdue": "Overdue",
    "today": "Due today",
    "upcoming": "Coming up",
    "undated": "No due date",
}
COLOURS = {"overdue": "31", "today": "33", "upcoming": "36", "undated": "2"}


def render_report(
    report: Report, root: Path, *, colour: bool, links: bool, vault_option: str = ""
) -> str:
    """The report as text; `colour` adds ANSI colours, `links` terminal hyperlinks.

    `vault_option` (like ` --vault ~/network`) is added to the commands it suggests.
    """
    lines: list[str] = []
    texts = _ItemTexts(report, root, colour, links, vault_option)
    for bucket, items in _buckets(report).items():
        if not items:
            continue
        title = f"{TITLES[bucket]} ({len(items)})"
        lines.append(_style(title, "1;" + COLOURS[bucket], colour))
        lines.extend(texts.of(items))
        lines.append("")
    if not report.items:
        lines.append(f"Nothing due on {report.today.isoformat()}.")
        lines.append("")
    lines.extend(conflict.render() for conflict in report.conflicts)
    if report.broken_files:
        lines.append(left_out(report.broken_files))
    return "\n".join(lines).rstrip("\n") + "\n"


def _buckets(report: Report) -> dict[str, list[ReportItem]]:
    """The report's items by bucket, in the order of BUCKETS."""
    found: dict[str, list[ReportItem]] = {bucket: [] for bucket in BUCKETS}
    for item in report.items:
        found[item.bucket].append(item)
    return found


def when(item: ReportItem, workdays: Workdays | None = None) -> str:
    """How far off an item is: `2 days overdue`, `today`, `in 3 days (2026-11-25)`, or
    `no due date` for a task without one.

    With `workdays` the distance is told in business days (`in 3 business days`),
    unless no working day lies between, as for a date on the weekend just ahead.
    """
    days, unit, due = item.days_overdue, "day", item.item.due
    if days is None or due is None:
        return "no due date"
    if workdays is not None and days:
        today = due + dt.timedelta(days=days)
        business = workdays.between(due, today)
        if business:
            days, unit = business, "business day"
    if days > 0:
        return f"{days} {unit}{'s' if days != 1 else ''} overdue"
    if days == 0:
        return "today"
    return f"in {-days} {unit}{'s' if days != -1 else ''} ({due.isoformat()})"


class _ItemTexts:
    """The items of one report as text.

    A report can hold tens of thousands of items, which share their distances (every
    item due on one day is as far off) and name each person in several steps: each
    distance is told once and each argument quoted once, for the whole report.
    """

    def __init__(
        self, report: Report, root: Path, colour: bool, links: bool, vault_option: str
    ) -> None:
        self._workdays = report.workdays
        self._root, self._colour, self._links = root, colour, links
        self._vault_option = vault_option
        self._typed = Typed()
        self._told: dict[tuple[int | None, dt.date | None], str] = {}

    def of(self, items: list[ReportItem]) -> list[str]:
        """Each item's three lines: who and what, the file to open, the commands to run next."""
        colour, links, root, told = self._colour, self._links, self._root, self._told
        texts = []
        for item in items:  # the report's inner loop: its work is spelled out in place
            due = item.item
            distance = told.get((item.days_overdue, due.due))
            if distance is None:
                distance = told[item.days_overdue, due.due] = when(item, self._workdays)
            person = _style(due.person, "1", colour) if colour else due.person
            path = _link(due.path, root / due.path) if links else due.path
            step = "next: " + next_steps(due.steps, self._vault_option, self._typed)
            texts.append(
                f"  {person}: {due.reason}  [{due.kind}, {distance}]\n"
                f"      {path}\n"
                f"      {_style(step, '2', colour) if colour else step}"
            )
        return texts


def next_steps(steps: tuple[Step, ...], vault_option: str = "", typed: Typed | None = None) -> str:
    """The commands that resolve an item, as a person types them, joined by `, then`.

    `typed`, kept across calls, quotes each argument only the first time it is met.
    """
    typed = Typed() if typed is None else typed
    return ", then ".join(
        [
            f"vault {' '.join([typed[argument] for argument in step])}{vault_option}"
            for step in steps
        ]
    )


def _style(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _link(text: str, target: Path) -> str:
    """A terminal hyperlink (OSC 8) showing `text` and opening `target`."""
    from urllib.parse import quote  # only on a terminal

    uri = "file://" + quote(str(target.resolve()))
    return f"\x1b]8;;{uri}\x1b\\{text}\x1b]8;;\x1b\\"
