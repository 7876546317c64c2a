"""Home: resume, start a practice from filters, start a plan, or the shortcuts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Input, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from interview.practice.domain import Mode, SessionFilters
from interview.tui.backend import HomeInfo
from interview.tui.screens.base import AppScreen
from interview.tui.text import cell, literal


class HomeScreen(AppScreen):
    # Focus goes to "Start practice" once the form is mounted (see _focus_start).
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
        yield Static("interview · practise senior, staff and senior-staff loops", id="title",
                     markup=False)
        with Horizontal(id="resume-banner"):
            yield Static("", id="resume-text", markup=False)
            yield Button("Resume", id="resume", variant="primary", compact=True)
            yield Button("Discard", id="discard", compact=True)
        with Horizontal(id="home-body"):
            with VerticalScroll(id="practice-form"):
                # The form is mounted when the bank arrives (see _mount_form):
                # its choices come from the taxonomy, and composing it later
                # keeps the first frame fast.
                yield Static("Loading the question bank…", id="loading", markup=False)
            with Vertical(id="side"):
                yield Button("Due for review", id="due", disabled=True, compact=True)
                yield Button("Weakest competencies", id="weakest", disabled=True, compact=True)
                yield Static("", id="weakest-names", markup=False)
                yield Static("Plans (enter to start)", classes="heading", markup=False)
                yield OptionList(id="plans")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#resume-banner").display = False
        if self.interview.home_info is not None:
            self.show_info(self.interview.home_info)

    def show_info(self, info: HomeInfo) -> None:
        first_time = self.info is None
        self.info = info
        self.query_one("#loading").display = False
        if first_time:
            self._mount_form(info)
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
        banner = self.query_one("#resume-banner")
        banner.display = info.resumable is not None
        if info.resumable is not None:
            session = info.resumable
            started = session.started_at.astimezone()  # stored in UTC, shown in local time
            text = (f"Interrupted: {session.filters.describe()} · {info.resumable_answered} of "
                    f"{len(session.items)} answered · {started:%d %b %H:%M}")
            self.query_one("#resume-text", Static).update(literal(text))

    def show_load_error(self, message: str) -> None:
        loading = self.query_one("#loading", Static)
        loading.update(literal(f"Cannot open the bank or your history: {message}\n\n"
                               "Nothing was changed. Fix the problem above and start again "
                               "(ctrl+q quits)."))
        loading.add_class("error")

    def _mount_form(self, info: HomeInfo) -> None:
        form = self.query_one("#practice-form", VerticalScroll)
        form.mount_all([
            Horizontal(
                Select[str](((cell(r), r) for r in info.roles), prompt="Role (any)", id="role",
                            compact=True),
                Select[str](((cell(lv), lv) for lv in info.levels), prompt="Level (any)",
                            id="level", compact=True),
                classes="row",
            ),
            Static("Competencies (space to pick; none = all)", classes="heading", markup=False),
            SelectionList[str](*(Selection(literal(c), c) for c in info.competencies),
                               id="competencies", compact=True),
            Static("Kinds (none = all)", classes="heading", markup=False),
            SelectionList[str](*(Selection(literal(k), k) for k in info.kinds), id="kinds",
                               compact=True),
            Horizontal(
                Input(placeholder="questions", id="count", type="integer", max_length=3,
                      compact=True),
                Input(placeholder="or minutes", id="minutes", type="integer", max_length=4,
                      compact=True),
                classes="row",
            ),
            Select[str]([("practice: reschedules reviews", Mode.PRACTICE.value),
                         ("mock loop: no rescheduling", Mode.MOCK.value)],
                        value=Mode.PRACTICE.value, allow_blank=False, id="mode", compact=True),
            Button("Start practice", id="start", variant="success", compact=True),
        ])
        self.call_after_refresh(self._focus_start)

    def _focus_start(self) -> None:
        # Never steal focus from where the user already is (e.g. the plan list).
        # set_focus is immediate, unlike Widget.focus(), so a focus the user
        # asked for meanwhile (deferred) still lands after this one.
        if self.focused is None:
            self.set_focus(self.query_one("#start", Button))

    # -- building a request ------------------------------------------------------
    def _filters(self) -> SessionFilters | None:
        """The form's choices, or None (with a message) if they are not usable yet."""
        if self.info is None:
            self.notify("Still loading the bank…", markup=False)
            return None

        def number(widget_id: str) -> int | None:
            raw = self.query_one(f"#{widget_id}", Input).value.strip()
            return int(raw) if raw else None

        count, minutes = number("count"), number("minutes")
        if (count is not None and count <= 0) or (minutes is not None and minutes <= 0):
            self.notify("Questions and minutes must be positive numbers.", severity="warning",
                        markup=False)
            return None
        role = self.query_one("#role", Select).value
        level = self.query_one("#level", Select).value
        return SessionFilters(
            role=role if isinstance(role, str) else None,
            level=level if isinstance(level, str) else None,
            competencies=tuple(self.query_one("#competencies", SelectionList).selected),
            kinds=tuple(self.query_one("#kinds", SelectionList).selected),
            count=count,
            minutes=minutes,
            seed=self.interview.backend.clock.now().microsecond,
        )

    def _mode(self) -> Mode:
        value = self.query_one("#mode", Select).value
        return Mode(value) if isinstance(value, str) else Mode.PRACTICE

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
        if self.info and self.info.due:
            base = self._filters() or SessionFilters()
            self._start(SessionFilters(count=min(len(self.info.due), 10), prefer_due=True,
                                       seed=base.seed))

    def action_weakest(self) -> None:
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
