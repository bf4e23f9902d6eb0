"""`vault report`: due items grouped as overdue, due today and coming up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaultkit.model import Problem
from vaultkit.rules import KINDS, DueItem, Facts, due_items
from vaultkit.vault import Vault

BUCKETS = ("overdue", "today", "upcoming")
MERGE_CONFLICT = "merge conflict"  # how notes.py starts the problem of a note with markers


@dataclass(frozen=True)
class ReportItem:
    item: DueItem
    bucket: str
    days_overdue: int

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.item.kind,
            "person": self.item.person,
            "due": self.item.due.isoformat(),
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

    def bucket(self, name: str) -> list[ReportItem]:
        return [i for i in self.items if i.bucket == name]

    @property
    def overdue(self) -> bool:
        return any(i.bucket == "overdue" for i in self.items)

    def as_json(self) -> dict[str, object]:
        return {"today": self.today.isoformat(), "items": [i.as_json() for i in self.items]}


def bucket_of(due: dt.date, today: dt.date, days: int) -> str | None:
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + dt.timedelta(days=days):
        return "upcoming"
    return None


def build_report(
    vault: Vault,
    *,
    today: dt.date,
    days: int,
    kinds: tuple[str, ...] = KINDS,
    now: dt.time | None = None,
) -> Report:
    facts = Facts(vault.contacts, vault.interviews, vault.config.follow_up, today, now)
    items = []
    for item in due_items(facts, kinds):
        bucket = bucket_of(item.due, today, days)
        if bucket:
            items.append(ReportItem(item, bucket, (today - item.due).days))
    conflicts = tuple(p for p in vault.file_problems if p.message.startswith(MERGE_CONFLICT))
    return Report(today, items, len(vault.broken_files), len(vault.file_problems), conflicts)
