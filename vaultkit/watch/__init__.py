"""`vault watch`: the watchdog events, the loop that waits for them to settle, and what
changed in meaning."""
