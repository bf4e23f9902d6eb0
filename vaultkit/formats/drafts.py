"""Drafts of messages: the context a template sees, rendering it, and saving it to drafts/.

A message template renders a `Subject: ...` line, a blank line and the message.
Every name a template can use is built here, from the notes as written: a
property that is not in a note is still there (as empty) when vaultkit knows it,
so the default templates can test for it instead of failing. Whatever comes from
a note reaches the template as plain prose (see core/markup.py), and action items
as said to the person (see core/said.py).

A kind of draft is made only at its moment (see core/moments.py), unless forced;
a warning about something the notes lack is shown only when the template read it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter

from vaultkit.core.config import Config
from vaultkit.core.found import found_clause
from vaultkit.core.greeting import greeting
from vaultkit.core.links import as_link, links_in
from vaultkit.core.markup import plain
from vaultkit.core.model import DRAFT_KINDS, Contact, Interview
from vaultkit.core.moments import Standing, fitting, moment
from vaultkit.core.names import NameIndex, note_name, safe_file_stem
from vaultkit.core.note import read_note
from vaultkit.core.said import Item, Person, say_items, to_them
from vaultkit.core.stage import stage
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.formats.templating import (
    Templates,
    Usage,
    WatchedDict,
    WatchedList,
    date_words,
    english_list,
)
from vaultkit.store.atomic import write_atomic

CONTACT_PROPERTIES = (
    "name",
    "first_name",
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
# Properties whose text is an address, not prose: passed on as written.
_ADDRESSES = frozenset({"email", "phone", "linkedin", "path"})
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
    sender: str = ""  # me.name from vault.toml
    sender_email: str = ""
    email_where: str = ""  # `path:line` of the contact's email, for messages

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
    referrer_warning: str = ""
    others: tuple[str, ...] = ()  # the names of everybody else in the vault
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
    force: bool = False,
) -> Draft:
    """Render the `kind` template (or `template_file`) for one contact, as of `today` at
    `now` (an interview later today is not done yet).

    Outside the kind's moment this refuses (exit 1), saying why and what fits
    instead; `force` drafts it anyway, with the reason as a warning.
    """
    sources = gather(vault, contact, today=today, now=now, interview_file=interview_file)
    chosen = sources.interview if interview_file is not None else None
    _check_moment(vault, sources, kind, today=today, now=now, force=force, chosen=chosen)
    usage = Usage()
    context = build_context(vault.config, sources, today=today, now=now, usage=usage)
    templates = Templates(vault.root / vault.config.folders.templates, trim_blocks=True)
    text = templates.render(f"{kind}.md", context, file=template_file)
    subject, message = split_subject(text)
    lacking = needs(kind, vault.config, sources, today)
    warnings = sources.warnings + [t for t, name, key in lacking if usage_of(usage, name, key)]
    if not subject:
        where = template_file or templates.path_of(f"{kind}.md")
        warnings.append(f"{where} renders no `Subject:` line first; the draft has no subject")
    return Draft(
        kind=kind,
        name=sources.contact.name,
        stem=note_name(contact.path),
        to=sources.contact.email or "",
        subject=subject,
        message=message,
        warnings=warnings,
        sender=vault.config.me.name,
        sender_email=vault.config.me.email,
        email_where=_where(sources.contact, "email"),
    )


def _where(contact: Contact, key: str) -> str:
    line = contact.lines.get(key)
    return f"{contact.path}:{line}" if line else contact.path


def usage_of(usage: Usage, name: str | None, key: str | None) -> bool:
    """Whether a warning tied to `name` (and `key`) is about something the template read."""
    return name is None or usage.saw(name, key)


# -- the notes a draft is made from ------------------------------------------------------------


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
    sources.others = _other_names(vault, contact)
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
        texts = (*note.insights, *(t.text for t in note.tasks))
        sources.others += tuple(link for text in texts for link in links_in(text)) + note.referrals
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
    """An --interview FILE must be an interview with this contact: another's is refused."""
    interview = sources.interview
    if interview is None:
        return
    if not interview.contact or not NameIndex.of([sources.contact]).get(interview.contact):
        whom = interview.contact or "nobody (it has no contact property)"
        raise VaultError(
            f"{path} is an interview with {whom}, not {sources.contact.name}; "
            f"pass one of {sources.contact.name}'s interviews to --interview",
            USAGE,
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
        sources.referrer_warning = f"{sources.contact.path}: referred_by links to {target!r}, {why}"
        return {"name": target, "first_name": greeting(target).name, "path": None}
    note, props = read_props(vault.root, found[0].path)
    referrer = note if isinstance(note, Contact) else found[0]
    status = stage(referrer, vault.interviews_of(found[0]), today, now)
    return contact_mapping(referrer, props, status)


def _other_names(vault: Vault, contact: Contact) -> tuple[str, ...]:
    """Everybody else's names, so pronouns in an item are only taken as the person's when
    nobody else is named."""
    names: list[str] = []
    for other in vault.contacts:
        if other.path != contact.path:
            names += [other.name, note_name(other.path), *other.aliases, *other.name.split()[:1]]
    return tuple(names)


# -- whether the kind fits now -----------------------------------------------------------------


def _check_moment(
    vault: Vault,
    sources: Sources,
    kind: str,
    *,
    today: dt.date,
    now: dt.time | None,
    force: bool,
    chosen: Interview | None,
) -> None:
    """Refuse a kind outside its moment (exit 1); with --force, say why it does not fit."""
    interviews = vault.interviews_of(sources.contact)
    standing = Standing.of(sources.contact, interviews, today, now)
    fit = moment(kind, standing, chosen)
    if fit.fits:
        return
    if force:
        sources.warnings.append(f"drafted with --force: {fit.why_not}")
        return
    raise VaultError(refusal(kind, sources.contact, fit.why_not, fitting(standing)), FOUND)


def refusal(kind: str, contact: Contact, why_not: str, fits: list[str]) -> str:
    """One line: why this kind does not fit now, and what does."""
    instead = f"what fits now: {english_list(fits, 'or')}" if fits else "no message fits now"
    return f"no {kind} for {contact.name}: {why_not}; {instead} (or --force to draft it anyway)"


# -- what a template sees ----------------------------------------------------------------------


def contact_mapping(contact: Contact, props: Fields, status: str | None = None) -> Fields:
    """Every property as written (text as plain prose), the known ones present even when
    empty, dates as dates, and the name to greet them by.

    `status` is where the contact stands (see core/stage.py); the note's own line
    when not given.
    """
    fields: Fields = dict.fromkeys(CONTACT_PROPERTIES)
    fields.update({key: _prose(key, value) for key, value in props.items()})
    fields.update(
        name=contact.name,
        first_name=greeting(contact.name, props.get("first_name")).name,
        path=contact.path,
        status=status or contact.status,
        outreach_sent=contact.outreach_sent,
        nudge_sent=contact.nudge_sent,
        replied=contact.replied,
        follow_up=contact.follow_up,
        found=found_clause(props.get("source")),
    )
    return fields


def _prose(key: str, value: object) -> object:
    if isinstance(value, str) and key not in _ADDRESSES:
        return plain(value)
    return value


def interview_mapping(
    interview: Interview, props: Fields, today: dt.date, now: dt.time | None = None
) -> Fields:
    fields: Fields = dict.fromkeys(INTERVIEW_PROPERTIES)
    fields.update({key: _prose(key, value) for key, value in props.items()})
    fields.update(
        date=interview.date,
        time=interview.time.strftime("%H:%M") if interview.time else None,
        status=interview.effective_status(today, now),
        thank_you_sent=interview.thank_you_sent,
        path=interview.path,
        when=when_words(interview.date, today),
    )
    return fields


def when_words(day: dt.date | None, today: dt.date) -> str:
    """`today`, `yesterday`, or `on Thursday, 19 November` (with the year if not this one)."""
    if day is None:
        return ""
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"on {date_words(day, year=day.year != today.year)}"


def due_words(day: dt.date | None, today: dt.date) -> str:
    """`by Tuesday, 1 December`, `today`, `soon` for a date already past, '' for none."""
    if day is None:
        return ""
    if day < today:
        return "soon"
    if day == today:
        return "today"
    return f"by {date_words(day, year=day.year != today.year)}"


def item_mapping(item: Item, today: dt.date) -> Fields:
    return {
        "text": item.text,
        "said": item.said,
        "kind": item.kind,
        "due": item.due,
        "due_words": due_words(item.due, today),
        "said_due": " ".join(w for w in (item.said, due_words(item.due, today)) if w),
        "overdue": item.due_passed(today),
    }


def person_of(sources: Sources) -> Person:
    contact = sources.contact
    names = (
        contact.name,
        note_name(contact.path),
        *contact.aliases,
        *contact.name.split()[:1],
        greeting(contact.name, sources.props.get("first_name")).name,
    )
    return Person(tuple(n for n in names if n), sources.others)


def build_context(
    config: Config,
    sources: Sources,
    *,
    today: dt.date,
    now: dt.time | None = None,
    usage: Usage | None = None,
) -> Fields:
    """Every name a message template can use (documented in docs/drafts.md)."""
    usage = usage or Usage()
    interview = sources.interview
    person = person_of(sources)
    said = say_items(interview.tasks if interview else (), person)
    open_items = [item_mapping(i, today) for i in said if not i.done]
    done_items = [item_mapping(i, today) for i in said if i.done]

    def watched(name: str, values: list[Fields] | list[str]) -> WatchedList:
        return WatchedList(
            name, usage, [WatchedDict(name, usage, v) if isinstance(v, dict) else v for v in values]
        )

    me = {
        "name": config.me.name,
        "email": config.me.email,
        "pitch": plain(config.me.pitch),
        "first_name": greeting(config.me.name).name,
    }
    return {
        "me": WatchedDict("me", usage, me),
        "contact": WatchedDict(
            "contact", usage, contact_mapping(sources.contact, sources.props, sources.status)
        ),
        "referrer": (
            WatchedDict("referrer", usage, sources.referrer) if sources.referrer else None
        ),
        "interview": (
            WatchedDict(
                "interview",
                usage,
                interview_mapping(interview, sources.interview_props, today, now),
            )
            if interview
            else None
        ),
        "insights": watched(
            "insights", [_said_text(i, person) for i in interview.insights] if interview else []
        ),
        "action_items": watched("action_items", open_items),
        "done_items": watched("done_items", done_items),
        "promises": watched("promises", [i for i in open_items if i["kind"] == "promise"]),
        "plans": watched("plans", [i for i in open_items if i["kind"] == "plan"]),
        "progress": watched("progress", [i for i in done_items if i["kind"] == "progress"]),
        "questions": watched(
            "questions", [plain(q) for q in interview.questions] if interview else []
        ),
        "today": today,
    }


def _said_text(text: str, person: Person) -> str:
    """An insight as said to the person: plain prose, with them as `you`."""
    return to_them(plain(text), person)


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


# -- what the draft lacks ----------------------------------------------------------------------

# A warning, and the name (and key) a template must read for it to be shown; None for always.
Need = tuple[str, str | None, str | None]


def needs(kind: str, config: Config, sources: Sources, today: dt.date) -> list[Need]:
    """What the draft lacks, each naming what to fill in and where."""
    contact, interview = sources.contact, sources.interview
    found: list[Need] = []
    if not contact.email:
        found.append((f"{contact.name} has no email: add `email:` to {contact.path}", None, None))
    if not config.me.name:
        found.append(("no name to sign with: set `name` under [me] in vault.toml", "me", "name"))
    if not config.me.pitch:
        found.append(
            ("no pitch: set `pitch` under [me] in vault.toml (what you explore)", "me", "pitch")
        )
    if sources.referrer_warning:
        found.append((sources.referrer_warning, "referrer", None))
    unsure = greeting(contact.name, sources.props.get("first_name"))
    if unsure.unsure:
        found.append(
            (
                f"{contact.path}: greeting {contact.name!r} by the full name, as {unsure.unsure}; "
                "set `first_name:` there to choose",
                "contact",
                "first_name",
            )
        )
    if not contact.referred_by and not sources.props.get("source"):
        found.append(
            (
                f"{contact.path} says neither how you found {contact.name} nor who referred them: "
                "add `source:` or `referred_by:`",
                "contact",
                "found",
            )
        )
    if not sources.props.get("company") and kind == "advice":
        found.append(
            (
                f"{contact.name} has no company: add `company:` to {contact.path}",
                "contact",
                "company",
            )
        )
    if not sources.props.get("opening") and kind == "advice":
        found.append(
            (
                f"no `opening` in {contact.path}: add `opening: <job title>` to name the role",
                "contact",
                "opening",
            )
        )
    if interview is None:
        found += _no_interview(contact)
    else:
        found += _interview_needs(kind, sources, interview, today)
    if kind == "nudge":
        found += _early_nudge(config, contact, today)
    return found


def _no_interview(contact: Contact) -> list[Need]:
    text = (
        f"{contact.name} has no done interview: create one with "
        f'`vault new interview "{contact.name}" --date DATE`, or pass --interview FILE'
    )
    return [(text, "interview", None), (text, "insights", None)]


def _interview_needs(
    kind: str, sources: Sources, interview: Interview, today: dt.date
) -> list[Need]:
    """What the interview lacks: an insight; for a thank-you, a next step; for an update,
    progress; and the dates of promises that have passed."""
    found: list[Need] = []
    if not interview.insights:
        found.append(
            (
                f"nothing under ## Insights in {interview.path}: "
                "write the insight to thank them for, then draft again",
                "insights",
                None,
            )
        )
    items = say_items(interview.tasks, person_of(sources))
    if kind == "thank-you" and not any(i.kind in ("promise", "plan") for i in items):
        found.append(
            (
                f"no open item under ## Action items in {interview.path} says what you will do "
                "next: add a `- [ ]` item and draft again",
                "plans",
                None,
            )
        )
    if kind == "update" and not any(i.kind == "progress" for i in items):
        found.append(
            (
                f"nothing done under ## Action items in {interview.path} tells of progress: "
                "tick `- [x]` what you did since, or write it into the draft",
                "progress",
                None,
            )
        )
    for item in items:
        if item.kind in ("promise", "plan") and item.due and item.due_passed(today):
            found.append(
                (
                    f"{interview.path}:{item.line}: {item.text!r} was due {item.due.isoformat()}; "
                    "the draft says `soon` (change its 📅 date if you set a new one)",
                    f"{item.kind}s",
                    None,
                )
            )
    return found


def _early_nudge(config: Config, contact: Contact, today: dt.date) -> list[Need]:
    sent = contact.outreach_sent
    wait = config.follow_up.nudge_after
    if sent is None or (today - sent).days >= wait:
        return []
    days = (today - sent).days
    due = (sent + dt.timedelta(days=wait)).isoformat()
    text = (
        f"you wrote to {contact.name} {plural(days, 'day')} ago; "
        f"a nudge is due {wait} days after the outreach ({due})"
    )
    return [(text, None, None)]


# -- saving ------------------------------------------------------------------------------------


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


def write_new(config: Config, stem: str, suffix: str, data: bytes) -> Path:
    """Save into drafts/ as STEM.SUFFIX; a name already taken gets ` (2)`, ` (3)`, ..."""
    folder = config.root / config.folders.drafts
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VaultError(f"{folder}: cannot create the folder ({err.strerror})", USAGE) from None
    for number in range(1, MAX_SUFFIX + 1):
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}")
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


def draft_stem(draft: Draft, today: dt.date) -> str:
    """`DATE KIND NAME`, the name of a saved draft without its suffix."""
    return safe_file_stem(f"{today.isoformat()} {draft.kind} {draft.stem}")


def write_draft(config: Config, draft: Draft, *, today: dt.date) -> Path:
    """Save to drafts/DATE KIND NAME.md; a name already taken gets ` (2)`, ` (3)`, ..."""
    return write_new(config, draft_stem(draft, today), ".md", draft_bytes(draft, today=today))


@dataclass(frozen=True)
class Drafted:
    draft: Draft
    path: Path | None = None  # where it was saved, with --write
    eml: Path | None = None  # the message file, with --eml
    mailto: str | None = None  # the mailto: URL, with --mailto


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
    eml: bool = False,
    mailto: bool = False,
    force: bool = False,
    dated: dt.datetime | None = None,
) -> Drafted:
    """Render the draft for the contact NAME as of `today` at `now`, and save it or make it
    a message when asked.

    `dated` is the moment the `.eml` file's Date: header gives (default: the clock).
    """
    from vaultkit.formats import mail

    if kind not in DRAFT_KINDS:
        raise VaultError(f"no kind of draft named {kind!r}", USAGE)
    contact = vault.names().resolve(name, vault.broken_files)
    made = render_draft(
        vault,
        contact,
        kind,
        today=today,
        now=now,
        interview_file=interview_file,
        template_file=template_file,
        force=force,
    )
    path = write_draft(vault.config, made, today=today) if write else None
    eml_path = None
    if eml:
        data = mail.eml_bytes(made, when=dated or dt.datetime.now().astimezone())
        eml_path = write_new(vault.config, draft_stem(made, today), ".eml", data)
    url = mail.mailto_url(made) if mailto else None
    if url is not None and len(url) > mail.LONGEST_MAILTO:
        made.warnings.append(
            f"the mailto: URL is {len(url)} characters; some mail programs cut it short "
            "after about 2,000: --eml carries any length"
        )
    return Drafted(made, path, eml_path, url)
