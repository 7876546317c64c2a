"""The home screen's resume banner and shortcuts panel.

Both show what the home screen loaded, so they are mounted with it rather
than composed empty on the first frame. They only display: the screen
decides what each button does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from interview.bank.model import Plan
from interview.tui.text import literal


class ResumeBanner(Horizontal):
    """Offers the latest interrupted session; hidden when there is none."""

    def __init__(self) -> None:
        super().__init__(id="resume-banner")

    def compose(self) -> ComposeResult:
        yield Static("", id="resume-text", markup=False)
        yield Button("Resume", id="resume", variant="primary", compact=True)
        yield Button("Discard", id="discard", compact=True)
        yield Button("All", id="interrupted", compact=True)

    def show(self, description: str | None, answered: int, planned: int,
             started_at: datetime | None, count: int = 1) -> None:
        """The newest interrupted session (`description` None: there is none);
        with `count` > 1, a button to list them all."""
        self.display = description is not None and started_at is not None
        if description is None or started_at is None:
            return
        listing = self.query_one("#interrupted", Button)
        listing.display = count > 1
        listing.label = literal(f"All {count}")
        started = started_at.astimezone()  # stored in UTC, shown in local time
        # One line at 80 columns beside three buttons: the list (ctrl+e) says more.
        text = f"Interrupted: {description} · {answered}/{planned} · {started:%d %b %H:%M}"
        self.query_one("#resume-text", Static).update(literal(text))


class ShortcutsPanel(Vertical):
    """Due for review, weakest competencies, and the plans to start."""

    def __init__(self) -> None:
        super().__init__(id="shortcuts")

    def compose(self) -> ComposeResult:
        yield Button("Due for review", id="due", disabled=True, compact=True)
        yield Button("Weakest", id="weakest", disabled=True, compact=True)
        yield Static("", id="weakest-names", markup=False)
        yield Static("Plans (enter to start)", classes="heading", markup=False)
        yield OptionList(id="plans")

    def show_plans(self, plans: Sequence[Plan]) -> None:
        listing = self.query_one("#plans", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(Option(literal(f"{p.title} ({p.minutes} min)"), id=p.id)
                            for p in plans)
        if highlighted is not None and highlighted < len(plans):
            listing.highlighted = highlighted

    def show(self, plans: Sequence[Plan], due: int, weakest: Sequence[tuple[str, float]],
             weak_questions: int) -> None:
        self.show_plans(plans)
        due_button = self.query_one("#due", Button)
        due_button.label = literal(f"Due for review ({due})")
        due_button.disabled = not due
        weakest_button = self.query_one("#weakest", Button)
        # The count is of questions, not competencies: say so.
        noun = "question" if weak_questions == 1 else "questions"
        weakest_button.label = literal(f"Weakest: {weak_questions} {noun}")
        weakest_button.disabled = not weakest
        names = ", ".join(f"{name} {average:.1f}" for name, average in weakest)
        self.query_one("#weakest-names", Static).update(
            literal(names or "Grade some answers to find your weakest competencies."))
