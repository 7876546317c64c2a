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
from interview.practice.summary import AnswerLine, RunSummary
from interview.practice.timer import format_seconds
from interview.tui.screens.base import WorkScreen
from interview.tui.text import cell, fit, labelled, literal


class SummaryScreen(WorkScreen[None]):
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
        self.query_one("#answers", DataTable).focus()

    def on_resize(self) -> None:
        # The columns share the width there is (rebuilt on every resize); the
        # body's padding and the scrollbar take four columns.
        self._fill_table(self.size.width - 4)

    def _fill_table(self, width: int) -> None:
        table = self.query_one("#answers", DataTable)
        table.clear(columns=True)
        rows = [(str(line.position + 1), line.title, line.competency, _grade(line),
                 _timing(line)) for line in self.summary.lines]
        fixed = {"#": 2, "Grade": 12, "Time / limit": max([12, *(len(r[4]) for r in rows)])}
        # Each column has one cell of padding either side; the rest goes to the texts.
        spare = max(width - sum(fixed.values()) - 2 * 5, 20)
        competency = min(max([10, *(len(r[2]) for r in rows)]), spare // 3)
        widths = [fixed["#"], spare - competency, competency, fixed["Grade"],
                  fixed["Time / limit"]]
        for label, column_width in zip(("#", "Question", "Competency", "Grade", "Time / limit"),
                                       widths, strict=True):
            table.add_column(label, width=column_width)
        for row in rows:
            table.add_row(*(cell(fit(text, column_width))
                            for text, column_width in zip(row, widths, strict=True)))

    def action_home(self) -> None:
        self.post_message(self.Closed())


def _grade(line: AnswerLine) -> str:
    return f"{int(line.grade)} {line.grade.label}" if line.grade else line.outcome.value


def _timing(line: AnswerLine) -> str:
    timing = f"{format_seconds(line.seconds_used)} / {format_seconds(line.time_limit_seconds)}"
    return f"{timing} over" if line.over_time else timing

