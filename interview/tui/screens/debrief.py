"""The debrief: a candidate's submitted scorecards side by side.

One table of questions and one of competencies, a column per scorecard and
the mean; rows where graders are two or more points apart are marked "!"
and listed first in the heading, to discuss first. `h` or escape posts
`Closed`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from interview.reports.debrief import Debrief, DebriefRow
from interview.tui.screens.base import WorkScreen
from interview.tui.text import cell, fit, literal

KEY_WIDTH = 34
MARK_WIDTH = 9


class DebriefScreen(WorkScreen[None]):
    CSS_PATH = "debrief.tcss"
    BINDINGS = [Binding("h", "close", "Home"), Binding("escape", "close", "Back", show=False)]

    class Closed(Message):
        """The user is done with the debrief."""

    def __init__(self, debrief: Debrief) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        found = self.debrief
        mean = found.overall_mean
        head = (f"Debrief · {found.candidate} · {len(found.interviewers)} scorecard(s) · "
                f"mean {mean:.2f}" if mean is not None else
                f"Debrief · {found.candidate} · {len(found.interviewers)} scorecard(s)")
        yield Static(literal(head), id="status")
        with VerticalScroll(id="debrief-body"):
            splits = found.splits
            yield Static(literal(
                "Split (2+ points apart), discuss first: " + ", ".join(r.key for r in splits)
                if splits else "No splits: every row is within one point."), id="splits")
            yield Static("Questions (1 strong no … 4 strong yes; n/a not asked)",
                         classes="heading")
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            yield Static("Competencies", classes="heading")
            yield DataTable(id="competencies", cursor_type="row", zebra_stripes=True)
            yield Static("Recommendations", classes="heading")
            yield Static(literal("\n".join(
                f"{who}: {r.label if r else '-'}"
                for who, r in zip(found.interviewers, found.recommendations, strict=True))),
                id="recommendations")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fill("#questions", self.debrief.questions)
        self._fill("#competencies", self.debrief.competencies)
        self.query_one("#questions", DataTable).focus()

    def _fill(self, selector: str, rows: tuple[DebriefRow, ...]) -> None:
        table = self.query_one(selector, DataTable)
        table.add_column("", width=KEY_WIDTH)
        for who in self.debrief.interviewers:
            table.add_column(cell(fit(who, MARK_WIDTH)), width=MARK_WIDTH)
        table.add_column("Mean", width=5)
        table.add_column("", width=1)
        for row in rows:
            marks = ["n/a" if asked else (str(int(m)) if m is not None else "-")
                     for m, asked in zip(row.marks, row.not_asked, strict=True)]
            mean = f"{row.mean:.2f}" if row.mean is not None else "-"
            table.add_row(cell(fit(row.key, KEY_WIDTH)), *(cell(m) for m in marks), cell(mean),
                          cell("!" if row.split else ""))

    def action_close(self) -> None:
        self.post_message(self.Closed())
