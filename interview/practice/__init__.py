"""The session engine: clock, timer, state machine, selection, scheduling."""
