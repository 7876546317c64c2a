"""Past sessions, newest first, a page at a time, filtered as the reviewer asks.

Enter opens a session (SessionScreen); `[` and `]` page; the filter row
narrows the list in SQL (Store.list_sessions), so a million answers never
load at once. The screen dismisses with a PracticeRequest when the reviewer
asks to practise a question again; the home screen starts it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Select, Static

from interview.practice.domain import Mode
from interview.store.views import SessionQuery
from interview.tui.screens.base import WorkScreen
from interview.tui.widgets.fitted_table import fill_table
from interview.workspace import HISTORY_PAGE

if TYPE_CHECKING:
    from interview.practice.service import PracticeRequest
    from interview.store.views import SessionSummary
    from interview.tui.screens.export import ExportChoice
    from interview.workspace import Workspace
    from interview.workspace.results import HistoryPage

_ANY = Select.NULL  # a Select with nothing chosen: no filter
_COLUMNS = ("Date", "Mode", "Session", "Done", "Avg", "Minutes")
_WITH_TIME = 100  # from this width on, the date column shows the time of day too


class HistoryScreen(WorkScreen["PracticeRequest | None"]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+g", "back", "Home", show=False),
        Binding("enter", "open", "Open"),
        Binding("right_square_bracket", "page(1)", "Pages", key_display="[ ]"),
        Binding("left_square_bracket", "page(-1)", "Previous page", show=False),
        Binding("ctrl+t", "trends", "Trends", priority=True, id="history.trends"),
        Binding("ctrl+r", "readiness", "Readiness", priority=True),
        Binding("ctrl+x", "export", "Export", priority=True),
        Binding("slash", "filters", "Filter", show=False),
    ]

    class PageLoaded(Message):
        def __init__(self, page: HistoryPage, query: SessionQuery) -> None:
            super().__init__()
            self.page = page
            self.query = query

    class OptionsLoaded(Message):
        """The bank's roles, levels and competencies, for the filter row."""

        def __init__(self, roles: list[str], levels: list[str],
                     competencies: list[str]) -> None:
            super().__init__()
            self.roles, self.levels, self.competencies = roles, levels, competencies

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.page: HistoryPage | None = None
        self._offset = 0

    def compose(self) -> ComposeResult:
        yield Static("History · loading…", id="title", markup=False)
        with Horizontal(id="filters"):
            yield Select([(m.value, m) for m in Mode], prompt="any mode", id="mode",
                         compact=True)
            yield Select([], prompt="any role", id="role", compact=True)
            yield Select([], prompt="any level", id="level", compact=True)
            yield Select([], prompt="competency", id="competency", compact=True)
            # Dates are YYYY-MM-DD; anything else is refused with that hint.
            yield Input(placeholder="from date", id="since", compact=True,
                        restrict=r"[0-9-]*", max_length=10)
            yield Input(placeholder="to date", id="until", compact=True,
                        restrict=r"[0-9-]*", max_length=10)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).focus()
        self._load_page(SessionQuery(), 0)
        self._load_options()

    # -- loading ----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="history-page", exit_on_error=False,
          description="Reading past sessions")
    def _load_page(self, query: SessionQuery, offset: int) -> None:
        self.post_message(self.PageLoaded(self.workspace.history_page(query, offset), query))

    @work(thread=True, exclusive=True, group="history-options", exit_on_error=False,
          description="Reading the bank for the filters")
    def _load_options(self) -> None:
        taxonomy = self.workspace.bank().taxonomy
        self.post_message(self.OptionsLoaded(list(taxonomy.roles), list(taxonomy.levels),
                                             list(taxonomy.competencies)))

    def on_history_screen_options_loaded(self, message: OptionsLoaded) -> None:
        for name, values in (("role", message.roles), ("level", message.levels),
                             ("competency", message.competencies)):
            self.query_one(f"#{name}", Select).set_options((value, value) for value in values)

    def on_history_screen_page_loaded(self, message: PageLoaded) -> None:
        if message.query != self._query(quiet=True):
            return  # the filters changed while this page was read; a newer one is coming
        self.page = message.page
        self._offset = message.page.offset
        self._show_page()

    def _show_page(self) -> None:
        page = self.page
        if page is None:
            return
        title = self.query_one("#title", Static)
        empty = self.query_one("#empty", Static)
        table = self.query_one("#sessions", DataTable)
        if page.total:
            first, last = page.offset + 1, page.offset + len(page.sessions)
            more = "" if page.counted_all else "+"
            title.update(f"History · {self.workspace.profile} · sessions {first}–{last} of "
                         f"{page.total:,}{more}")
        else:
            title.update(f"History · {self.workspace.profile}")
        filtered = self._query(quiet=True) != SessionQuery()
        empty.update("" if page.sessions else (
            "No session matches these filters." if filtered else
            "No sessions yet: practise from the home screen and they appear here."))
        empty.display = not page.sessions
        self._fill_table(table, page.sessions)

    def on_resize(self) -> None:
        self._show_page()

    def _fill_table(self, table: DataTable[object], sessions: tuple[SessionSummary, ...]
                    ) -> None:
        wide = self.size.width >= _WITH_TIME
        rows = [_row(s, wide) for s in sessions]
        widths = [16 if wide else 10, 11, 0, 5, 4, max([7, *(len(r[5]) for r in rows)])]
        fill_table(table, _COLUMNS, widths, rows, [str(s.id) for s in sessions],
                   self.size.width)

    # -- filters ----------------------------------------------------------------------
    def on_select_changed(self, _: Select.Changed) -> None:
        self._refilter()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._refilter()

    def on_input_changed(self, event: Input.Changed) -> None:
        if len(event.value) in (0, 10):  # a whole date, or cleared
            self._refilter()

    def _refilter(self) -> None:
        query = self._query()
        if query is not None:
            self._load_page(query, 0)

    def _query(self, *, quiet: bool = False) -> SessionQuery | None:
        """The filter row as a query; None (and a message, unless quiet) when a
        date is not a real date yet."""
        def chosen(name: str) -> str | None:
            value = self.query_one(f"#{name}", Select).value
            return None if value is _ANY else str(value)

        mode = self.query_one("#mode", Select).value
        try:
            since = _day(self.query_one("#since", Input).value)
            until = _day(self.query_one("#until", Input).value)
        except ValueError as error:
            if not quiet:
                self.notify(str(error), severity="warning", markup=False)
            return None
        return SessionQuery(mode=None if mode is _ANY else Mode(str(mode)),
                            role=chosen("role"), level=chosen("level"),
                            competency=chosen("competency"),
                            since=_start_of(since), until=_start_of(until, days=1))

    def action_filters(self) -> None:
        self.query_one("#mode", Select).focus()

    # -- actions ----------------------------------------------------------------------
    def action_page(self, step: int) -> None:
        page, query = self.page, self._query()
        if page is None or query is None:
            return
        offset = page.offset + step * HISTORY_PAGE
        if offset < 0:
            self.notify("This is the first page.", markup=False)
        elif offset >= page.total:
            self.notify("This is the last page.", markup=False)
        else:
            self._load_page(query, offset)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if self.page and self.page.sessions:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _open(self, key: str | None) -> None:
        from interview.tui.screens.session_detail import SessionScreen

        if key is None:
            return
        self.app.push_screen(SessionScreen(self.workspace, int(key)), self._after_detail)

    def _after_detail(self, request: PracticeRequest | None) -> None:
        if request is not None:
            self.dismiss(request)

    def action_trends(self) -> None:
        from interview.tui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self.workspace))

    def action_readiness(self) -> None:
        from interview.tui.screens.readiness import ReadinessScreen

        self.app.push_screen(ReadinessScreen(self.workspace), self._after_detail)

    def action_export(self) -> None:
        """The report of `interview report`, written where the user says (or downloaded)."""
        from interview.tui.screens.export import ExportScreen, ask_and_export

        def render(choice: ExportChoice) -> tuple[str, str]:
            report = self.workspace.report(choice.output_format,
                                           include_answers=choice.include_all)
            return report.text, (f"the report ({report.sessions} sessions, "
                                 f"{report.answers} answers)")

        ask_and_export(self, ExportScreen(self.workspace.clock.now().astimezone().date()),
                       render)

    def action_back(self) -> None:
        self.dismiss(None)


def _row(s: SessionSummary, with_time: bool) -> tuple[str, ...]:
    average = f"{s.average_grade:.1f}" if s.average_grade is not None else "-"
    status = "" if s.status.value == "completed" else f" ({s.status.value})"
    started = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
    # Minutes used of the minutes planned, rounded: "69/90".
    return (started, s.mode.value, f"{s.description}{status}", f"{s.answered}/{s.planned}",
            average, f"{round(s.seconds_used / 60)}/{round(s.budget_seconds / 60)}")


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _start_of(day: date | None, days: int = 0) -> datetime | None:
    """Local midnight of `day` (plus `days`), as UTC: the filter's day boundary."""
    if day is None:
        return None
    local = datetime.combine(day + timedelta(days=days), datetime.min.time()).astimezone()
    return local.astimezone(UTC)
