"""Answering one question under a countdown.

Drafts are saved in this screen's worker; submit and skip post
`QuestionClosed`, and the App shows the rubric. A coding question's answer
box is a code editor holding the starter; ctrl+r runs the exercise's tests
on it (interview.coding, in a thread worker), and submitting runs them on
the submitted code unless that exact code was just run, so the stored run
always belongs to the stored code.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static, TextArea

from interview.coding.results import TestRun
from interview.practice.engine import IllegalTransition, Phase, PracticeRun
from interview.practice.timer import TimerState
from interview.tui.coding_text import exercise_brief, test_run_text
from interview.tui.screens.base import RunScreen
from interview.tui.text import labelled, literal, reflow
from interview.tui.web import may_run_code
from interview.tui.widgets.code_editor import code_editor
from interview.tui.widgets.countdown import CountdownDisplay

DRAFT_EVERY_SECONDS = 3.0


class PracticeScreen(RunScreen):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("ctrl+n", "hint", "Hint", priority=True, id="practice.hint"),
        Binding("ctrl+o", "skip", "Skip", priority=True),
        Binding("ctrl+b", "pause", "Pause", priority=True),
        Binding("ctrl+r", "run_tests", "Run tests", priority=True),
        # The prompt scrolls while typing goes on in the answer box.
        Binding("alt+down", "scroll_prompt(3)", "Prompt", key_display="alt+↑↓", priority=True),
        Binding("alt+up", "scroll_prompt(-3)", "Prompt up", show=False, priority=True),
    ]

    class QuestionClosed(Message):
        """The question was submitted or skipped: show `run`'s rubric."""

        def __init__(self, run: PracticeRun) -> None:
            super().__init__()
            self.run = run

    def __init__(self, run: PracticeRun) -> None:
        super().__init__(run)
        self._saved_text = run.text
        self._closing = False
        self._last_run: tuple[str, TestRun] | None = None  # (the code run, what it found)
        # This screen's question's, kept: the footer may ask about keys after
        # the run has moved on (a finished run has no current question).
        self.exercise = run.question.exercise
        self._announced_expiry = run.countdown.expired

    def compose(self) -> ComposeResult:
        run = self.run
        question = run.question
        level = run.session.level or "/".join(question.levels)
        meta = (f"{self.mode_label} · {run.position + 1}/{run.total} · {run.competency} · "
                f"{level} · {question.kind}")
        if run.item.round_title:
            meta += f" · {run.item.round_title}"
        with Horizontal(id="status"):
            yield Static(literal(meta), id="meta")
            yield CountdownDisplay("⏱", run.countdown, id="question-clock")
            yield CountdownDisplay("Σ", run.session_countdown, id="session-clock")
        with VerticalScroll(id="question"):
            yield Static(literal(question.title), id="title")
            yield Static(literal(reflow(question.prompt)), id="prompt")
            exercise = question.exercise
            if exercise is not None:
                how = ("ctrl+r runs the tests; submitting runs them on what you submit."
                       if may_run_code(self.app.is_web) else "This page does not run code: "
                       "compare yours with the reference after submitting.")
                yield Static(exercise_brief(exercise, how), id="exercise")
                yield Static("", id="tests")
            yield Static("", id="hints")
        if exercise is not None:
            yield code_editor(run.text or exercise.starter, exercise.language, id="answer")
        else:
            yield TextArea(run.text, id="answer", placeholder="Type your answer here…",
                           soft_wrap=True, tab_behavior="indent")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_hints()
        # Focus never leaves the answer box (shift+tab used to strand it on the
        # prompt, where typing went nowhere); alt+arrows scroll the prompt.
        self.query_one("#question", VerticalScroll).can_focus = False
        answer = self.query_one("#answer", TextArea)
        answer.move_cursor(answer.document.end)  # a resumed draft goes on where it stopped
        answer.focus()
        self.set_interval(0.5, self._tick)
        self.set_interval(DRAFT_EVERY_SECONDS, self._save_draft)

    def _answer(self) -> str:
        return self.query_one("#answer", TextArea).text

    def _tick(self) -> None:
        state = self.query_one("#question-clock", CountdownDisplay).tick()
        self.query_one("#session-clock", CountdownDisplay).tick()
        if state is TimerState.EXPIRED and not self._announced_expiry:
            self._announced_expiry = True
            self.notify("Time is up for this question. Keep writing if you like; it will be "
                        "marked over time. ctrl+s submits.", title="Time", severity="warning",
                        markup=False)

    def _save_draft(self) -> None:
        # Saved while the clock runs even if nothing new was typed: thinking
        # time counts, and a kill must not rewind the clock to the last keystroke.
        text = self._answer()
        if (text == self._saved_text and self.run.paused) or self._closing:
            return
        self._saved_text = text
        # The position goes with the text: a save that runs late must not land elsewhere.
        self._write_draft(text, self.run.position)

    @work(thread=True, group="draft", exit_on_error=False, description="Saving the draft")
    def _write_draft(self, text: str, position: int) -> None:
        self.run.save_draft(text, position)

    def before_leaving(self) -> None:
        self.save_draft_now()

    def save_draft_now(self) -> None:
        """On quit: keep the last seconds of typing too (a blocking write of ~ms)."""
        if self.run.phase is Phase.ASKING:
            self.run.save_draft(self._answer(), self.run.position)

    def _show_hints(self) -> None:
        hints = self.run.hints
        widget = self.query_one("#hints", Static)
        widget.display = bool(hints)
        lines = [labelled(f"Hint {n}: ", hint, "bold $warning") for n, hint in
                 enumerate(hints, 1)]
        if lines:
            widget.update(Content("\n").join(lines))

    # -- actions ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run_tests":
            return self.exercise is not None
        return True

    def action_submit(self) -> None:
        if self.exercise is None or not may_run_code(self.app.is_web):
            self._finish(self.run.submit)
            return
        if not self._closing:  # the run can take seconds: say what is happening
            self.query_one("#tests", Static).update(literal("Running the tests on what you "
                                                            "submit…"))
        self._finish(lambda code: self.run.submit(code, self._tested(code).to_dict()))

    def action_run_tests(self) -> None:
        if self._closing:
            return
        if not may_run_code(self.app.is_web):
            self.notify("This page does not run code: the server was started without "
                        "--run-code. Compare your code with the reference after submitting.",
                        severity="warning", markup=False, timeout=8)
            return
        self.query_one("#tests", Static).update(literal("Running the tests…"))
        self._run_tests(self._answer())

    @work(thread=True, exclusive=True, group="tests", exit_on_error=False,
          description="Running the tests")
    def _run_tests(self, code: str) -> None:
        result = self._tested(code)
        self.app.call_from_thread(self._show_run, result)

    def _tested(self, code: str) -> TestRun:
        """The tests' run on `code`: the last one if it was this code, else a new one."""
        from interview.coding.runner import run_tests

        last = self._last_run
        if last is not None and last[0] == code:
            return last[1]
        exercise = self.exercise
        assert exercise is not None
        result = run_tests(exercise, code)
        self._last_run = (code, result)
        return result

    def _show_run(self, result: TestRun) -> None:
        tests = self.query_one("#tests", Static)
        tests.update(test_run_text(result))
        tests.scroll_visible()

    def action_skip(self) -> None:
        self._finish(self.run.skip)

    def _finish(self, close: Callable[[str], None]) -> None:
        if self._closing:
            return  # a second ctrl+s while the answer is being committed
        self._closing = True
        # Keys typed (or pasted) just before ctrl+s may still be queued for the
        # box: read it only once they are in, by queueing behind them.
        self.query_one("#answer", TextArea).call_later(
            lambda: self._commit_answer(close, self._answer()))

    @work(thread=True, exclusive=True, group="close", exit_on_error=False,
          description="Saving your answer")
    def _commit_answer(self, close: Callable[[str], None], text: str) -> None:
        try:
            close(text)  # commits the answer; on failure the question stays open
        except IllegalTransition as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning",
                                      markup=False)
            return
        finally:
            self._closing = False
        self.post_message(self.QuestionClosed(self.run))

    def action_hint(self) -> None:
        try:
            self.run.reveal_hint()
        except IllegalTransition as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self._show_hints()
        self.query_one("#hints", Static).scroll_visible()

    def action_scroll_prompt(self, lines: int) -> None:
        self.query_one("#question", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_pause(self) -> None:
        answer = self.query_one("#answer", TextArea)
        if self.run.paused:
            self.run.resume()
            answer.disabled = False
            answer.focus()
            self.notify("Resumed.", markup=False)
        else:
            self.run.pause()
            answer.disabled = True  # no typing on a stopped clock
            self.notify("Paused: the clocks are stopped. ctrl+b resumes.", markup=False)
        self._tick()
