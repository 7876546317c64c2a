"""One past session: its answers, each beside the question exactly as it was
shown then (the stored version, not today's bank), the signals ticked and
missed, hints, time against the limit and the grade.

`p` practises the highlighted question again: the screen dismisses with that
request and the history screen passes it on to home, which starts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from interview.practice.timer import format_seconds
from interview.tui.coding_text import test_run_text
from interview.tui.screens.base import WorkScreen
from interview.tui.text import labelled, literal, reflow

if TYPE_CHECKING:
    from interview.practice.domain import Answer, Session
    from interview.practice.service import PracticeRequest
    from interview.workspace import Workspace
    from interview.workspace.results import AnswerShown


class SessionScreen(WorkScreen["PracticeRequest | None"]):
    CSS_PATH = "session_detail.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("p", "again", "Practise again"),
        Binding("alt+down", "scroll_detail(1)", "Scroll", key_display="alt+↑↓"),
        Binding("alt+up", "scroll_detail(-1)", "Scroll", show=False),
    ]

    class Loaded(Message):
        def __init__(self, session: Session, answers: list[AnswerShown]) -> None:
            super().__init__()
            self.session = session
            self.answers = answers

    class AgainReady(Message):
        def __init__(self, request: PracticeRequest) -> None:
            super().__init__()
            self.request = request

    def __init__(self, workspace: Workspace, session_id: int) -> None:
        super().__init__()
        self.workspace = workspace
        self.session_id = session_id
        self.session: Session | None = None
        self.answers: list[AnswerShown] = []

    def compose(self) -> ComposeResult:
        yield Static(f"Session {self.session_id} · loading…", id="title", markup=False)
        yield OptionList(id="answers")
        with VerticalScroll(id="detail"):
            yield Static("", id="answer-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#answers", OptionList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="session-detail", exit_on_error=False,
          description="Reading the session")
    def _load(self) -> None:
        session = self.workspace.session(self.session_id)
        self.post_message(self.Loaded(session, self.workspace.answers_as_shown(session.id)))

    def on_session_screen_loaded(self, message: Loaded) -> None:
        self.session, self.answers = message.session, message.answers
        session = message.session
        self.query_one("#title", Static).update(
            f"Session {session.id} · {session.mode.value} · {session.filters.describe()} · "
            f"{session.started_at.astimezone():%Y-%m-%d %H:%M} · {len(self.answers)} of "
            f"{len(session.items)} answered")
        listing = self.query_one("#answers", OptionList)
        listing.clear_options()
        listing.add_options(Option(literal(_line(item)), id=str(index))
                            for index, item in enumerate(self.answers))
        if self.answers:
            listing.highlighted = 0
        else:
            self.query_one("#answer-detail", Static).update(
                literal("No answer was recorded in this session."))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.query_one("#answer-detail", Static).update(
                detail(self.answers[int(event.option.id)]))
            self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def action_scroll_detail(self, step: int) -> None:
        self.query_one("#detail", VerticalScroll).scroll_relative(y=step * 3, animate=False)

    def action_again(self) -> None:
        listing = self.query_one("#answers", OptionList)
        if self.session is None or listing.highlighted is None or not self.answers:
            self.notify("There is no answer to practise again.", markup=False)
            return
        self._practise_again(self.answers[listing.highlighted].answer.question_id,
                             self.session)

    @work(thread=True, exclusive=True, group="session-again", exit_on_error=False,
          description="Preparing the question again")
    def _practise_again(self, question_id: str, session: Session) -> None:
        self.post_message(self.AgainReady(self.workspace.practise_again(question_id, session)))

    def on_session_screen_again_ready(self, message: AgainReady) -> None:
        self.dismiss(message.request)

    def action_back(self) -> None:
        self.dismiss(None)


def _line(item: AnswerShown) -> str:
    answer = item.answer
    title = item.shown.title if item.shown else answer.question_id
    return f"#{answer.position + 1}  {_grade(answer):<16} {title}"


def _grade(answer: Answer) -> str:
    if answer.grade is not None:
        return f"{int(answer.grade)} {answer.grade.label}"
    return "awaiting grade" if answer.awaiting_grade else answer.outcome.value


def detail(item: AnswerShown) -> Content:
    """Everything about one answer; bank and answer text shown literally."""
    answer, content = item.answer, (item.shown.content if item.shown else {})
    timing = (f"{format_seconds(answer.seconds_used)} of "
              f"{format_seconds(answer.time_limit_seconds)}"
              f"{' (over time)' if answer.over_time else ''}")
    parts = [
        labelled("", item.shown.title if item.shown else answer.question_id, "bold"),
        literal(f"{answer.competency} · grade {_grade(answer)} · hints used "
                f"{answer.hints_used} · {timing}"),
        Content(""),
        Content.styled("The question, as it was shown", "bold $accent"),
        literal(reflow(str(content.get("prompt") or "(not recorded)"))),
        Content(""),
        Content.styled("Your answer", "bold $accent"),
        literal(answer.text or "(no answer)"),
        Content(""),
        *([test_run_text(answer.test_run), Content("")] if answer.test_run else []),
        Content.styled("Rubric signals", "bold $accent"),
        *_signals(content, answer.signals_hit),
    ]
    flags = _texts(_rubric(content).get("red_flags"))
    if flags:
        parts += [Content(""), Content.styled("Red flags", "bold $accent"),
                  *(literal(f"• {flag}") for flag in flags)]
    return Content("\n").join(parts)


def _signals(content: dict[str, Any], hit: tuple[int, ...]) -> list[Content]:
    signals = _texts(_rubric(content).get("signals"))
    if not signals:
        return [literal("(no rubric)")]
    return [labelled("☑ ticked  " if index in hit else "☐ missed  ", text,
                     "bold $success" if index in hit else "bold $warning")
            for index, text in enumerate(signals)]


def _rubric(content: dict[str, Any]) -> dict[str, Any]:
    rubric = content.get("rubric")
    return rubric if isinstance(rubric, dict) else {}


def _texts(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
