"""The message `vault sync` commits with: the notes it changes, by name or by count."""

from __future__ import annotations

from vaultkit.git.sync import FileChange, commit_message


def test_commit_message_counts_when_names_do_not_fit():
    """A long list of names becomes counts in the subject; the body still lists every file."""
    changes = [FileChange("added", f"contacts/Person {n}.md") for n in range(12)]
    changes.append(FileChange("deleted", "contacts/Old.md"))
    subject, body = commit_message(changes)
    assert subject == "vault sync: 12 added, 1 deleted"
    assert body.splitlines()[0] == "added contacts/Person 0.md"
    assert len(body.splitlines()) == 13
