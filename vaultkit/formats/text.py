"""Plain text for the terminal: tables, counted words, the check listing, a person's
profile and the questions asked of them. (The report has a module of its own.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vaultkit.core.checks import CheckResult
from vaultkit.core.dates import iso
from vaultkit.core.lookup import Profile
from vaultkit.core.questions import QuestionsOf
from vaultkit.core.words import plural


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
    notes = f"{result.contacts} contacts, {result.interviews} interviews"
    if result.problems:
        problems = plural(len(result.problems), "problem")
        files = plural(result.files_with_problems, "file")
        lines.append(f"\n{problems} in {files} ({notes} read, {result.seconds:.1f}s)")
    else:
        lines.append(f"no problems ({notes}, {result.other_notes} other notes)")
    lines += result.hints
    return "\n".join(lines) + "\n"


def render_profile(found: Profile) -> str:
    c = found.contact
    lines = [c.name]
    about = ", ".join(x for x in (c.role, c.company, c.location) if x)
    if about:
        lines.append(about)
    for label, value in (
        ("email", c.email),
        ("phone", c.phone),
        ("linkedin", c.linkedin),
        ("status", c.status),
        ("source", c.source),
        ("tags", ", ".join(c.tags)),
        ("outreach sent", iso(c.outreach_sent)),
        ("nudge sent", iso(c.nudge_sent)),
        ("replied", iso(c.replied)),
        ("follow up", iso(c.follow_up)),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    if found.referrer or c.referred_by:
        lines.append(f"  referred by: {found.referrer.name if found.referrer else c.referred_by}")
    if found.referred:
        lines.append(f"  referred: {', '.join(r.name for r in found.referred)}")
    lines.append(f"  file: {c.path}")
    lines.append("")
    lines.append(f"Interviews ({len(found.interviews)})")
    for row in found.interviews:
        when = f"{row['date']} {row['time']}" if row["time"] else row["date"]
        medium = f", {row['medium']}" if row["medium"] else ""
        lines.append(f"  {when}  {row['status']}{medium}  {row['path']}")
    if found.open_actions:
        lines.append("")
        lines.append(f"Open action items ({len(found.open_actions)})")
        for interview, task in found.open_actions:
            due = f" (due {task.due.isoformat()})" if task.due else ""
            lines.append(f"  - [ ] {task.text}{due}  {interview.path}:{task.line}")
    return "\n".join(lines) + "\n"


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
            lines += [f"  - {q}" for q in topic.questions]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
