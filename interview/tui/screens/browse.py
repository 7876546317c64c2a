"""The bank, searched as you type: results on every keystroke from the
typo-tolerant index (interview.search), narrowed by role, level, competency
and kind, each saying why it matched; the highlighted question's preview
beside them (below them on a narrow terminal), with your own history of it.

The search runs on the UI thread: it takes a few milliseconds even at
100,000 questions, and a worker's thread hops would cost as much again.
Only building the index (about 1.5 s at 100,000) happens in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Select, Static

from interview.bank.filters import QuestionFilter
from interview.search.why import matched_fields
from interview.tui.screens.base import WorkScreen
from interview.tui.widgets.fitted_table import fill_table
from interview.tui.widgets.question_preview import question_preview

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.model import Question
    from interview.search.index import SearchIndex
    from interview.store.views import QuestionPractice
    from interview.workspace import Workspace

RESULTS = 30  # shown at once (more than fit at 120x40); typing narrows the rest
_FILTERS = ("role", "level", "competency", "kind")


class PreviewPane(VerticalScroll):
    """The preview; enter gives it the whole screen (containers refuse by default)."""

    ALLOW_MAXIMIZE = True


class BrowseScreen(WorkScreen[None]):
    CSS_PATH = "browse.tcss"
    ESCAPE_TO_MINIMIZE = False  # action_back minimizes, then puts focus back on the list
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("a", "add", "Add to plan"),
        Binding("ctrl+n", "new_plan", "New plan", priority=True, id="browse.new_plan"),
        Binding("slash", "search", "Search"),
        # priority: the search box would take enter for itself and hide the key.
        Binding("enter", "preview", "Preview", priority=True),
        Binding("escape", "back", "Back"),
        Binding("down", "results", show=False),
        Binding("alt+down", "scroll_preview(1)", "Scroll", key_display="alt+↑↓"),
        Binding("alt+up", "scroll_preview(-1)", "Scroll", show=False),
    ]

    class Ready(Message):
        """The bank and its index are loaded."""

        def __init__(self, bank: Bank, index: SearchIndex) -> None:
            super().__init__()
            self.bank = bank
            self.index = index

    class Practised(Message):
        def __init__(self, question_id: str, practice: QuestionPractice) -> None:
            super().__init__()
            self.question_id = question_id
            self.practice = practice

    def __init__(self, workspace: Workspace,
                 adding_to: Callable[[str], bool] | None = None) -> None:
        """`adding_to`: the plan editor's add, called with the highlighted
        question's id on `a` (or enter); True if it was added."""
        super().__init__()
        self.workspace = workspace
        self.adding_to = adding_to
        self.bank: Bank | None = None
        self.index: SearchIndex | None = None
        self.shown: list[Question] = []  # the results, best first
        self._previewed: str | None = None  # the question in the preview
        self._practised: dict[str, str] = {}  # question id -> its "Your practice" line

    def compose(self) -> ComposeResult:
        yield Static("Bank · loading the questions…", id="title", markup=False)
        yield Input(placeholder="Search titles, tags and prompts; typos are fine", id="query",
                    compact=True)
        with Horizontal(id="filters"):
            for name in _FILTERS:
                yield Select([], prompt=f"any {name}", id=name, compact=True)
        with Horizontal(id="browse-body"):
            yield DataTable(id="results", cursor_type="row", show_header=False)
            with PreviewPane(id="preview"):
                yield Static("", id="preview-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self._load()

    @work(thread=True, exclusive=True, group="browse-load", exit_on_error=False,
          description="Loading and indexing the bank")
    def _load(self) -> None:
        bank = self.workspace.bank()
        self.post_message(self.Ready(bank, self.workspace.search_index()))

    def on_browse_screen_ready(self, message: Ready) -> None:
        self.bank, self.index = message.bank, message.index
        taxonomy = message.bank.taxonomy
        sections = {"role": taxonomy.roles, "level": taxonomy.levels,
                    "competency": taxonomy.competencies, "kind": taxonomy.kinds}
        with self.prevent(Select.Changed):
            for name in _FILTERS:
                self.query_one(f"#{name}", Select).set_options(
                    (key, key) for key in sections[name])
        self.refresh_results()

    # -- searching ------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "query":
            self.refresh_results()

    def on_select_changed(self, _: Select.Changed) -> None:
        self._previewed = None  # the level's bar may change even for the same question
        self.refresh_results()

    def refresh_results(self) -> None:
        """Search again for what the box and the filters say, and show it."""
        if self.bank is None or self.index is None:
            return
        query = self.query_one("#query", Input).value
        where = self._where()
        if query.strip():
            self.shown = [hit.question for hit in self.index.search(query, RESULTS,
                                                                    where=where)]
        else:
            self.shown = self._first(where)
        self._fill_results(query)
        self._preview_highlighted()
        total = len(self.bank)
        found = (f"{len(self.shown)} shown" if len(self.shown) < RESULTS
                 else f"best {RESULTS} shown")
        self.query_one("#title", Static).update(
            f"Bank · {total:,} questions · {found}" if self.shown else
            f"Bank · {total:,} questions · nothing matches: fewer words or filters find more")

    def _fill_results(self, query: str) -> None:
        # A DataTable, not an OptionList: an OptionList measures every option's
        # wrapped height on each update, which cost ~15 ms a keystroke.
        table = self.query_one("#results", DataTable)
        table.move_cursor(row=0)
        width = table.size.width or self.size.width
        fill_table(table, ("Question", "Competency", "Why"),
                   [0, min(24, max(width // 5, 10)), 16],
                   [_result_row(q, query) for q in self.shown], [q.id for q in self.shown],
                   width + 4)

    def on_resize(self) -> None:
        if self.bank is not None:
            self._fill_results(self.query_one("#query", Input).value)

    def _where(self) -> QuestionFilter:
        def chosen(name: str) -> tuple[str, ...]:
            value = self.query_one(f"#{name}", Select).value
            return (str(value),) if isinstance(value, str) else ()

        role, level = chosen("role"), chosen("level")
        return QuestionFilter(role[0] if role else None, level[0] if level else None,
                              chosen("competency"), chosen("kind"))

    def _first(self, where: QuestionFilter) -> list[Question]:
        """With nothing typed: the first questions the filters allow, by id."""
        assert self.bank is not None
        found = []
        for question in sorted(self.bank, key=lambda q: q.id):
            if not where.narrows or where.matches(question):
                found.append(question)
                if len(found) == RESULTS:
                    break
        return found

    # -- the preview ------------------------------------------------------------------
    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._preview_highlighted()

    def _preview_highlighted(self) -> None:
        question = self._highlighted()
        if question is not None and question.id == self._previewed:
            return  # the same question again (a new keystroke kept it first)
        self._previewed = question.id if question else None
        self._show_preview(question)
        if question is not None and question.id not in self._practised:
            self._read_practice(question.id)

    def _show_preview(self, question: Question | None) -> None:
        text = self.query_one("#preview-text", Static)
        if question is None:
            text.update("")
            return
        level = self.query_one("#level", Select).value
        levels = list(self.bank.taxonomy.levels) if self.bank else []
        self._previewed = question.id
        text.update(question_preview(question, level if isinstance(level, str) else None,
                                     self._practised.get(question.id, "Your practice: …"),
                                     levels))

    @work(thread=True, exclusive=True, group="browse-practice", exit_on_error=False,
          description="Reading your history of the question")
    def _read_practice(self, question_id: str) -> None:
        self.post_message(self.Practised(question_id,
                                         self.workspace.question_practice(question_id)))

    def on_browse_screen_practised(self, message: Practised) -> None:
        self._practised[message.question_id] = _practised(message.practice)
        current = self._highlighted()
        if current is not None and current.id == message.question_id:
            self._show_preview(current)

    def _highlighted(self) -> Question | None:
        row = self.query_one("#results", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # -- actions ----------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_results(self) -> None:
        if self.shown:
            self.query_one("#results", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add":
            return self.adding_to is not None  # the key is only there for the plan editor
        if action == "new_plan":
            return self.adding_to is None  # already drafting one
        return True

    def action_new_plan(self) -> None:
        """Draft a plan for the chosen role and level, starting with this question."""
        from interview.bank.plan_draft import PlanDraft
        from interview.tui.screens.plan_editor import PlanEditorScreen

        if self.bank is None:
            return
        role = self.query_one("#role", Select).value
        level = self.query_one("#level", Select).value
        question = self._highlighted()
        draft = PlanDraft("my-plan", "My plan",
                          role if isinstance(role, str) else next(iter(self.bank.taxonomy.roles)),
                          level if isinstance(level, str) else
                          (question.levels[0] if question else "senior"))
        draft.add_round()
        if question is not None:
            draft.add_question(0, question.id)
        self.app.push_screen(PlanEditorScreen(self.workspace, draft,
                                              note="A new plan: give it an id and a title, "
                                              "then ctrl+s saves it."))

    def action_add(self) -> None:
        question = self._highlighted()
        if self.adding_to is None or question is None:
            return
        if self.adding_to(question.id):
            self.notify(f"Added {question.id} to the plan.", markup=False)

    def action_preview(self) -> None:
        """Give the preview the whole screen (escape gives it back); when adding
        to a plan, enter adds instead."""
        if isinstance(self.focused, Select) or self.maximized is not None:
            raise SkipAction  # enter opens a list, or scrolls the preview, as usual
        if self.adding_to is not None and not isinstance(self.focused, Input):
            self.action_add()
            return
        if self._highlighted() is not None:
            preview = self.query_one("#preview", PreviewPane)
            self.maximize(preview)
            preview.focus()

    def action_scroll_preview(self, step: int) -> None:
        self.query_one("#preview", VerticalScroll).scroll_relative(y=step * 3, animate=False)

    def action_back(self) -> None:
        if self.maximized is not None:
            self.minimize()
            self.query_one("#results", DataTable).focus()
            return
        self.dismiss(None)


def _result_row(question: Question, query: str) -> tuple[str, str, str]:
    """Title, competency, and why it matched: the fields holding the query's
    words, or "similar words" when only a close spelling did."""
    why = matched_fields(question, query) if query.strip() else ()
    reason = ", ".join(why) if why else ("similar words" if query.strip() else "")
    title = f"{question.title} (draft)" if question.draft else question.title
    return (title, question.competency, reason)


def _practised(practice: QuestionPractice) -> str:
    if not practice.answers:
        return "Your practice: not answered yet"
    grade = (f"last grade {int(practice.last_grade)} ({practice.last_grade.label})"
             if practice.last_grade is not None else "last answer not graded")
    when = (f" on {practice.last_answered_at.astimezone():%Y-%m-%d}"
            if practice.last_answered_at else "")
    return f"Your practice: answered {practice.answers} time(s); {grade}{when}"
