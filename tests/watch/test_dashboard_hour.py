"""The watcher keeps the dashboard in step with the time of day: a conversation at 15:00 is
planned on the dashboard until 15:00 and done (a thank-you coming up) from then on."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest
from helpers import contact_text, interview_text, make_vault

from vaultkit.core.config import load_config
from vaultkit.watch import events
from vaultkit.watch import loop as watch_module

DAY = dt.date(2026, 11, 22)


class Clock:
    """The loop's view of the time, set by the test."""

    moment = dt.datetime.combine(DAY, dt.time(14, 0))

    class datetime(dt.datetime):  # stands in for the module's `dt.datetime`
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return Clock.moment

    class date(dt.date):  # stands in for the module's `dt.date`
        @classmethod
        def today(cls) -> dt.date:  # type: ignore[override]
            return Clock.moment.date()


class Observer:
    """Alive, with no emitters: all `_idle` asks of the real one."""

    emitters: tuple[object, ...] = ()

    def is_alive(self) -> bool:
        return True


@pytest.fixture
def watcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> watch_module.Watcher:
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", status="met"),
            "interviews/call.md": interview_text("Jane Doe", date=f"{DAY.isoformat()}T15:00"),
        },
        'dashboard = "Follow-ups.md"\n[me]\nname = "Alex Rivera"\n',
    )
    fake = types.SimpleNamespace(datetime=Clock.datetime, date=Clock.date, time=dt.time)
    monkeypatch.setattr(watch_module, "dt", fake)
    Clock.moment = dt.datetime.combine(DAY, dt.time(14, 0))
    config = load_config(root)
    said: list[str] = []
    made = watch_module.Watcher(
        config, events.Pending(config.dashboard), say=said.append, warn=said.append, verbose=False
    )
    made.after_refresh(made.first_refresh())
    return made


def dashboard(watcher: watch_module.Watcher) -> str:
    return (watcher.config.root / "Follow-ups.md").read_text(encoding="utf-8")


def test_the_dashboard_turns_at_the_conversations_hour(watcher: watch_module.Watcher):
    """At 14:00 no thank-you is listed; at 15:00 the idle loop writes it in."""
    assert "thank-you" not in dashboard(watcher)
    Clock.moment = dt.datetime.combine(DAY, dt.time(14, 59))
    watcher._idle(Observer())  # type: ignore[arg-type]
    assert "send a thank-you" not in dashboard(watcher)
    Clock.moment = dt.datetime.combine(DAY, dt.time(15, 0))
    watcher._idle(Observer())  # type: ignore[arg-type]
    assert "send a thank-you for the conversation on 2026-11-22 · in 1 day" in dashboard(watcher)
    assert watcher.turns == ()
