"""Home: resume, start a practice from filters, start a plan, or the shortcuts."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, OptionList, Static

from interview.tui.backend import HomeInfo
from interview.tui.screens.base import AppScreen
from interview.tui.text import literal

if TYPE_CHECKING:
    from interview.practice.domain import Mode, SessionFilters
    from interview.tui.widgets.practice_form import PracticeForm


class HomeScreen(AppScreen):
    CSS_PATH = "home.tcss"
    # Focus goes to "Start practice" once the form is mounted (PracticeForm.on_mount).
    AUTO_FOCUS = ""  # None would inherit the app's "*"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", priority=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("ctrl+d", "due", "Due", priority=True),
        Binding("ctrl+w", "weakest", "Weakest", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.info: HomeInfo | None = None

    def compose(self) -> ComposeResult:
        # The first frame is only this; the banner, form and shortcuts are
        # mounted when the bank and history arrive (show_info), since they
        # show what those contain, and a light first frame starts faster.
        yield Static("interview · practise senior, staff and senior-staff loops", id="title",
                     markup=False)
        with Horizontal(id="home-body"):
            with VerticalScroll(id="practice-form"):
                yield Static("Loading the question bank…", id="loading", markup=False)
            yield Vertical(id="side")
        yield Footer()

    def on_mount(self) -> None:
        if self.interview.home_info is not None:
            self.show_info(self.interview.home_info)

    def show_info(self, info: HomeInfo) -> None:
        from interview.tui.widgets.home_panels import ResumeBanner, ShortcutsPanel
        from interview.tui.widgets.practice_form import PracticeForm

        if self.info is None:
            self.query_one("#loading").display = False
            self.mount(ResumeBanner(), before="#home-body")
            self.query_one("#practice-form", VerticalScroll).mount(PracticeForm(info))
            self.query_one("#side", Vertical).mount(ShortcutsPanel())
        self.info = info
        # Mounting completes after this handler; show the data once it has.
        self.call_after_refresh(self._show_panels, info)

    def _show_panels(self, info: HomeInfo) -> None:
        from interview.tui.widgets.home_panels import ResumeBanner, ShortcutsPanel

        self.query_one(ResumeBanner).show(info)
        self.query_one(ShortcutsPanel).show(info)

    def show_load_error(self, message: str) -> None:
        loading = self.query_one("#loading", Static)
        loading.update(literal(f"Cannot open the bank or your history: {message}\n\n"
                               "Nothing was changed. Fix the problem above and start again "
                               "(ctrl+q quits)."))
        loading.add_class("error")

    # -- building a request ------------------------------------------------------
    def _form(self) -> PracticeForm | None:
        from interview.tui.widgets.practice_form import PracticeForm

        found = self.query(PracticeForm)
        return found.first() if found else None

    def _filters(self) -> SessionFilters | None:
        """The form's choices, or None (with a message) if they are not usable yet."""
        form = self._form()
        if self.info is None or form is None:
            self.notify("Still loading the bank…", markup=False)
            return None
        try:
            return form.filters(seed=random.randrange(1 << 30))
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return None

    def _mode(self) -> Mode:
        from interview.practice.domain import Mode

        form = self._form()
        return form.mode() if form else Mode.PRACTICE

    def _start(self, filters: SessionFilters) -> None:
        from interview.practice.service import PracticeRequest

        backend = self.interview.backend
        self.interview.start_practice(PracticeRequest(backend.profile, filters, self._mode()))

    # -- actions --------------------------------------------------------------------
    def action_start(self) -> None:
        filters = self._filters()
        if filters is not None:
            self._start(filters)

    def action_due(self) -> None:
        from interview.practice.domain import SessionFilters

        if self.info and self.info.due:
            base = self._filters() or SessionFilters()
            self._start(SessionFilters(count=min(len(self.info.due), 10), prefer_due=True,
                                       seed=base.seed))

    def action_weakest(self) -> None:
        from interview.practice.domain import SessionFilters

        if self.info and self.info.weakest:
            base = self._filters() or SessionFilters()
            names = tuple(name for name, _ in self.info.weakest)
            self._start(SessionFilters(role=base.role, level=base.level, competencies=names,
                                       count=base.count or 5, prefer_weak=True, seed=base.seed))

    def action_resume(self) -> None:
        if self.info and self.info.resumable:
            self.interview.resume_session(self.info.resumable)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"start": self.action_start, "due": self.action_due,
                   "weakest": self.action_weakest, "resume": self.action_resume}
        if event.button.id in actions:
            actions[event.button.id]()
        elif event.button.id == "discard" and self.info and self.info.resumable:
            self.interview.discard_session(self.info.resumable)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.interview.start_plan(event.option.id, self._mode())
