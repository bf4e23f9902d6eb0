"""The notions of a vault: notes, people, dates, the follow-up rules and what is due.

Nothing here imports Click, SQLite, Jinja or watchdog (import-linter checks it):
the core reads and decides; the machinery lives in the sibling packages.
"""
