"""One module per command: the work each CLI command does, free of Click."""
