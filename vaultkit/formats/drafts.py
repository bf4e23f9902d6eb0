"""Drafts of messages: the context a template sees, rendering it, and saving it to drafts/.

A message template renders a `Subject: ...` line, a blank line and the message.
Every name a template can use is built here, from the notes as written: a
property that is not in a note is still there (as empty) when vaultkit knows it,
so the default templates can test for it instead of failing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter

from vaultkit.core.config import Config
from vaultkit.core.links import as_link
from vaultkit.core.model import Contact, Interview, Task
from vaultkit.core.names import NameIndex, note_name, safe_file_stem
from vaultkit.core.note import read_note
from vaultkit.core.stage import stage
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.formats.templating import Templates, first_name
from vaultkit.store.atomic import write_atomic

CONTACT_PROPERTIES = (
    "name",
    "aliases",
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "location",
    "source",
    "referred_by",
    "tags",
    "status",
    "outreach_sent",
    "nudge_sent",
    "replied",
    "follow_up",
    "cadence",
    "opening",  # not one of vaultkit's own: the job title an advice draft asks about
)
INTERVIEW_PROPERTIES = ("contact", "date", "status", "medium", "duration", "thank_you_sent")
MAX_SUFFIX = 999
_SUBJECT = re.compile(r"subject:[ \t]*(.*)", re.I)

Fields = dict[str, object]


@dataclass
class Draft:
    """A rendered message and what it was made from."""

    kind: str
    name: str  # the contact's display name
    stem: str  # the contact's file name, which links resolve to
    to: str
    subject: str
    message: str  # everything after the subject line, ending in one newline
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The draft as printed: the subject line, a blank line, the message."""
        return f"Subject: {self.subject}\n\n{self.message}" if self.subject else self.message


@dataclass
class Sources:
    """The notes a draft is made from, re-read for their every property."""

    contact: Contact
    props: Fields
    interview: Interview | None = None
    interview_props: Fields = field(default_factory=dict)
    referrer: Fields | None = None
    warnings: list[str] = field(default_factory=list)
    status: str | None = None  # where the contact stands (see core/stage.py)


def render_draft(
    vault: Vault,
    contact: Contact,
    kind: str,
    *,
    today: dt.date,
    now: dt.time | None = None,
    interview_file: Path | None = None,
    template_file: Path | None = None,
) -> Draft:
    """Render the `kind` template (or `template_file`) for one contact, as of `today` at `now`."""
    sources = gather(vault, contact, today=today, now=now, interview_file=interview_file)
    if kind == "thank-you":
        _refuse_thanks_before_the_conversation(vault, sources, today, now)
    context = build_context(vault.config, sources, today=today, now=now)
    templates = Templates(vault.root / vault.config.folders.templates, trim_blocks=True)
    text = templates.render(f"{kind}.md", context, file=template_file)
    subject, message = split_subject(text)
    warnings = sources.warnings + missing_fields(kind, vault.config, sources)
    if not subject:
        where = template_file or templates.path_of(f"{kind}.md")
        warnings.append(f"{where} renders no `Subject:` line first; the draft has no subject")
    return Draft(
        kind=kind,
        name=contact.name,
        stem=_stem(contact.path),
        to=sources.contact.email or "",
        subject=subject,
        message=message,
        warnings=warnings,
    )


def gather(
    vault: Vault,
    contact: Contact,
    *,
    today: dt.date,
    now: dt.time | None = None,
    interview_file: Path | None,
) -> Sources:
    """The contact, their referrer and the interview the draft is about."""
    fresh, props = read_props(vault.root, contact.path)
    sources = Sources(fresh if isinstance(fresh, Contact) else contact, props)
    sources.status = stage(sources.contact, vault.interviews_of(contact), today, now)
    sources.referrer = _referrer(vault, sources, today, now)
    if interview_file is not None:
        path: str | None = _interview_path(vault.root, interview_file)
    else:
        interviews = vault.interviews_of(contact)
        done = [i for i in interviews if i.effective_status(today, now) == "done"]
        path = done[-1].path if done else None
    if path is not None:
        note, sources.interview_props = read_props(vault.root, path)
        if not isinstance(note, Interview):
            raise VaultError(
                f"{path} is not an interview note: it needs `type: interview` in its properties",
                USAGE,
            )
        sources.interview = note
        if interview_file is not None:
            _check_interview_of(sources, path)
    return sources


def read_props(root: Path, path: str) -> tuple[Contact | Interview | None, Fields]:
    """A note read afresh, with all its properties as written."""
    try:
        raw = (root / path).read_bytes()
    except OSError as err:
        raise VaultError(f"{path}: cannot be read ({err.strerror})", USAGE) from None
    parsed = read_note(path, raw)
    if parsed.note is None and parsed.problems:
        raise VaultError(parsed.problems[0].render(), USAGE)
    return parsed.note, dict(parsed.props or {})


def _interview_path(root: Path, given: Path) -> str:
    """A --interview FILE (from here, or from the vault's root) relative to the vault.

    An interview is a note of this vault: a file outside it is refused.
    """
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, root / given]
    for candidate in candidates:
        if candidate.is_file():
            inside = _inside(root, candidate)
            if inside is None:
                why = "--interview takes one of its interview notes"
                raise VaultError(f"{given}: not in the vault {root}; {why}", USAGE)
            return inside
    raise VaultError(f"{given}: no such file", USAGE)


def _inside(root: Path, path: Path) -> str | None:
    """`path` relative to the vault's root, through links or not; None when outside it."""
    pairs = [
        (Path(os.path.abspath(root)), Path(os.path.abspath(path))),
        (root.resolve(), path.resolve()),
    ]
    for base, full in pairs:
        if full.is_relative_to(base):
            return full.relative_to(base).as_posix()
    return None


def _check_interview_of(sources: Sources, path: str) -> None:
    interview = sources.interview
    if interview is None:
        return
    if not interview.contact or not NameIndex.of([sources.contact]).get(interview.contact):
        sources.warnings.append(
            f"{path} is an interview with {interview.contact or 'nobody (no contact property)'}, "
            f"not {sources.contact.name}"
        )


def _referrer(vault: Vault, sources: Sources, today: dt.date, now: dt.time | None) -> Fields | None:
    """The referring contact's mapping; only a name when they have no note yet."""
    target = sources.contact.referred_by
    if not target:
        return None
    found = vault.names().get(target)
    if len(found) != 1:
        why = (
            "which matches more than one contact"
            if found
            else f'who has no contact note (create it with `vault new contact "{target}"`)'
        )
        sources.warnings.append(f"{sources.contact.path}: referred_by links to {target!r}, {why}")
        return {"name": target, "first_name": first_name(target), "path": None}
    note, props = read_props(vault.root, found[0].path)
    referrer = note if isinstance(note, Contact) else found[0]
    status = stage(referrer, vault.interviews_of(found[0]), today, now)
    return contact_mapping(referrer, props, status)


def contact_mapping(contact: Contact, props: Fields, status: str | None = None) -> Fields:
    """Every property as written, the known ones present even when empty, dates as dates.

    `status` is where the contact stands (see core/stage.py); the note's own line
    when not given.
    """
    fields: Fields = dict.fromkeys(CONTACT_PROPERTIES)
    fields.update(props)
    fields.update(
        name=contact.name,
        first_name=str(props.get("first_name") or first_name(contact.name)),
        path=contact.path,
        status=status or contact.status,
        outreach_sent=contact.outreach_sent,
        nudge_sent=contact.nudge_sent,
        replied=contact.replied,
        follow_up=contact.follow_up,
    )
    return fields


def interview_mapping(
    interview: Interview, props: Fields, today: dt.date, now: dt.time | None = None
) -> Fields:
    fields: Fields = dict.fromkeys(INTERVIEW_PROPERTIES)
    fields.update(props)
    fields.update(
        date=interview.date,
        time=interview.time.strftime("%H:%M") if interview.time else None,
        status=interview.effective_status(today, now),
        thank_you_sent=interview.thank_you_sent,
        path=interview.path,
    )
    return fields


def _task(task: Task) -> Fields:
    return {"text": task.text, "due": task.due}


def build_context(
    config: Config, sources: Sources, *, today: dt.date, now: dt.time | None = None
) -> Fields:
    """Every name a message template can use (documented in the README)."""
    interview = sources.interview
    tasks = interview.tasks if interview else ()
    return {
        "me": {"name": config.me.name, "email": config.me.email, "pitch": config.me.pitch},
        "contact": contact_mapping(sources.contact, sources.props, sources.status),
        "referrer": sources.referrer,
        "interview": (
            interview_mapping(interview, sources.interview_props, today, now) if interview else None
        ),
        "insights": list(interview.insights) if interview else [],
        "action_items": [_task(t) for t in tasks if not t.done],
        "done_items": [_task(t) for t in tasks if t.done],
        "questions": list(interview.questions) if interview else [],
        "today": today,
    }


def _refuse_thanks_before_the_conversation(
    vault: Vault, sources: Sources, today: dt.date, now: dt.time | None
) -> None:
    """A thank-you is for a conversation that has happened: one still planned is refused."""
    interview = sources.interview
    if interview is None:
        planned = [
            i
            for i in vault.interviews_of(sources.contact)
            if i.effective_status(today, now) == "planned"
        ]
        interview = planned[0] if planned else None
    if interview is None or interview.effective_status(today, now) != "planned":
        return
    when = interview.date.isoformat() if interview.date else "a day not set"
    if interview.time is not None:
        when += f" at {interview.time.strftime('%H:%M')}"
    raise VaultError(
        f"the conversation with {sources.contact.name} on {when} has not happened yet "
        f"({interview.path}); draft the thank-you after it",
        FOUND,
    )


def split_subject(text: str) -> tuple[str, str]:
    """The `Subject:` first line and the message after it, tidied.

    Blank lines left by template tags are squeezed to one and trailing blank lines
    dropped, so templates can be written for readability.
    """
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n")).strip("\n")
    first, _, rest = text.partition("\n")
    match = _SUBJECT.fullmatch(first.strip())
    if not match:
        return "", text + "\n"
    return match.group(1).strip(), rest.strip("\n") + "\n"


def missing_fields(kind: str, config: Config, sources: Sources) -> list[str]:
    """What the draft lacks, each naming what to fill in and where."""
    contact = sources.contact
    warnings = []
    if not contact.email:
        warnings.append(f"{contact.name} has no email: add `email:` to {contact.path}")
    if not config.me.name:
        warnings.append("no name to sign with: set `name` under [me] in vault.toml")
    if kind in ("thank-you", "update") and sources.interview is None:
        warnings.append(
            f"{contact.name} has no done interview: create one with "
            f'`vault new interview "{contact.name}" --date DATE`, or pass --interview FILE'
        )
    needs = NEEDS.get(kind)
    return warnings + (needs(config, sources) if needs else [])


def _outreach_needs(config: Config, sources: Sources) -> list[str]:
    contact, warnings = sources.contact, []
    if not config.me.pitch:
        warnings.append("no pitch: set `pitch` under [me] in vault.toml (what you explore)")
    if not contact.referred_by and not sources.props.get("source"):
        warnings.append(
            f"{contact.path} says neither how you found {contact.name} nor who referred them: "
            "add `source:` or `referred_by:`"
        )
    return warnings


def _nudge_needs(config: Config, sources: Sources) -> list[str]:
    contact = sources.contact
    if contact.outreach_sent:
        return []
    return [
        f"{contact.path} has no outreach_sent: record it with "
        f'`vault mark "{contact.name}" outreach --date DATE`'
    ]


def _thank_you_needs(config: Config, sources: Sources) -> list[str]:
    if sources.interview is None or sources.interview.insights:
        return []
    return [
        f"nothing under ## Insights in {sources.interview.path}: "
        "write the insight to thank them for, then draft again"
    ]


def _update_needs(config: Config, sources: Sources) -> list[str]:
    interview = sources.interview
    if interview is not None and any(t.done for t in interview.tasks):
        return []
    where = f" under ## Action items in {interview.path}" if interview else ""
    return [f"nothing marked done{where}: replace the bracketed line with your progress"]


def _advice_needs(config: Config, sources: Sources) -> list[str]:
    contact, warnings = sources.contact, []
    if not sources.props.get("company"):
        warnings.append(f"{contact.name} has no company: add `company:` to {contact.path}")
    if not sources.props.get("opening"):
        warnings.append(
            f"no `opening` in {contact.path}: add `opening: <job title>` to name the role"
        )
    return warnings


NEEDS: dict[str, Callable[[Config, Sources], list[str]]] = {
    "outreach": _outreach_needs,
    "nudge": _nudge_needs,
    "thank-you": _thank_you_needs,
    "update": _update_needs,
    "advice": _advice_needs,
}


def draft_bytes(draft: Draft, *, today: dt.date) -> bytes:
    """The draft as a note: its properties, then the message (the subject is a property)."""
    post = frontmatter.Post(
        draft.message,
        to=draft.to,
        subject=draft.subject,
        kind=draft.kind,
        contact=as_link(draft.stem),
        created=today,
    )
    # Keys in the order written; no line wrapping of long subjects.
    return (frontmatter.dumps(post, sort_keys=False, width=1_000_000) + "\n").encode()


def write_draft(config: Config, draft: Draft, *, today: dt.date) -> Path:
    """Save to drafts/DATE KIND NAME.md; a name already taken gets ` (2)`, ` (3)`, ..."""
    folder = config.root / config.folders.drafts
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VaultError(f"{folder}: cannot create the folder ({err.strerror})", USAGE) from None
    stem = safe_file_stem(f"{today.isoformat()} {draft.kind} {draft.stem}")
    data = draft_bytes(draft, today=today)
    for number in range(1, MAX_SUFFIX + 1):
        path = folder / (f"{stem}.md" if number == 1 else f"{stem} ({number}).md")
        if path.exists():
            continue
        try:
            write_atomic(path, data, exclusive=True)
        except VaultError:
            if path.exists():  # taken between the check and the write
                continue
            raise
        return path
    raise VaultError(f"{folder}: {MAX_SUFFIX} drafts named {stem!r} already; tidy up", USAGE)


def _stem(path: str) -> str:
    return note_name(path)


@dataclass(frozen=True)
class Drafted:
    draft: Draft
    path: Path | None  # where it was saved, with --write


def draft(
    vault: Vault,
    kind: str,
    name: str,
    *,
    today: dt.date,
    now: dt.time | None = None,
    interview_file: Path | None = None,
    template_file: Path | None = None,
    write: bool = False,
) -> Drafted:
    """Render the draft for the contact NAME, and save it when asked."""
    contact = vault.names().resolve(name)
    made = render_draft(
        vault,
        contact,
        kind,
        today=today,
        now=now,
        interview_file=interview_file,
        template_file=template_file,
    )
    path = write_draft(vault.config, made, today=today) if write else None
    return Drafted(made, path)
