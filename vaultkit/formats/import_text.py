"""Plain text for `vault import` and `vault adopt`: what was (or would be) written, what
was skipped and why, and one summary line."""

from __future__ import annotations

from vaultkit.core.adoption import AdoptResult
from vaultkit.core.people import ImportResult, Remark


def number(count: int) -> str:
    """A count with thousands separated: 4,870."""
    return f"{count:,}"


def render_import(result: ImportResult) -> str:
    """In a dry run every note to create and update, then the skipped rows and left-out
    values as `FILE:LINE: reason`, then the summary; a real run leaves out the notes."""
    lines: list[str] = []
    if result.dry_run:
        lines += [f"create {path}" for path in result.created]
        lines += [f"update {u.path}: fill {', '.join(u.filled)}" for u in result.updated]
    told = [(r, "skipped: ") for r in result.skipped] + [(r, "") for r in result.warnings]
    lines += [_at(result.file, remark, prefix) for remark, prefix in sorted(told)]
    if result.ignored_columns:
        columns = ", ".join(result.ignored_columns)
        lines.append(
            f"{result.file}: columns not imported: {columns} "
            '(give each a property with --map "Column=property")'
        )
    lines.append(import_summary(result))
    return "\n".join(lines) + "\n"


def _at(file: str, remark: Remark, prefix: str) -> str:
    where = f"{file}:{remark.line}" if remark.line else file
    return f"{where}: {prefix}{remark.message}"


def import_summary(result: ImportResult) -> str:
    """`created 4,870, updated 112 (filled email 40, ...), unchanged 18, skipped 3 (see above)`."""
    counts = result.filled_counts()
    filled = ", ".join(f"{key} {number(n)}" for key, n in counts.items())
    see = " (see above)" if result.skipped else ""
    if result.dry_run:
        detail = f" (fill {filled})" if filled else ""
        return (
            f"dry run, nothing written: would create {number(len(result.created))}, "
            f"update {number(len(result.updated))}{detail}, "
            f"leave {number(len(result.unchanged))} unchanged, "
            f"skip {number(len(result.skipped))}{see}"
        )
    detail = f" (filled {filled})" if filled else ""
    return (
        f"created {number(len(result.created))}, updated {number(len(result.updated))}{detail}, "
        f"unchanged {number(len(result.unchanged))}, skipped {number(len(result.skipped))}{see}"
    )


def render_adopt(result: AdoptResult) -> str:
    """Each note given a type (or, in a dry run, that would be), each one skipped with its
    reason, then the counts."""
    verb = "would add" if result.dry_run else "added"
    lines = [f"{path}: {verb} type: {result.kind}" for path in result.adopted]
    lines += [f"{s.where}: skipped: {s.reason}" for s in result.skipped]
    summary = (
        f"{'would adopt' if result.dry_run else 'adopted'} {number(len(result.adopted))}, "
        f"already {result.kind} {number(len(result.already))}, "
        f"skipped {number(len(result.skipped))}{' (see above)' if result.skipped else ''}"
    )
    lines.append(summary + ("; nothing written" if result.dry_run else ""))
    return "\n".join(lines) + "\n"
