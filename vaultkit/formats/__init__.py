"""Text in and out: the terminal, the dashboard note, Jinja templates and drafts, and one
module per import and export format."""
