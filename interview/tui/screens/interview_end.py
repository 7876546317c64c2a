"""The end of a live interview: ratings, the recommendation, and notes.

A rating for each competency the plan covers (the 4-point scale), the
overall recommendation (strong no, no, yes, strong yes or no decision), key
take-aways and private notes. Each choice is committed as it is made and
the two text boxes every few seconds, so a killed process loses seconds of
typing at most; ctrl+s submits, after which the scorecard never changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Label, Select, Static, TextArea

from interview.practice.domain import Grade
from interview.practice.interview_run import InterviewRun, Stage
from interview.practice.interviewing import Recommendation
from interview.tui.screens.base import WorkScreen
from interview.tui.text import literal
from interview.tui.write_queue import WriteQueue

TEXT_SAVE_EVERY_SECONDS = 3.0
RATINGS = [(f"{int(g)} {g.label}", int(g)) for g in Grade]
RECOMMENDATIONS = [(r.label, r.value) for r in Recommendation]


class InterviewEndScreen(WorkScreen[None]):
    CSS_PATH = "interview_end.tcss"
    BINDINGS = [Binding("ctrl+s", "submit", "Submit", priority=True)]

    class Submitted(Message):
        """The scorecard is submitted: `run.card` is final."""

        def __init__(self, run: InterviewRun) -> None:
            super().__init__()
            self.run = run

    def __init__(self, run: InterviewRun) -> None:
        super().__init__()
        self.run = run
        self._writes = WriteQueue(self, self._failed)
        self._saved_texts = (run.card.closing.takeaways, run.card.closing.private_notes)
        self._submitting = False

    def compose(self) -> ComposeResult:
        card, closing = self.run.card, self.run.card.closing
        asked = sum(not q.not_asked for q in card.questions)
        yield Static(literal(f"Closing · {card.candidate} · {card.plan_title} · "
                             f"{card.graded} graded of {asked} asked"), id="status")
        with VerticalScroll(id="form"):
            yield Static("Competency ratings", classes="heading")
            for index, competency in enumerate(card.competencies):
                rating = closing.ratings.get(competency)
                with Horizontal(classes="rating"):
                    yield Label(literal(competency), classes="competency")
                    yield Select(RATINGS, prompt="not rated", id=f"rating-{index}",
                                 value=int(rating) if rating else Select.NULL, compact=True)
            yield Static("Recommendation", classes="heading")
            recommendation = closing.recommendation
            yield Select(RECOMMENDATIONS, prompt="choose one", id="recommendation",
                         value=recommendation.value if recommendation else Select.NULL,
                         compact=True)
            yield Static("Key take-aways", classes="heading")
            yield TextArea(closing.takeaways, id="takeaways", soft_wrap=True)
            yield Static("Private notes (not for the candidate)", classes="heading")
            yield TextArea(closing.private_notes, id="private-notes", soft_wrap=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#rating-0" if self.run.card.competencies else "#recommendation",
                       Select).focus()
        self.set_interval(TEXT_SAVE_EVERY_SECONDS, self._save_texts)

    def on_select_changed(self, event: Select.Changed) -> None:
        select_id = event.select.id or ""
        value = event.value
        if select_id == "recommendation":
            if isinstance(value, str):
                chosen = Recommendation(value)
                self._writes.put(lambda: self.run.set_closing(recommendation=chosen),
                                 "Saving the recommendation")
        elif select_id.startswith("rating-"):
            competency = self.run.card.competencies[int(select_id.removeprefix("rating-"))]
            rating = Grade(value) if isinstance(value, int) else None
            self._writes.put(lambda: self.run.set_closing(ratings={competency: rating}),
                             "Saving the rating")

    def _texts(self) -> tuple[str, str]:
        return (self.query_one("#takeaways", TextArea).text,
                self.query_one("#private-notes", TextArea).text)

    def _save_texts(self) -> None:
        texts = self._texts()
        if texts == self._saved_texts or self.run.stage is not Stage.CLOSING:
            return
        self._saved_texts = texts
        self._writes.put(lambda: self.run.set_closing(takeaways=texts[0],
                                                      private_notes=texts[1]),
                         "Saving the notes")

    def save_now(self) -> None:
        """On quit: keep the last seconds of typing too (a blocking write of ~ms)."""
        if self.run.stage is Stage.CLOSING:
            takeaways, private_notes = self._texts()
            self.run.set_closing(takeaways=takeaways, private_notes=private_notes)

    def action_submit(self) -> None:
        if self._submitting:
            return
        self._submitting = True
        self._save_texts()
        self._writes.put(self.run.submit, "Submitting the scorecard", then=self._submitted,
                         undo=self._not_submitted)

    def _submitted(self) -> None:
        self._submitting = False
        if self.run.stage is Stage.SUBMITTED:
            self.post_message(self.Submitted(self.run))

    def _not_submitted(self) -> None:
        self._submitting = False

    def _failed(self, description: str, text: str) -> None:
        self._submitting = False
        self.post_message(self.WorkFailed(description, text))
