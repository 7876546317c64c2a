"""The end of a session: grades, times, averages, and what to do next.

`h` posts `Closed`; the App goes back home."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from interview.practice.domain import Session
from interview.practice.summary import RunSummary
from interview.practice.timer import format_seconds
from interview.tui.screens.base import WorkScreen
from interview.tui.text import cell, labelled, literal


class SummaryScreen(WorkScreen):
    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("h", "home", "Home"), Binding("escape", "home", "Home", show=False)]

    class Closed(Message):
        """The user is done with the summary."""

    def __init__(self, summary: RunSummary, session: Session) -> None:
        super().__init__()
        self.summary = summary
        self.session = session

    def compose(self) -> ComposeResult:
        summary = self.summary
        average = f"{summary.average:.2f}" if summary.average is not None else "-"
        head = (f"Session complete · {len(summary.lines)} of {summary.planned} questions · "
                f"average grade {average}")
        yield Static(head, id="title", markup=False)
        with VerticalScroll(id="summary-body"):
            yield DataTable(id="answers", cursor_type="row", zebra_stripes=True)
            yield Static("Average per competency", classes="heading")
            averages = summary.competency_averages
            yield Static(literal("\n".join(f"{name}: {value:.2f}" for name, value in
                                           sorted(averages.items(), key=lambda i: i[1]))
                                 or "(nothing graded)"), id="averages")
            yield Static("Scheduled for review", classes="heading")
            scheduled = [labelled(f"{item.due.astimezone():%a %d %b}  ", item.title, "bold")
                         for item in summary.scheduled]
            yield Static(Content("\n").join(scheduled) if scheduled else
                         literal("(nothing rescheduled: mock sessions leave the schedule alone)"
                                 if self.session.mode.value == "mock" else "(nothing graded)"),
                         id="scheduled")
            yield Static("Practise next", classes="heading")
            advice = (", ".join(summary.practise_next) if summary.practise_next
                      else "nothing weak in this session: try a harder level or a new focus")
            yield Static(literal(advice), id="next")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#answers", DataTable)
        # Fixed widths keep the table inside 80 columns; cells are cut with an ellipsis.
        for label, width in (("#", 2), ("Question", 26), ("Competency", 14), ("Grade", 12),
                             ("Time / limit", 15)):
            table.add_column(label, width=width)
        for line in self.summary.lines:
            grade = f"{int(line.grade)} {line.grade.label}" if line.grade else line.outcome.value
            used, limit = line.seconds_used, line.time_limit_seconds
            timing = f"{format_seconds(used)} / {format_seconds(limit)}"
            if line.over_time:
                timing += " over"
            table.add_row(str(line.position + 1), cell(line.title), cell(line.competency),
                          cell(grade), cell(timing))
        table.focus()

    def action_home(self) -> None:
        self.post_message(self.Closed())
