"""The report as a person reads it in a terminal: grouped, aligned, with next steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vaultkit.core.dates import Workdays
from vaultkit.core.report import BUCKETS, Report, ReportItem
from vaultkit.core.steps import Step, command_line
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
    for bucket in BUCKETS:
        items = report.bucket(bucket)
        if not items:
            continue
        title = f"{TITLES[bucket]} ({len(items)})"
        lines.append(_style(title, "1;" + COLOURS[bucket], colour))
        lines.extend(_item_text(item, report, root, colour, links, vault_option) for item in items)
        lines.append("")
    if not report.items:
        lines.append(f"Nothing due on {report.today.isoformat()}.")
        lines.append("")
    lines.extend(conflict.render() for conflict in report.conflicts)
    if report.broken_files:
        lines.append(left_out(report.broken_files))
    return "\n".join(lines).rstrip("\n") + "\n"


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


def _item_text(
    item: ReportItem, report: Report, root: Path, colour: bool, links: bool, vault_option: str
) -> str:
    """An item's three lines: who and what, the file to open, the command to run next."""
    due = item.item
    person = _style(due.person, "1", colour) if colour else due.person
    path = _link(due.path, root / due.path) if links else due.path
    step = "next: " + next_steps(due.steps, vault_option)
    return (
        f"  {person}: {due.reason}  [{due.kind}, {when(item, report.workdays)}]\n"
        f"      {path}\n"
        f"      {_style(step, '2', colour) if colour else step}"
    )


def next_steps(steps: tuple[Step, ...], vault_option: str = "") -> str:
    """The commands that resolve an item, as a person types them, joined by `, then`."""
    return ", then ".join(f"vault {command_line(step)}{vault_option}" for step in steps)


def _style(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _link(text: str, target: Path) -> str:
    """A terminal hyperlink (OSC 8) showing `text` and opening `target`."""
    from urllib.parse import quote  # only on a terminal

    uri = "file://" + quote(str(target.resolve()))
    return f"\x1b]8;;{uri}\x1b\\{text}\x1b]8;;\x1b\\"
