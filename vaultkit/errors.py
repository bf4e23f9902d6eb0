"""The one exception type for everything a user should read.

Raised anywhere in the core, caught once at the CLI boundary and printed as a
single line with its exit code; a traceback means a bug, never bad input.
"""

USAGE = 2  # a usage error or a vault that cannot be used
FOUND = 1  # the command ran and found a problem


class VaultError(Exception):
    """A failure the user can act on, with the exit code it maps to."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
