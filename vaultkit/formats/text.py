"""Plain text for the terminal: tables, counted words, the check listing, a person's
profile and the questions asked of them. (The report has a module of its own.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from vaultkit.core.dates import iso
from vaultkit.core.markup import plain
from vaultkit.core.words import plural
from vaultkit.formats.report_text import when

if TYPE_CHECKING:  # each command imports only what it renders: `vault show` reads no YAML
    from vaultkit.core.checks import CheckResult
    from vaultkit.core.lookup import Conversation, Profile
    from vaultkit.core.questions import QuestionsOf


def table(rows: Sequence[Mapping[str, object]], columns: tuple[str, ...]) -> str:
    """Rows as aligned columns under upper-case headings; `nothing found` when empty."""
    if not rows:
        return "nothing found\n"
    cells = [[str(row[c] or "") for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_check(result: CheckResult) -> str:
    """Each problem as `path:line: message`, a blank line between files, then a summary."""
    lines: list[str] = []
    previous = None
    for problem in result.problems:
        if previous is not None and problem.path != previous:
            lines.append("")
        lines.append(problem.render())
        previous = problem.path
    notes = f"{plural(result.contacts, 'contact')}, {plural(result.interviews, 'interview')}"
    if result.problems:
        problems = plural(len(result.problems), "problem")
        files = plural(result.files_with_problems, "file")
        lines.append(f"\n{problems} in {files} ({notes} read, {result.seconds:.1f}s)")
    else:
        lines.append(f"no problems ({notes}, {plural(result.other_notes, 'other note')})")
    lines += result.hints
    return "\n".join(lines) + "\n"


def render_profile(found: Profile) -> str:
    """A person's whole story: details, where they stand, log, interviews, tasks, what is due."""
    c = found.contact
    lines = [c.name]
    about = ", ".join(x for x in (c.role, c.company, c.location) if x)
    if about:
        lines.append(about)
    status = found.status
    if found.status_behind:
        status += f" (the note says {c.status}; `vault mark` moves it on)"
    elif c.status and c.status != found.status:
        status += f" (the note says {c.status})"
    lines.append(f"  status: {status}")
    lines.append(f"  stage: {found.stage}")
    follow_up = iso(c.follow_up)
    if follow_up and c.follow_up_note:
        follow_up += f": {plain(c.follow_up_note)}"
    for label, value in (
        ("aliases", ", ".join(c.aliases)),
        ("first name", c.first_name),
        ("email", c.email),
        ("phone", c.phone),
        ("linkedin", c.linkedin),
        ("source", c.source),
        ("tags", ", ".join(c.tags)),
        ("outcome", c.outcome),
        ("outreach sent", iso(c.outreach_sent)),
        ("nudge sent", iso(c.nudge_sent)),
        ("replied", iso(c.replied)),
        ("follow up", follow_up),
        ("cadence", plural(c.cadence, "day") if c.cadence else None),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    if found.referrer or c.referred_by:
        lines.append(f"  referred by: {found.referrer.name if found.referrer else c.referred_by}")
    if found.referred:
        lines.append(f"  referred: {', '.join(r.name for r in found.referred)}")
    if found.suggested:
        lines.append(f"  suggested: {', '.join(found.suggested)}")
    lines.append(f"  file: {c.path}")
    if found.log:
        lines += ["", f"Log ({len(found.log)})"]
        lines += [f"  {e.day.isoformat()}  {plain(e.text)}" for e in found.log]
    lines += ["", f"Interviews ({len(found.conversations)})"]
    for conversation in found.conversations:
        lines += _conversation_lines(conversation)
    if found.open_actions:
        lines += ["", f"Open action items ({len(found.open_actions)})"]
        for open_task in found.open_actions:
            task = open_task.task
            due = f" (due {task.due.isoformat()})" if task.due else ""
            lines.append(f"  - [ ] {task.text}{due}  {open_task.path}:{task.line}")
    if found.due:
        lines += ["", f"Due ({len(found.due)})"]
        lines += [f"  {i.item.reason}  [{i.item.kind}, {when(i)}]" for i in found.due]
    return "\n".join(lines) + "\n"


def _conversation_lines(conversation: Conversation) -> list[str]:
    row, interview = conversation.row, conversation.interview
    when_held = f"{row['date']} {row['time']}" if row["time"] else row["date"]
    medium = f", {row['medium']}" if row["medium"] else ""
    lines = [f"  {when_held}  {row['status']}{medium}  {row['path']}"]
    if interview.thank_you_sent:
        lines.append(f"      thank-you sent: {interview.thank_you_sent.isoformat()}")
    for title, items in (
        ("questions", interview.questions),
        ("insights", interview.insights),
        ("suggested", interview.referrals),
    ):
        if items:
            lines.append(f"      {title}:")
            lines += [f"        - {plain(item)}" for item in items]
    return lines


def render_questions(found: QuestionsOf, *, show_left: bool) -> str:
    name = found.contact.name
    total = sum(len(a.questions) for a in found.asked)
    if total:
        counts = f"{plural(total, 'question')} in {plural(len(found.asked), 'interview')}"
        lines = [f"Asked of {name}: {counts}", ""]
    else:
        lines = [f"Nothing asked of {name} yet.", ""]
    for asked in found.asked:
        day = asked.interview.date.isoformat() if asked.interview.date else "(no date)"
        lines.append(f"{day} ({asked.status or 'no status'})  {asked.interview.path}")
        lines += [f"  - {q}" for q in asked.questions] or ["  (no questions written)"]
        lines.append("")
    if show_left:
        left = sum(len(t.questions) for t in found.left)
        size = plural(found.bank.size, "question")
        lines += [f"Left in {found.bank.source}: {left} of {size}", ""]
        for topic in found.left:
            lines.append(f"## {topic.name}")
            lines += [f"{'    ' if topic.parent(q) else '  '}- {q}" for q in topic.questions]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
