"""The default note and message templates; a vault's own templates/ folder overrides them by name."""
