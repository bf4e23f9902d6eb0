"""Files and the cache: walking the vault, reading notes in a worker pool, the SQLite
index and its kept answers, atomic writes and the one-line property edit."""
