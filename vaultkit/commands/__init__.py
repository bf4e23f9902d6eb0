"""The work of the commands that change the vault (init, new, mark), free of Click."""
