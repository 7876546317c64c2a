"""The interviewer's screen: one question of a live interview, all at once.

The round and question with its countdown; the prompt to read out; hints in
order (each given is recorded); follow-ups; the rubric signals and red
flags as checklists; the bar for the plan's level; and a notes box that
keeps the focus. Alt+digit ticks a signal and alt+letter a red flag without
leaving the notes. Every change is committed by this screen's workers
before it shows; ctrl+g grades, and the App opens the next question.
"""

from __future__ import annotations

from collections.abc import Callable
from string import ascii_lowercase

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, Static

from interview.practice.domain import Grade
from interview.practice.interview_run import InterviewRun, Stage
from interview.practice.timer import format_seconds
from interview.tui.coding_text import exercise_brief
from interview.tui.screens.base import WorkScreen
from interview.tui.screens.grade_pick import NOT_ASKED, GradeChoice, GradePick, TickPick
from interview.tui.text import labelled, literal, reflow
from interview.tui.widgets.countdown import CountdownDisplay
from interview.tui.write_queue import WriteQueue

SAVE_TIME_EVERY_SECONDS = 3.0
WIDE = 110  # columns from which the rubric sits beside the prompt
TICK_KEYS = 9  # alt+1..9 and alt+a..i: a rubric lists fewer than that
RED_FLAG_KEYS = ascii_lowercase[:TICK_KEYS]


def _tick_bindings() -> list[Binding]:
    # Shortcuts for terminals that send alt as escape; ctrl+t then the key
    # works everywhere (macOS Terminal types ¡ for option+1 by default).
    bindings = [Binding(f"alt+{n}", f"signal({n - 1})", "Signal", show=False, priority=True)
                for n in range(1, TICK_KEYS + 1)]
    bindings += [Binding(f"alt+{key}", f"red_flag({i})", "Red flag", show=False,
                         priority=True) for i, key in enumerate(RED_FLAG_KEYS)]
    return bindings


class InterviewerScreen(WorkScreen[None]):
    CSS_PATH = "interviewer.tcss"
    BINDINGS = [
        Binding("ctrl+g", "grade", "Grade", priority=True),
        Binding("ctrl+t", "tick", "Tick", priority=True, id="interviewer.tick"),
        Binding("ctrl+n", "hint", "Hint", priority=True, id="interviewer.hint"),
        Binding("ctrl+e", "end", "End questions", priority=True),
        *_tick_bindings(),
        Binding("alt+down", "scroll_brief(3)", "Scroll", key_display="alt+↑↓", priority=True),
        Binding("alt+up", "scroll_brief(-3)", "Scroll up", show=False, priority=True),
    ]

    class Moved(Message):
        """The question was graded (or the questions ended): show `run`'s next stage."""

        def __init__(self, run: InterviewRun) -> None:
            super().__init__()
            self.run = run

    def __init__(self, run: InterviewRun) -> None:
        super().__init__()
        self.run = run
        self._position = run.position  # this screen's question, whatever the run does next
        self._writes = WriteQueue(self, self._failed)
        self._grading = False

    def compose(self) -> ComposeResult:
        run, card = self.run, self.run.card
        score = run.score
        round_title = score.item.round_title or "Questions"
        meta = (f"Interview · {card.candidate} · {round_title} · "
                f"question {run.position + 1}/{run.total} · {score.competency} · {card.level}")
        with Horizontal(id="status"):
            yield Static(literal(meta), id="meta")
            yield CountdownDisplay("⏱", run.countdown, id="question-clock")
        with VerticalScroll(id="brief"), Container(id="columns"):
            # One column on a narrow terminal; on a wide one the rubric sits
            # beside the prompt, so everything shows at once.
            with Vertical(id="asking"):
                yield Static(literal(run.question.title), id="title")
                yield Static(labelled("Read out: ", reflow(run.question.prompt)), id="prompt")
                exercise = run.question.exercise
                if exercise is not None:
                    yield Static(exercise_brief(exercise, "Compare the candidate's code with "
                                                "the reference solution below."),
                                 id="exercise")
                yield Static("", id="hints")
                yield Static("", id="follow-ups")
            with Vertical(id="grading"):
                yield Static("", id="signals")
                yield Static("", id="red-flags")
                yield Static(self._bar(), id="bar")
                if exercise is not None:
                    yield Static(labelled("Reference solution:\n", exercise.reference.rstrip()),
                                 id="reference")
        yield Static("", id="notes")
        yield Input(placeholder="A note (enter adds it, time-stamped)…", id="note",
                    max_length=20_000)
        yield Footer(compact=True)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "wide")

    def on_mount(self) -> None:
        self.query_one("#brief", VerticalScroll).can_focus = False
        self._refresh_brief()
        self.query_one("#note", Input).focus()
        self.set_interval(0.5, self._tick)
        self.set_interval(SAVE_TIME_EVERY_SECONDS, self._save_time)
        if self.run.stage is Stage.SELF_GRADE:  # resumed between the two grades
            self.call_after_refresh(self._ask_candidate)

    # -- what it shows -------------------------------------------------------------

    def _tick(self) -> None:
        self.query_one("#question-clock", CountdownDisplay).tick()

    def _follow_ups(self) -> Content:
        follow_ups = self.run.question.follow_ups
        if not follow_ups:
            return Content("")
        return Content("\n").join([Content.styled("Follow-ups", "bold"),
                                   *(labelled("• ", text, "") for text in follow_ups)])

    def _bar(self) -> Content:
        rubric, level = self.run.question.rubric, self.run.card.level
        text = rubric.by_level.get(level, "") if rubric else ""
        return labelled(f"The bar ({level}): ", text or "no bar is written for this level")

    def _checklist(self, title: str, items: tuple[str, ...], ticked: tuple[int, ...],
                   keys: str) -> Content:
        if not items:
            return Content("")
        lines = [Content.styled(title, "bold")]
        for index, text in enumerate(items):
            mark = "✓" if index in ticked else " "
            key = keys[index] if index < len(keys) else " "
            lines.append(labelled(f"[{mark}] {key} ", text, "bold" if mark != " " else ""))
        return Content("\n").join(lines)

    def _refresh_brief(self) -> None:
        run, rubric = self.run, self.run.question.rubric
        score = run.card.questions[self._position]
        hints = self.run.question.hints
        given = [labelled(f"Hint {h.index + 1} (at {format_seconds(h.at_seconds)}): ",
                          hints[h.index], "bold $warning")
                 for h in score.hints if h.index < len(hints)]
        left = len(hints) - len(score.hints)
        if left > 0:
            given.append(Content(f"{left} more hint(s): ctrl+n gives the next"))
        self._show("#hints", Content("\n").join(given))
        digits = "".join(str(n) for n in range(1, TICK_KEYS + 1))
        self._show("#signals", self._checklist(
            "Signals", rubric.signals if rubric else (), score.signals, digits))
        self._show("#red-flags", self._checklist(
            "Red flags", rubric.red_flags if rubric else (), score.red_flags, RED_FLAG_KEYS))
        self._show("#follow-ups", self._follow_ups())
        all_notes = run.card.notes_for(self._position)
        notes = all_notes[-3:]
        shown = [labelled(f"{format_seconds(n.at_seconds)} ", n.text, "$text-muted")
                 for n in notes]
        earlier = len(all_notes) - len(notes)
        if earlier:
            shown.insert(0, Content(f"… {earlier} earlier note(s)"))
        self.query_one("#notes", Static).update(
            Content("\n").join(shown) if shown else Content("No notes yet."))

    def _show(self, selector: str, content: Content) -> None:
        widget = self.query_one(selector, Static)
        widget.update(content)
        widget.display = bool(content.plain)

    # -- actions (each write in a worker, the screen updated after it commits) --------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        event.input.value = ""
        self._write(lambda: self.run.add_note(text), "Saving the note",
                    undo=lambda: self._restore_note(text))

    def _restore_note(self, text: str) -> None:
        note = self.query_one("#note", Input)
        if not note.value:
            note.value = text  # nothing typed is lost when a write fails

    # On a small terminal the checklists sit below the prompt: each tick
    # scrolls its list into view, so the interviewer sees what they ticked.
    def action_signal(self, index: int) -> None:
        if self._here():
            self._write(lambda: self.run.toggle_signal(index), "Saving the tick",
                        then=lambda: self._reveal_part("#signals"))

    def action_red_flag(self, index: int) -> None:
        if self._here():
            self._write(lambda: self.run.toggle_red_flag(index), "Saving the tick",
                        then=lambda: self._reveal_part("#red-flags"))

    def _reveal_part(self, selector: str) -> None:
        widget = self.query_one(selector, Static)
        brief = self.query_one("#brief", VerticalScroll)
        # Once laid out anew; the list's top at the top, so most of it shows.
        self.call_after_refresh(brief.scroll_to_widget, widget, animate=False, top=True)

    def action_tick(self) -> None:
        if not self._here():
            return
        rubric = self.run.question.rubric
        signals = len(rubric.signals) if rubric else 0
        red_flags = len(rubric.red_flags) if rubric else 0
        self.app.push_screen(TickPick(min(signals, TICK_KEYS), min(red_flags, TICK_KEYS)),
                             self._ticked)

    def _ticked(self, choice: str | None) -> None:
        if choice is None:
            return
        if choice.isdigit():
            self.action_signal(int(choice) - 1)
        else:
            self.action_red_flag(RED_FLAG_KEYS.index(choice))

    def action_hint(self) -> None:
        if self._here():
            self._write(self.run.give_hint, "Recording the hint",
                        then=lambda: self._reveal_part("#hints"))

    def action_scroll_brief(self, lines: int) -> None:
        self.query_one("#brief", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_grade(self) -> None:
        if self._grading or not self._here():
            return
        self._grading = True
        self.app.push_screen(GradePick(f"Your grade for: {self.run.question.title}",
                                       allow_not_asked=True), self._graded)

    def _graded(self, choice: GradeChoice | None) -> None:
        if choice is None:
            self._grading = False
            return
        grade = None if choice == NOT_ASKED else Grade(int(choice))
        self._write(lambda: self.run.grade(grade), "Saving the grade", then=self._after_grade)

    def _after_grade(self) -> None:
        self._grading = False
        if self.run.stage is Stage.SELF_GRADE:
            self._ask_candidate()
        else:
            self._moved()

    def _ask_candidate(self) -> None:
        self.app.push_screen(GradePick("Candidate: grade your own answer (the interviewer's "
                                       "grade is locked and hidden)", allow_not_asked=False,
                                       can_cancel=False), self._self_graded)

    def _self_graded(self, choice: GradeChoice | None) -> None:
        if choice is None or choice == NOT_ASKED:
            return
        self._write(lambda: self.run.self_grade(Grade(int(choice))), "Saving the grade",
                    then=self._reveal)

    def _reveal(self) -> None:
        score = self.run.card.questions[self._position]
        if score.grade is not None and score.self_grade is not None:
            self.notify(f"Interviewer: {score.grade.label} · candidate: "
                        f"{score.self_grade.label}", title="Both grades", markup=False,
                        timeout=8)
        self._moved()

    def action_end(self) -> None:
        from interview.tui.screens.confirm import ConfirmScreen

        open_questions = sum(not q.closed for q in self.run.card.questions)
        self.app.push_screen(ConfirmScreen(
            f"End the questions? The {open_questions} not graded yet will be marked "
            "not asked, and the closing form opens.", "End questions", "Keep going"),
            lambda yes: self._write(self.run.end_questions, "Ending the questions",
                                    then=self._moved) if yes else None)

    def _moved(self) -> None:
        self.post_message(self.Moved(self.run))

    def _save_time(self) -> None:
        if self._writes.idle:
            self._write(self.run.save_time, "Saving the time")

    def _write(self, change: Callable[[], object], description: str, *,
               then: Callable[[], None] | None = None,
               undo: Callable[[], None] | None = None) -> None:
        def after() -> None:
            if self._here() or self.run.stage is Stage.SELF_GRADE:
                self._refresh_brief()
            if then is not None:
                then()

        self._writes.put(change, description, then=after, undo=undo)

    def _failed(self, description: str, text: str) -> None:
        self._grading = False
        self.post_message(self.WorkFailed(description, text))

    def _here(self) -> bool:
        """The run is still on this screen's question (it moves on once graded)."""
        return self.run.stage is Stage.QUESTION and self.run.position == self._position
