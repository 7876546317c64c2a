"""A countdown readout that turns a warning colour near the end."""

from __future__ import annotations

from textual.widgets import Static

from interview.practice.timer import Countdown, TimerState, format_seconds


class CountdownDisplay(Static):
    """Shows `label m:ss`; the CSS classes `warning` and `expired` colour it."""

    def __init__(self, label: str, countdown: Countdown, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._label = label
        self.countdown = countdown
        self.tick()

    def tick(self) -> TimerState:
        state = self.countdown.state
        paused = " (paused)" if self.countdown.paused else ""
        over = " over" if state is TimerState.EXPIRED else ""
        self.update(f"{self._label} {format_seconds(self.countdown.remaining)}{over}{paused}")
        self.set_class(state is TimerState.WARNING, "warning")
        self.set_class(state is TimerState.EXPIRED, "expired")
        return state
