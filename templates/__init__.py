"""Default note and message templates; a vault's templates/ folder overrides them by name."""
