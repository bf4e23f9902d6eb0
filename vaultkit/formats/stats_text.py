"""`vault stats` as a person reads it in a terminal: the funnel and the months as bars of
block characters, the yardsticks beside the field's own, and tables by group.

Bars are drawn in eighths of a character (█▉▊▋▌▍▎▏), so a count of 7 next to 8 looks
different even in a narrow column. Colour is only added when asked for (a terminal,
without NO_COLOR); the text is otherwise the same, so a pipe or a file gets it plain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vaultkit.core.stats import BASE_STAGE, STAGES, Figures, Key, Stats, small
from vaultkit.core.words import left_out, plural

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
BAR_MOST = 40  # characters of the longest bar, when the terminal has room
BAR_LEAST = 8
STAGE_LABELS = {
    "outreach": "reached out",
    "replied": "replied",
    "met": "met",
    "referred": "referred on",
    "offer": "offer",
}
GROUP_HEADINGS = {"month": "MONTH", "source": "SOURCE", "tag": "TAG", "company": "COMPANY"}
NONE_KEYS = {"month": "(no date)", "source": "(no source)", "tag": "(no tag)", "company": "(none)"}
# The field's own yardsticks, shown beside the vault's.
TYPICAL_REPLY = "typical for cold outreach: 20-40%"
TYPICAL_PER_OFFER = "typical: about 12"

BOLD, DIM, CYAN, GREEN = "1", "2", "36", "32"


@dataclass(frozen=True)
class Style:
    """How to draw: with ANSI colours or not, and how wide the terminal is."""

    colour: bool = False
    width: int = 80

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour and text else text


def bar(value: int, most: int, width: int) -> str:
    """`value` of `most` as a bar of up to `width` characters, in eighths."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / most))
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def percent(rate: float) -> str:
    """A fraction as a whole percentage, halves rounded up."""
    return f"{int(rate * 100 + 0.5)}%"


def portion(part: int, base: int) -> str:
    """A share as a person should read it: a percentage only when the base is big enough."""
    if base == 0:
        return "-"
    if small(base):
        return f"{part} of {base}"
    return percent(part / base)


def share_of(part: int, base: int, what: str) -> str:
    """`76% of 17 reached out`, or `3 of 4 met` when the base is small; `none` with no base."""
    if base == 0:
        return f"no one {what} yet"
    if small(base):
        return f"{part} of {base} {what}"
    return f"{percent(part / base)} of {base} {what}"


def number(value: float, decimals: int = 2) -> str:
    """A ratio or a median, without trailing zeros: 1.5, 2, 0.42."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text or "0"


def render_stats(stats: Stats, *, style: Style | None = None) -> str:
    """The whole answer: period, funnel, yardsticks, months or groups, and what was left out."""
    style = style or Style()
    lines = [style(_period(stats), BOLD), ""]
    total = stats.total
    if not (total.outreach or total.interviews or total.referrals or stats.groups):
        lines.append(f"Nothing to look back on: no outreach or conversation dated {_span(stats)}.")
        lines.append("")
    else:
        lines += _funnel(total, style)
        lines += _yardsticks(stats, style)
        if stats.by is None or stats.by == "month":
            lines += _months(stats, style)
        if stats.by is not None:
            lines += _groups(stats, style)
    if stats.broken_files:
        lines.append(left_out(stats.broken_files))
    return "\n".join(lines).rstrip("\n") + "\n"


def _period(stats: Stats) -> str:
    if stats.until == stats.today:
        return f"Looking back: {_span(stats)}"
    return f"Looking back: {_span(stats)} (counted as of {stats.today.isoformat()})"


def _span(stats: Stats) -> str:
    if stats.since is None:
        return f"up to {stats.until.isoformat()}"
    return f"from {stats.since.isoformat()} to {stats.until.isoformat()}"


def _funnel(total: Figures, style: Style) -> list[str]:
    labels = [STAGE_LABELS[s] for s in STAGES]
    counts = [str(total.count(s)) for s in STAGES]
    notes = []
    for stage in STAGES:
        base = total.stage_base(stage)
        if base is None:
            notes.append("")
        else:
            notes.append(share_of(total.count(stage), base, STAGE_LABELS[BASE_STAGE[stage]]))
    label_width = max(map(len, labels))
    count_width = max(map(len, counts))
    room = style.width - 2 - label_width - 2 - count_width - 2 - 2 - max(map(len, notes))
    width = max(BAR_LEAST, min(BAR_MOST, room))
    most = total.outreach
    lines = [style("Funnel", BOLD)]
    for stage, label, count, note in zip(STAGES, labels, counts, notes, strict=True):
        drawn = bar(total.count(stage), most, width)
        padded = style(drawn, CYAN) + " " * (width - len(drawn))
        line = f"  {label.ljust(label_width)}  {count.rjust(count_width)}  {padded}  {note}"
        lines.append(line.rstrip())
    return [*lines, ""]


def _yardsticks(stats: Stats, style: Style) -> list[str]:
    total = stats.total
    after = stats.thank_you_after
    rows: list[tuple[str, str, str]] = [
        (
            "reply rate",
            portion(total.replied, total.outreach),
            f"{total.replied} of {total.outreach} reached out; {TYPICAL_REPLY}",
        ),
        (
            "days from outreach to reply",
            "-" if total.median_days_to_reply is None else number(total.median_days_to_reply, 1),
            f"median of {plural(total.replies_dated, 'dated reply', 'dated replies')}",
        ),
        (
            "replied after a nudge",
            portion(total.nudged_replied, total.nudged),
            f"{total.nudged_replied} of {plural(total.nudged, 'person', 'people')} nudged",
        ),
        (
            f"thanked within {plural(after, 'day')}",
            portion(total.thanked_on_time, total.thanks_judged),
            f"{total.thanked_on_time} of {plural(total.thanks_judged, 'done interview')}"
            + (f"; {total.thanks_pending} not due yet" if total.thanks_pending else ""),
        ),
        (
            "action items",
            str(total.actions_done + total.actions_open + total.actions_overdue),
            f"{total.actions_done} done, {total.actions_open} open, "
            f"{total.actions_overdue} overdue",
        ),
        (
            "referrals per done interview",
            ratio(total.referrals, total.interviews, 2),
            f"{plural(total.referrals, 'referral')} in {plural(total.interviews, 'interview')}",
        ),
        (
            "done interviews per offer",
            ratio(total.interviews, total.offers, 1),
            f"{plural(total.interviews, 'interview')}, {plural(total.offers, 'offer')}; "
            f"{TYPICAL_PER_OFFER}",
        ),
    ]
    name_width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    lines = [style("Yardsticks", BOLD)]
    for name, value, counts in rows:
        line = f"  {name.ljust(name_width)}  {value.rjust(value_width)}  {style(counts, DIM)}"
        lines.append(line.rstrip())
    return [*lines, ""]


def ratio(part: int, base: int, decimals: int) -> str:
    """part per base, or - when the base is too small to mean anything."""
    if base == 0 or small(base):
        return "-"
    return number(part / base, decimals)


def _months(stats: Stats, style: Style) -> list[str]:
    months = stats.months
    if not months:
        return []
    names = ("reached out", "interviews")
    most = max(max(m.outreach, m.interviews) for m in months)
    count_width = len(str(most))
    name_width = max(map(len, names))
    room = style.width - 2 - 7 - 2 - name_width - 2 - count_width - 2
    width = max(BAR_LEAST, min(BAR_MOST, room))
    lines = [style("Per month: people first reached out to, and done interviews", BOLD)]
    for month in months:
        for index, (name, value, colour) in enumerate(
            ((names[0], month.outreach, CYAN), (names[1], month.interviews, GREEN))
        ):
            label = month.month if index == 0 else ""
            drawn = style(bar(value, most, width), colour)
            line = f"  {label.ljust(7)}  {name.ljust(name_width)}  {str(value).rjust(count_width)}"
            lines.append(f"{line}  {drawn}".rstrip())
    return [*lines, ""]


def people_row(figures: Figures) -> list[str]:
    """The people columns of a group's row (see PEOPLE_COLUMNS)."""
    median = figures.median_days_to_reply
    return [
        str(figures.outreach),
        str(figures.replied),
        str(figures.met),
        str(figures.referred),
        str(figures.offers),
        portion(figures.replied, figures.outreach),
        "-" if median is None else number(median, 1),
        portion(figures.nudged_replied, figures.nudged),
    ]


def conversation_row(figures: Figures) -> list[str]:
    """The conversation columns of a group's row (see CONVERSATION_COLUMNS)."""
    return [
        str(figures.interviews),
        portion(figures.thanked_on_time, figures.thanks_judged),
        str(figures.actions_done),
        str(figures.actions_open),
        str(figures.actions_overdue),
        str(figures.referrals),
        ratio(figures.referrals, figures.interviews, 2),
        ratio(figures.interviews, figures.offers, 1),
    ]


PEOPLE_COLUMNS = (
    "REACHED OUT",
    "REPLIED",
    "MET",
    "REFERRED",
    "OFFERS",
    "REPLY RATE",
    "DAYS TO REPLY",
    "AFTER NUDGE",
)
CONVERSATION_COLUMNS = (
    "INTERVIEWS",
    "THANKED ON TIME",
    "ACTIONS DONE",
    "OPEN",
    "OVERDUE",
    "REFERRALS",
    "PER INTERVIEW",
    "PER OFFER",
)


def group_name(by: str, key: Key) -> str:
    return NONE_KEYS[by] if key is None else key


def _groups(stats: Stats, style: Style) -> list[str]:
    by = stats.by
    assert by is not None
    if not stats.groups:
        return [f"No {by} to group by.", ""]
    heading = GROUP_HEADINGS[by]
    keys = [group_name(by, key) for key, _ in stats.groups]
    people = [[k, *people_row(f)] for k, (_, f) in zip(keys, stats.groups, strict=True)]
    talks = [[k, *conversation_row(f)] for k, (_, f) in zip(keys, stats.groups, strict=True)]
    return [
        style(f"People by {by}", BOLD),
        *table((heading, *PEOPLE_COLUMNS), people, style),
        "",
        style(f"Conversations by {by}", BOLD),
        *table((heading, *CONVERSATION_COLUMNS), talks, style),
        "",
    ]


def table(headings: Sequence[str], rows: Sequence[Sequence[str]], style: Style) -> list[str]:
    """Rows under headings: the first column left-aligned, the figures right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headings)]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  " + "  ".join([first, *rest])

    return [style(line(headings).rstrip(), DIM), *(line(r).rstrip() for r in rows)]
