"""Countdowns that can pause. Expiry is soft: the caller decides what it means."""

from __future__ import annotations

from enum import StrEnum

from interview.practice.clock import Clock


class TimerState(StrEnum):
    RUNNING = "running"
    WARNING = "warning"  # close to the end: the UI turns a warning colour
    EXPIRED = "expired"


class Countdown:
    """Counts elapsed time against a limit, excluding paused stretches."""

    def __init__(self, clock: Clock, limit_seconds: float, already_elapsed: float = 0.0) -> None:
        self._clock = clock
        self.limit = float(limit_seconds)
        self._banked = already_elapsed  # time counted before the current run
        self._started: float | None = clock.monotonic()

    @property
    def paused(self) -> bool:
        return self._started is None

    def pause(self) -> None:
        if self._started is not None:
            self._banked += self._clock.monotonic() - self._started
            self._started = None

    def resume(self) -> None:
        if self._started is None:
            self._started = self._clock.monotonic()

    @property
    def elapsed(self) -> float:
        running = 0.0 if self._started is None else self._clock.monotonic() - self._started
        return self._banked + running

    @property
    def remaining(self) -> float:
        """Seconds left; negative once over time."""
        return self.limit - self.elapsed

    @property
    def expired(self) -> bool:
        return self.elapsed >= self.limit

    @property
    def state(self) -> TimerState:
        if self.expired:
            return TimerState.EXPIRED
        # Warn for the last fifth, but never for more than two minutes or less than 30 s.
        threshold = min(120.0, max(30.0, self.limit / 5))
        return TimerState.WARNING if self.remaining <= threshold else TimerState.RUNNING


def format_seconds(seconds: float) -> str:
    """`12:05`, or `-0:42` once over time."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
