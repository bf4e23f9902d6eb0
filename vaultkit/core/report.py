"""`vault report`: due items grouped as overdue, due today and coming up, then the tasks
that have no due date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from vaultkit.core.dates import Workdays, iso, shift
from vaultkit.core.due import due_on
from vaultkit.core.model import DUE_KINDS, Problem
from vaultkit.core.rules import DueItem
from vaultkit.core.vault import Vault

BUCKETS = ("overdue", "today", "upcoming", "undated")


class ReportItem(NamedTuple):
    item: DueItem
    bucket: str
    days_overdue: int | None  # None for a task with no due date

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.item.kind,
            "person": self.item.person,
            "due": iso(self.item.due),
            "days_overdue": self.days_overdue,
            "bucket": self.bucket,
            "path": self.item.path,
            "reason": self.item.reason,
        }


@dataclass(frozen=True)
class Report:
    today: dt.date
    items: list[ReportItem]
    broken_files: int
    problems: int
    conflicts: tuple[Problem, ...] = ()  # notes left with git conflict markers, named in text
    workdays: Workdays | None = None  # set when vault.toml counts business days

    def bucket(self, name: str) -> list[ReportItem]:
        return [i for i in self.items if i.bucket == name]

    @property
    def overdue(self) -> bool:
        return any(i.bucket == "overdue" for i in self.items)

    def as_json(self) -> dict[str, object]:
        return {"today": self.today.isoformat(), "items": [i.as_json() for i in self.items]}


def build_report(
    vault: Vault,
    *,
    today: dt.date,
    days: int,
    kinds: tuple[str, ...] = DUE_KINDS,
    now: dt.time | None = None,
) -> Report:
    found = due_on(vault, today, now=now, until=shift(today, days))
    wanted = set(kinds)
    make = ReportItem._make
    # Every item is due by `until`: its bucket is known from today alone.
    items = [
        make((item, "overdue" if item.due < today else "today" if item.due == today
              else "upcoming", (today - item.due).days))
        if item.due is not None else make((item, "undated", None))
        for item in found.items
        if item.kind in wanted
    ]  # fmt: skip
    workdays = vault.config.follow_up.workdays
    return Report(today, items, found.broken_files, found.problems, found.conflicts, workdays)
