"""The home screen's resume banner and shortcuts panel.

Both show what the backend loaded (HomeInfo), so they are mounted with it
rather than composed empty on the first frame.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from interview.tui.backend import HomeInfo
from interview.tui.text import literal


class ResumeBanner(Horizontal):
    """Offers the latest interrupted session; hidden when there is none."""

    def __init__(self) -> None:
        super().__init__(id="resume-banner")

    def compose(self) -> ComposeResult:
        yield Static("", id="resume-text", markup=False)
        yield Button("Resume", id="resume", variant="primary", compact=True)
        yield Button("Discard", id="discard", compact=True)

    def show(self, info: HomeInfo) -> None:
        session = info.resumable
        self.display = session is not None
        if session is None:
            return
        started = session.started_at.astimezone()  # stored in UTC, shown in local time
        text = (f"Interrupted: {session.filters.describe()} · {info.resumable_answered}/"
                f"{len(session.items)} answered · {started:%d %b %H:%M}")
        self.query_one("#resume-text", Static).update(literal(text))


class ShortcutsPanel(Vertical):
    """Due for review, weakest competencies, and the plans to start."""

    def __init__(self) -> None:
        super().__init__(id="shortcuts")

    def compose(self) -> ComposeResult:
        yield Button("Due for review", id="due", disabled=True, compact=True)
        yield Button("Weakest competencies", id="weakest", disabled=True, compact=True)
        yield Static("", id="weakest-names", markup=False)
        yield Static("Plans (enter to start)", classes="heading", markup=False)
        yield OptionList(id="plans")

    def show(self, info: HomeInfo) -> None:
        plans = self.query_one("#plans", OptionList)
        plans.clear_options()
        plans.add_options(Option(literal(f"{p.title} ({p.minutes} min)"), id=p.id)
                          for p in info.plans)
        due = self.query_one("#due", Button)
        due.label = literal(f"Due for review ({len(info.due)})")
        due.disabled = not info.due
        weakest = self.query_one("#weakest", Button)
        weakest.label = literal(f"Weakest competencies ({info.weak_questions})")
        weakest.disabled = not info.weakest
        names = ", ".join(f"{name} {average:.1f}" for name, average in info.weakest)
        self.query_one("#weakest-names", Static).update(
            literal(names or "Grade some answers to find your weakest competencies."))
