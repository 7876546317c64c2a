"""Readiness for a target loop: per competency the loop needs, a figure with
its evidence, least ready first, and the three to practise next.

The target starts at the role and level last practised; the two selects
change it. `s` starts a session on the competencies to practise next (the
screen dismisses with the request; the screen below passes it on to home).
The rules are interview.reports.readiness, explained in docs/readiness.md.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Select, Static

from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.screens.base import WorkScreen
from interview.tui.widgets.fitted_table import fill_table

if TYPE_CHECKING:
    from interview.reports.readiness import CompetencyReadiness
    from interview.workspace import Workspace
    from interview.workspace.results import ReadinessInfo

_BAR = 10  # cells in a readiness bar
_SESSION_QUESTIONS = 5


class ReadinessScreen(WorkScreen["PracticeRequest | None"]):
    CSS_PATH = "readiness.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("s", "practise", "Practise next"),
    ]

    class Loaded(Message):
        def __init__(self, info: ReadinessInfo) -> None:
            super().__init__()
            self.info = info

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.info: ReadinessInfo | None = None

    def compose(self) -> ComposeResult:
        yield Static("Readiness · loading…", id="title", markup=False)
        with Horizontal(id="target"):
            yield Select([], prompt="role", id="role", compact=True, allow_blank=True)
            yield Select([], prompt="level", id="level", compact=True, allow_blank=True)
        yield Static("", id="next", markup=False)
        yield Static("", id="calibration", markup=False)
        yield DataTable(id="readiness", cursor_type="row", zebra_stripes=True)
        yield Static("", id="evidence", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#readiness", DataTable).focus()
        self._load(None, None)

    @work(thread=True, exclusive=True, group="readiness", exit_on_error=False,
          description="Working out readiness")
    def _load(self, role: str | None, level: str | None) -> None:
        self.post_message(self.Loaded(self.workspace.readiness(role, level)))

    def on_readiness_screen_loaded(self, message: Loaded) -> None:
        first = self.info is None
        self.info = message.info
        target = message.info.readiness
        if first:
            with self.prevent(Select.Changed):
                for name, values, chosen in (("role", message.info.roles, target.role),
                                             ("level", message.info.levels, target.level)):
                    select = self.query_one(f"#{name}", Select)
                    select.set_options((value, value) for value in values)
                    if chosen in values:
                        select.value = chosen
        overall = "no evidence yet" if target.overall is None else f"{target.overall:.0%}"
        self.query_one("#title", Static).update(
            f"Readiness · {self.workspace.profile} · {target.role} at {target.level} · "
            f"overall {overall}")
        self.query_one("#next", Static).update(
            ("Practise next: " + ", ".join(target.practise_next)) if target.practise_next
            else f"The bank has no questions for {target.role} at {target.level}.")
        self._show_calibration(message.info)
        self._fill_table()

    def _show_calibration(self, info: ReadinessInfo) -> None:
        from interview.reports.calibration import calibration_sentence

        parts = []
        if info.calibration is not None:
            parts.append("Self-grades against your interviewers: "
                         + calibration_sentence(info.calibration) + ".")
        if info.interviewer_graded:
            parts.append(f"Readiness counts the interviewer's grade for "
                         f"{info.interviewer_graded} answer(s) from rehearsals with a peer.")
        widget = self.query_one("#calibration", Static)
        widget.update(" ".join(parts))
        widget.display = bool(parts)

    def on_resize(self) -> None:
        self._fill_table()

    def _fill_table(self) -> None:
        if self.info is None:
            return
        items = self.info.readiness.competencies
        widths = [min(max([10, *(len(i.competency) for i in items)]), self.size.width // 4),
                  _BAR + 5, 0]
        fill_table(self.query_one("#readiness", DataTable), ("Competency", "Ready", "Evidence"),
                   widths, [(i.competency, _bar(i), i.evidence) for i in items],
                   [i.competency for i in items], self.size.width)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole evidence of the highlighted competency, wrapped below the table."""
        if self.info is None:
            return
        for item in self.info.readiness.competencies:
            if item.competency == event.row_key.value:
                self.query_one("#evidence", Static).update(f"{item.competency}: {item.evidence}")

    def on_select_changed(self, _: Select.Changed) -> None:
        role = self.query_one("#role", Select).value
        level = self.query_one("#level", Select).value
        if isinstance(role, str) and isinstance(level, str):
            self._load(role, level)

    def action_practise(self) -> None:
        if self.info is None or not self.info.readiness.practise_next:
            self.notify("Nothing to practise for this target yet.", markup=False)
            return
        target = self.info.readiness
        self.dismiss(PracticeRequest(SessionFilters(
            role=target.role, level=target.level, competencies=target.practise_next,
            count=_SESSION_QUESTIONS, seed=random.randrange(1 << 30))))

    def action_back(self) -> None:
        self.dismiss(None)


def _bar(item: CompetencyReadiness) -> str:
    """A bar told apart by length, then the figure: "██████░░░░ 60%"."""
    if item.score is None:
        return "no evidence"
    filled = round(item.score * _BAR)
    return f"{'█' * filled}{'░' * (_BAR - filled)} {item.score:.0%}"
