"""How each competency is going: grades over time, the last five against the
five before, time over the limit, hints, and what spaced repetition says;
below, the highlighted competency's grades as a chart and a calendar of
practice days with the current streak. The figures come from
interview.reports (explained in docs/readiness.md).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Static
from textual_plotext import PlotextPlot

from interview.reports.calendar import heatmap_weeks, intensity
from interview.tui.screens.base import WorkScreen
from interview.tui.widgets.fitted_table import fill_table

if TYPE_CHECKING:
    from interview.reports.trends import CompetencyTrend
    from interview.workspace import Workspace
    from interview.workspace.results import TrendsInfo

# A grade is drawn at its own height, 1 lowest and 4 highest. Textual's
# Sparkline scales each series to its own minimum and maximum, which would
# draw grades 3, 3, 4 as a fall to nothing; this keeps the scale fixed.
_GRADE_BARS = {1: "▁", 2: "▃", 3: "▅", 4: "█"}
_SPARK_WIDTH = 8
# Practice days by how busy they were (intensity 0..4): told apart by shape, not colour.
_DAY_MARKS = ("·", "░", "▒", "▓", "█")
_COLUMNS = ("Competency", "Grades", "Graded", "Avg", "Last 5", "Over", "Hints", "Due",
            "Recall")


class TrendsScreen(WorkScreen[None]):
    CSS_PATH = "trends.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("alt+down", "scroll_detail(1)", "Scroll", key_display="alt+↑↓"),
        Binding("alt+up", "scroll_detail(-1)", "Scroll", show=False),
    ]

    class Loaded(Message):
        def __init__(self, info: TrendsInfo) -> None:
            super().__init__()
            self.info = info

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.info: TrendsInfo | None = None

    def compose(self) -> ComposeResult:
        yield Static("Trends · loading…", id="title", markup=False)
        yield DataTable(id="trends", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="trend-detail"):
            yield Static("Graded: answers graded of answers · Last 5: their average and its "
                         "change against the 5 before · Over: "
                         "share over the time limit · Due: now/this week · Recall: chance "
                         "you remember it now (FSRS)", id="legend", markup=False)
            yield Static("", id="chart-title", classes="heading", markup=False)
            yield PlotextPlot(id="chart")
            yield Static("", id="calendar-title", classes="heading", markup=False)
            yield Static("", id="calendar")
            yield Static("", id="calibration-title", classes="heading", markup=False)
            yield Static("", id="calibration", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#trends", DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="trends", exit_on_error=False,
          description="Reading your answers")
    def _load(self) -> None:
        self.post_message(self.Loaded(self.workspace.trends()))

    def on_trends_screen_loaded(self, message: Loaded) -> None:
        self.info = message.info
        info = message.info
        streak = f"{info.streak}-day streak" if info.streak else "no current streak"
        self.query_one("#title", Static).update(
            f"Trends · {self.workspace.profile} · {len(info.records)} answers · {streak}")
        self._show()

    def on_resize(self) -> None:
        self._show()

    def _show(self) -> None:
        if self.info is None:
            return
        self._fill_table(self.info.trends)
        self._show_calendar(self.info)
        self._show_calibration(self.info)
        if not self.info.trends:
            self.query_one("#chart-title", Static).update(
                "No answers yet: practise and your trends appear here.")
            self.query_one("#chart").display = False

    def _show_calibration(self, info: TrendsInfo) -> None:
        """Self-grades against interviewers', per competency, once a peer has graded any."""
        from interview.reports.calibration import calibration_sentence

        title = self.query_one("#calibration-title", Static)
        body = self.query_one("#calibration", Static)
        title.display = body.display = bool(info.calibration)
        if info.calibration:
            title.update("Self-grades against your interviewers (self minus interviewer)")
            body.update("\n".join(f"{c.competency}: {calibration_sentence(c)}"
                                  for c in info.calibration))

    def _fill_table(self, trends: list[CompetencyTrend]) -> None:
        rows = [_row(trend) for trend in trends]
        widths = [0, _SPARK_WIDTH, max([6, *(len(r[2]) for r in rows)]), 4, 9, 5, 5,
                  max([5, *(len(r[7]) for r in rows)]), 6]
        fill_table(self.query_one("#trends", DataTable), _COLUMNS, widths, rows,
                   [trend.competency for trend in trends], self.size.width)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.info is None or event.row_key.value is None:
            return
        trend = next((t for t in self.info.trends if t.competency == event.row_key.value),
                     None)
        if trend is not None:
            self._show_chart(trend)

    def _show_chart(self, trend: CompetencyTrend) -> None:
        chart = self.query_one("#chart", PlotextPlot)
        title = self.query_one("#chart-title", Static)
        chart.display = len(trend.grades) >= 2
        if not chart.display:
            title.update(f"{trend.competency}: a chart needs two grades "
                         f"({len(trend.grades)} so far)")
            return
        title.update(f"{trend.competency}: grade by answer, oldest first")
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        positions = list(range(1, len(trend.grades) + 1))
        plt.plot(positions, list(trend.grades), marker="braille")
        plt.scatter(positions, list(trend.grades), marker="●")
        plt.ylim(0.8, 4.2)
        plt.yticks([1, 2, 3, 4], ["1 strong no", "2 no", "3 yes", "4 strong yes"])
        step = max(1, len(positions) // 6)
        plt.xticks([float(p) for p in positions[::step]], [str(p) for p in positions[::step]])
        plt.xlabel("answer")
        chart.refresh()

    def _show_calendar(self, info: TrendsInfo) -> None:
        weeks = max(min((self.size.width - 8) // 2, 26), 4)
        grid = heatmap_weeks(info.days, info.today, weeks)
        busiest = max(info.days.values(), default=0)
        rows = []
        for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
            marks = [" " if column[weekday] is None
                     else _DAY_MARKS[intensity(column[weekday] or 0, busiest)]
                     for column in grid]
            rows.append(f"{name:<4}" + " ".join(marks))
        first = info.today - timedelta(weeks=weeks - 1, days=info.today.weekday())
        self.query_one("#calendar-title", Static).update(
            f"Practice days since {_day(first)} ({_DAY_MARKS[0]} none, {_DAY_MARKS[-1]} "
            "busiest)")
        self.query_one("#calendar", Static).update(Content("\n".join(rows)))

    def action_scroll_detail(self, step: int) -> None:
        self.query_one("#trend-detail", VerticalScroll).scroll_relative(y=step * 3,
                                                                        animate=False)

    def action_back(self) -> None:
        self.dismiss(None)


def _row(trend: CompetencyTrend) -> tuple[str, ...]:
    spark = "".join(_GRADE_BARS.get(grade, "?") for grade in trend.grades[-_SPARK_WIDTH:])
    change = trend.change
    recent = "-" if trend.recent_average is None else f"{trend.recent_average:.1f}"
    if change is not None:
        recent += f" {change:+.1f}"
    return (trend.competency, spark or "-", f"{trend.graded}/{trend.answers}",
            _number(trend.average),
            recent, _percent(trend.over_time_rate), _number(trend.hints_per_answer),
            f"{trend.due_now}/{trend.due_this_week}", _percent(trend.retrievability))


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _day(day: date) -> str:
    return f"{day:%d %b %Y}"
