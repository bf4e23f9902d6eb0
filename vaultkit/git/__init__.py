"""git, run for the user: `vault sync`."""
