"""The home screen's practice form: role, level, competencies, kinds, size, mode.

Its choices come from the bank: the home screen mounts it in its first
frame from the choices the last start kept (formcache), else once the bank
is read. Its widgets are Textual's lightest, or ours where Textual's cost
more than the start-up budget allows (ticklist, number_field, start_button).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from interview.tui.widgets.choice import Choice
from interview.tui.widgets.number_field import NumberField
from interview.tui.widgets.start_button import StartButton
from interview.tui.widgets.ticklist import TickList

if TYPE_CHECKING:
    # Imported when the form is read, not when it is drawn: the first frame
    # (start-up is budgeted) needs neither them nor the bank model below them.
    from interview.practice.domain import Mode, SessionFilters

# Mode's values, which Mode() checks when the form is read.
MODES = [("practice: reschedules reviews", "practice"), ("mock loop: no rescheduling", "mock")]


class PracticeForm(Vertical):
    def __init__(self, roles: Iterable[str], levels: Iterable[str],
                 competencies: Iterable[str], kinds: Iterable[str]) -> None:
        super().__init__(id="form")
        self.roles, self.levels = list(roles), list(levels)
        self.competencies, self.kinds = list(competencies), list(kinds)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Choice(((r, r) for r in self.roles), prompt="Role (any)", id="role")
            yield Choice(((lv, lv) for lv in self.levels), prompt="Level (any)", id="level")
        yield Static("Competencies (space to pick; none = all)", classes="heading", markup=False)
        yield TickList(((c, c) for c in self.competencies), id="competencies")
        yield Static("Kinds (none = all)", classes="heading", markup=False)
        yield TickList(((k, k) for k in self.kinds), id="kinds")
        with Horizontal(classes="row"):
            yield NumberField(placeholder="questions", max_length=3, id="count")
            yield NumberField(placeholder="or minutes", max_length=4, id="minutes")
        yield Choice(MODES, prompt="Mode", allow_blank=False, id="mode")
        yield StartButton("Start practice", id="start")

    def on_mount(self) -> None:
        # Focus starts on the first choice, not on Start: enter on a fresh
        # screen must not launch a session nobody chose. Never steal focus
        # from where the user already is (e.g. the plan list); set_focus is
        # immediate, unlike Widget.focus(), so a focus the user asked for
        # meanwhile (deferred) still lands after this one.
        if self.screen.focused is None:
            self.screen.set_focus(self.query_one("#role", Choice))

    def filters(self, seed: int) -> SessionFilters:
        """The choices as filters; ValueError with a readable message if invalid."""
        from interview.practice.domain import SessionFilters

        count, minutes = self._number("count"), self._number("minutes")
        if (count is not None and count <= 0) or (minutes is not None and minutes <= 0):
            raise ValueError("Questions and minutes must be positive numbers.")
        return SessionFilters(
            role=self.query_one("#role", Choice).value,
            level=self.query_one("#level", Choice).value,
            competencies=tuple(self.query_one("#competencies", TickList).selected),
            kinds=tuple(self.query_one("#kinds", TickList).selected),
            count=count,
            minutes=minutes,
            seed=seed,
        )

    def mode(self) -> Mode:
        from interview.practice.domain import Mode

        return Mode(self.query_one("#mode", Choice).value or Mode.PRACTICE)

    def _number(self, widget_id: str) -> int | None:
        digits = self.query_one(f"#{widget_id}", NumberField).value
        return int(digits) if digits else None
