"""Finding a vault and reading its `vault.toml`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from vaultkit.core.dates import DateError, Workdays, parse_date_time, shift
from vaultkit.errors import USAGE, VaultError

T = TypeVar("T")

CONFIG_NAME = "vault.toml"
CACHE_DIR = ".vaultkit"
MAX_DAYS = 3650  # the longest offset a setting may give: ten years


@dataclass(frozen=True)
class Me:
    name: str = ""
    email: str = ""
    pitch: str = ""


@dataclass(frozen=True)
class Folders:
    contacts: str = "contacts"
    interviews: str = "interviews"
    templates: str = "templates"
    drafts: str = "drafts"


@dataclass(frozen=True)
class FollowUp:
    """Offsets in days for the rules of `vault report`.

    With `business_days`, the four offsets that wait on the other person or on you
    (thank_you_after, nudge_after, let_go_after, action_after) count Monday to
    Friday, less `holidays`; the others stay calendar days.
    """

    thank_you_after: int = 1
    nudge_after: int = 7
    let_go_after: int = 14
    cadence: int = 90
    action_after: int = 7
    prepare_within: int = 3
    prepare_questions: int = 3
    upcoming_days: int = 7
    business_days: bool = False
    holidays: tuple[dt.date, ...] = ()

    @functools.cached_property  # asked once per due item: made once
    def workdays(self) -> Workdays | None:
        """The working days business-day offsets count, or None when they count every day."""
        return Workdays(frozenset(self.holidays)) if self.business_days else None

    def later(self, day: dt.date, days: int) -> dt.date:
        """`day` moved on by one of the business-day offsets, as the settings count them."""
        return shift(day, days, self.workdays)


@dataclass(frozen=True)
class Config:
    root: Path
    me: Me = field(default_factory=Me)
    folders: Folders = field(default_factory=Folders)
    follow_up: FollowUp = field(default_factory=FollowUp)
    dashboard: str | None = None  # vault-relative path of the dashboard note, if any
    stats: str | None = None  # vault-relative path of the stats note, if any
    calendar: str | None = None  # the ICS file `vault watch` keeps current, as written
    timezone: str | None = None  # an IANA name (Europe/Berlin) for interview times


DEFAULT_TOML = """\
# vaultkit settings. Every line is optional; these are the defaults.

# A note that `vault report --write-dashboard` and `vault watch` keep up to date
# with what is due, linking to each person (vaultkit's docs/obsidian-and-git.md
# says whether to commit it).
# dashboard = "Follow-ups.md"

# A note that `vault stats --write-note` and `vault watch` keep up to date with the
# funnel from outreach to offer, the yardsticks and charts Obsidian draws.
# stats = "Stats.md"

# A calendar file (iCalendar) that `vault watch` keeps up to date with every
# follow-up and planned interview, for a calendar app to subscribe to (see docs/commands/export.md).
# calendar = "Follow-ups.ics"
# The time zone of the times written in interview notes (default: the system's).
# timezone = "Europe/Berlin"

[me]
name = ""      # your name, used to sign drafts
email = ""
pitch = ""     # one line about what you are exploring, used in outreach

[folders]
contacts = "contacts"
interviews = "interviews"
templates = "templates"
drafts = "drafts"

[follow_up]        # days
thank_you_after = 1    # thank-you due the day after a done interview
nudge_after = 7        # one polite nudge a week after outreach with no reply
let_go_after = 14      # after the nudge, suggest pausing when still no reply
cadence = 90           # stay in touch with met contacts this often, unless a note says otherwise
action_after = 7       # an action item with no due date is due a week after the interview
prepare_within = 3     # planned interviews this close need questions
prepare_questions = 3  # ... at least this many
upcoming_days = 7      # how far ahead `vault report` looks
business_days = false  # true: thank_you, nudge, let_go and action offsets count Mon-Fri
# holidays = ["2026-12-25", "2027-01-01"]  # days business_days skips besides weekends
"""


def find_root(explicit: str | os.PathLike[str] | None, cwd: Path | None = None) -> Path:
    """The vault root: --vault, else VAULT_DIR, else the nearest folder up with vault.toml."""
    chosen = explicit or os.environ.get("VAULT_DIR")
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / CONFIG_NAME).is_file():
            raise VaultError(
                f"{root} is not a vault (no {CONFIG_NAME}); run `vault init {root}` to make one",
                USAGE,
            )
        return root.resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise VaultError(
        f"no {CONFIG_NAME} in {here} or any folder above it; "
        "run `vault init` to make a vault here, or pass --vault PATH",
        USAGE,
    )


TOP_LEVEL = frozenset({"me", "folders", "follow_up", "dashboard", "stats", "calendar", "timezone"})


def load_config(root: Path) -> Config:
    import tomllib  # here, not above: shell completion finds the root and reads no settings

    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as err:
        raise VaultError(f"{path}: {err}; fix the TOML syntax there", USAGE) from None
    except (OSError, UnicodeDecodeError) as err:
        raise VaultError(f"{path}: cannot be read ({err})", USAGE) from None
    unknown = sorted(set(data) - TOP_LEVEL)
    if unknown:
        known = ", ".join(sorted(TOP_LEVEL))
        raise VaultError(f"{path}: {unknown[0]} is not a setting; known: {known}", USAGE)
    return Config(
        root=root,
        me=_section(path, data, "me", Me, str),
        folders=_section(path, data, "folders", Folders, str),
        follow_up=_follow_up(path, data),
        dashboard=_note_setting(path, data.get("dashboard")),
        stats=_stats_note(path, data.get("stats"), data.get("dashboard")),
        calendar=_calendar(path, data.get("calendar")),
        timezone=_timezone(path, data.get("timezone")),
    )


def _stats_note(path: Path, value: object, dashboard: object) -> str | None:
    """The stats setting: a note as the dashboard's is, and not the dashboard itself."""
    note = _note_setting(path, value, name="stats", example="Stats.md")
    if note is not None and note == _note_setting(path, dashboard):
        raise VaultError(f"{path}: stats and dashboard must name two different notes", USAGE)
    return note


def _note_setting(
    path: Path, value: object, *, name: str = "dashboard", example: str = "Follow-ups.md"
) -> str | None:
    """A setting naming a generated note: a Markdown note inside the vault, outside hidden
    folders (the dashboard, or the stats note)."""
    if value is None:
        return None
    where = f"{path}: {name}"
    if not isinstance(value, str) or not value.strip():
        raise VaultError(f'{where} must be a note name in quotes, like "{example}"', USAGE)
    relative = Path(value.strip())
    if relative.is_absolute() or ".." in relative.parts:
        raise VaultError(f"{where} must be a note inside the vault", USAGE)
    if relative.suffix != ".md":
        raise VaultError(f'{where} must end in .md, like "{example}"', USAGE)
    if any(part.startswith(".") for part in relative.parts):
        raise VaultError(f"{where} must not be in a hidden folder (one starting with a dot)", USAGE)
    return relative.as_posix()


def _calendar(path: Path, value: object) -> str | None:
    """The calendar setting: an .ics file, inside the vault (relative) or anywhere (absolute)."""
    if value is None:
        return None
    where = f"{path}: calendar"
    if not isinstance(value, str) or not value.strip():
        raise VaultError(f'{where} must be a file name in quotes, like "Follow-ups.ics"', USAGE)
    if Path(value.strip()).suffix.lower() != ".ics":
        raise VaultError(f'{where} must end in .ics, like "Follow-ups.ics"', USAGE)
    return value.strip()


def _timezone(path: Path, value: object) -> str | None:
    """The timezone setting: a name from the IANA time zone database."""
    if value is None:
        return None
    example = 'like "Europe/Berlin" or "America/New_York"'
    if not isinstance(value, str) or not value.strip():
        raise VaultError(f"{path}: timezone must be a time zone name in quotes, {example}", USAGE)
    name = value.strip()
    if not known_zone(name):
        raise VaultError(f"{path}: timezone {name!r} is not a time zone name; use one {example}")
    return name


def known_zone(name: str) -> bool:
    """Whether `name` is a time zone of the IANA database on this system."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a zone is set

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _follow_up(path: Path, data: dict[str, object]) -> FollowUp:
    """[follow_up]: whole days, and the business_days switch with its holidays."""
    section = data.get("follow_up", {})
    if not isinstance(section, dict):
        raise VaultError(f"{path}: [follow_up] must be a table of settings", USAGE)
    days = {k: v for k, v in section.items() if k not in ("business_days", "holidays")}
    settings = _section(path, {"follow_up": days}, "follow_up", FollowUp, int)
    business = section.get("business_days", False)
    if not isinstance(business, bool):
        raise VaultError(f"{path}: follow_up.business_days must be true or false", USAGE)
    holidays = _holidays(path, section.get("holidays", []))
    return dataclasses.replace(settings, business_days=business, holidays=holidays)


def _holidays(path: Path, value: object) -> tuple[dt.date, ...]:
    """follow_up.holidays: a list of dates, as TOML dates or quoted, sorted and once each."""
    example = 'like ["2026-12-25", "2027-01-01"]'
    where = f"{path}: follow_up.holidays"
    if not isinstance(value, list):
        raise VaultError(f"{where} must be a list of dates, {example}", USAGE)
    days = set()
    for item in value:
        try:
            parsed = parse_date_time(item) if isinstance(item, (str, dt.date)) else None
        except DateError as err:
            raise VaultError(f"{where}: {err}", USAGE) from None
        if parsed is None or parsed[1] is not None:
            raise VaultError(f"{where}: {item!r} is not a date; write dates {example}", USAGE)
        days.add(parsed[0])
    return tuple(sorted(days))


def _section(path: Path, data: dict[str, object], name: str, cls: type[T], kind: type) -> T:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise VaultError(f"{path}: [{name}] must be a table of settings", USAGE)
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]  # T is a dataclass
    for key, value in section.items():
        where = f"{path}: {name}.{key}"
        if key not in known:
            raise VaultError(f"{where} is not a setting; known: {', '.join(sorted(known))}", USAGE)
        if kind is int and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS
        ):
            raise VaultError(f"{where} must be a whole number of days from 0 to {MAX_DAYS}", USAGE)
        if kind is str and not isinstance(value, str):
            raise VaultError(f'{where} must be text in quotes, like "{key}"', USAGE)
        if name == "folders" and (Path(value).is_absolute() or ".." in Path(value).parts):
            raise VaultError(f"{where} must be a folder inside the vault", USAGE)
    return cls(**section)
