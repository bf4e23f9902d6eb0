"""Helpers for the import and adopt tests: the hand-written fixture files, and the notes of a
vault read back through the note reader. A plain module, imported by those tests."""

from __future__ import annotations

from pathlib import Path

from vaultkit.core.model import Contact
from vaultkit.core.note import read_note

IMPORT_FIXTURES = Path(__file__).parent / "fixtures" / "import"
LINKEDIN = IMPORT_FIXTURES / "linkedin" / "Connections.csv"
LINKEDIN_OLD = IMPORT_FIXTURES / "linkedin" / "Connections-old.csv"
APPLE = IMPORT_FIXTURES / "vcard" / "apple.vcf"
GOOGLE = IMPORT_FIXTURES / "vcard" / "google.vcf"
ANDROID = IMPORT_FIXTURES / "vcard" / "android.vcf"
TRACKER = IMPORT_FIXTURES / "csv" / "tracker.csv"
PEOPLE = IMPORT_FIXTURES / "people"


def contact_notes(root: Path, folder: str = "contacts") -> dict[str, dict[str, object]]:
    """Each contact note of the folder by file name, as its properties read back.

    Every note must read as a contact with no problems.
    """
    found = {}
    for path in sorted((root / folder).glob("*.md")):
        relative = path.relative_to(root).as_posix()
        parsed = read_note(relative, path.read_bytes(), strict_folder=True)
        assert isinstance(parsed.note, Contact), relative
        assert not parsed.problems, parsed.problems
        found[path.name] = dict(parsed.props or {})
    return found


def contact(root: Path, name: str) -> Contact:
    """The contact `contacts/NAME.md` as the note reader makes it."""
    path = root / "contacts" / f"{name}.md"
    parsed = read_note(f"contacts/{name}.md", path.read_bytes(), strict_folder=True)
    assert isinstance(parsed.note, Contact), parsed.problems
    return parsed.note


def without_empty(props: dict[str, object]) -> dict[str, object]:
    """The properties that hold something (the template writes the rest empty)."""
    return {k: v for k, v in props.items() if v not in (None, "", [])}
