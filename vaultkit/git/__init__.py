"""git, run for the user: `vault sync`, and the notes' merge driver (`vault merge-file`)."""
