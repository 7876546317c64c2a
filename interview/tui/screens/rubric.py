"""The rubric after answering: compare, tick signals, grade 1-4.

The grade is committed in this screen's worker; once it is, the screen posts
`AnswerGraded` and the App shows the next question or the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Footer, Static

from interview.bank.model import Exercise
from interview.practice.domain import Grade, Outcome
from interview.practice.engine import PracticeRun
from interview.practice.timer import format_seconds
from interview.safetext import for_terminal
from interview.tui.coding_text import test_run_text
from interview.tui.screens.base import RunScreen
from interview.tui.text import labelled, literal, reflow
from interview.tui.widgets.checklist import LETTERS, Checklist


class RubricScreen(RunScreen):
    CSS_PATH = "rubric.tcss"
    BINDINGS = [
        # Letters tick in on_key; this entry puts them in the footer (and clicks tick a).
        Binding("a", "tick(0)", "Tick", key_display="a…"),
        Binding("1", "grade(1)", "Strong no"),
        Binding("2", "grade(2)", "No"),
        Binding("3", "grade(3)", "Yes"),
        Binding("4", "grade(4)", "Strong yes"),
        Binding("n", "next", "Next question"),
    ]

    class AnswerGraded(Message):
        """The answer (graded, or recorded without a grade) is committed: show `run`."""

        def __init__(self, run: PracticeRun) -> None:
            super().__init__()
            self.run = run

    def __init__(self, run: PracticeRun) -> None:
        super().__init__(run)
        self._committing = False
        # Kept: once the last grade is in, the run has no current question,
        # and the footer may still ask this screen which keys it offers.
        self.question = run.question

    @property
    def graded(self) -> bool:
        return self.run.outcome is Outcome.GRADED

    def compose(self) -> ComposeResult:
        run = self.run
        question = run.question
        rubric = question.rubric
        used = run.countdown.elapsed
        timing = f"{format_seconds(used)} of {format_seconds(run.countdown.limit)}"
        if used > run.countdown.limit:
            timing += " (over time)"
        outcome = {Outcome.GRADED: "answered", Outcome.SKIPPED: "skipped",
                   Outcome.TIMED_OUT: "timed out"}[run.outcome or Outcome.GRADED]
        yield Static(labelled(f"{run.position + 1}/{run.total} ", question.title), id="title")
        how = ("grade it with 1-4" if self.graded
               else "recorded without a grade; press n for the next question")
        yield Static(literal(f"{self.mode_label} · {outcome} · {timing} · hints used: "
                             f"{len(run.hints)} · {how}"),
                     id="outcome")
        with VerticalScroll(id="rubric-body"):
            # The signals first, so the first of them show without scrolling at 80x24.
            signals = rubric.signals if rubric else ()
            last = LETTERS[max(len(signals) - 1, 0)]
            yield Static(f"Signals you covered (press a–{last} to tick)", classes="heading",
                         markup=False)
            yield Checklist(signals, run.signals_hit, id="signals")
            with Horizontal(id="compare"):
                with Vertical(classes="column"):
                    yield Static("Your answer", classes="heading")
                    yield Static(literal(run.text or "(nothing written)"), id="answer-text")
                with Vertical(classes="column"):
                    yield Static("Outline of a strong answer", classes="heading")
                    yield Static(literal(reflow(question.outline) or "(no outline)"), id="outline")
            exercise = question.exercise
            if exercise is not None:
                yield from _exercise_parts(exercise, run.test_run)
            if rubric and rubric.red_flags:
                yield Static("Red flags", classes="heading")
                yield Static(_bullets(rubric.red_flags), id="red-flags")
            level = run.session.level
            expectations = rubric.by_level if rubric else {}
            shown = {level: expectations[level]} if level in expectations else expectations
            below = rubric.below_bar if rubric else ""
            if shown or below:
                yield Static("What the level expects", classes="heading")
                lines = [labelled(f"{name}: ", text) for name, text in shown.items()]
                if below:
                    lines.append(labelled("below the bar: ", below))
                yield Static(Content("\n").join(lines), id="by-level")
            if question.follow_ups:
                yield Static("Follow-ups", classes="heading")
                yield Static(_bullets(question.follow_ups), id="follow-ups")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rubric-body").focus()  # arrows and page keys scroll the rubric

    def on_key(self, event: Key) -> None:
        index = Checklist.index_for(event.character)
        checklist = self.query_one("#signals", Checklist)
        if index is None or index >= len(checklist.items):
            return
        event.stop()
        self.action_tick(index)

    def action_tick(self, index: int) -> None:
        if self._committing:
            return  # the answer being committed is already built; a tick now would be lost
        self.run.toggle_signal(index)
        self.query_one("#signals", Checklist).toggle(index)
        self._save_ticks()

    @work(thread=True, group="ticks", exit_on_error=False, description="Saving the ticks")
    def _save_ticks(self) -> None:
        self.run.save_signals()  # the latest ticks win, whatever order the workers run in

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Show and allow only the keys that make sense for this outcome.
        if action == "grade":
            return self.graded
        if action == "next":
            return not self.graded
        if action == "tick":
            rubric = self.question.rubric
            return bool(rubric and rubric.signals)
        return True

    def action_grade(self, grade: int) -> None:
        self._commit(lambda: self.run.grade(Grade(grade)))

    def action_next(self) -> None:
        self._commit(self.run.next)

    def _commit(self, record: Callable[[], object]) -> None:
        if self._committing:
            return  # a second key press while the commit is in flight
        self._committing = True
        self._record(record)

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False,
          description="Recording the grade")
    def _record(self, record: Callable[[], object]) -> None:
        try:
            record()
        finally:
            self._committing = False  # after a failure the user can try again
        self.post_message(self.AnswerGraded(self.run))


def _exercise_parts(exercise: Exercise, test_run: dict[str, Any] | None) -> ComposeResult:
    """A coding answer's test run beside the reference solution, then the stretch goal."""
    yield Static("Tests on your code", classes="heading")
    yield Static(test_run_text(test_run) if test_run else literal("(not run)"), id="test-run")
    yield Static(f"Reference solution ({exercise.language})", classes="heading", markup=False)
    yield Static(literal(exercise.reference.rstrip()), id="reference")
    if exercise.stretch:
        yield Static("Stretch", classes="heading")
        yield Static(literal(exercise.stretch), id="stretch")


def _bullets(items: tuple[str, ...]) -> Content:
    return Content("\n").join(Content.assemble("• ", for_terminal(item)) for item in items)
