"""A filled scorecard, read-only: what `interview scorecard show --format md`
writes, shown in the app (after submitting, or from the debrief).

`h` or escape posts `Closed`; the App goes back home.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, MarkdownViewer

from interview.bank.model import Question
from interview.practice.interviewing import Scorecard
from interview.safetext import for_terminal
from interview.tui.screens.base import WorkScreen


class ScorecardScreen(WorkScreen[None]):
    BINDINGS = [Binding("h", "close", "Home"), Binding("escape", "close", "Back", show=False)]

    class Closed(Message):
        """The user is done reading the scorecard."""

    def __init__(self, card: Scorecard, questions: Mapping[str, Question],
                 levels: Sequence[str]) -> None:
        super().__init__()
        self.card = card
        self.questions = questions
        self.levels = levels

    def compose(self) -> ComposeResult:
        from interview.reports.scorecard import render

        # The Markdown renderer escapes every piece of bank and user text, so
        # nothing in a note or a question becomes a link or markup here, and
        # control characters are shown, not sent.
        text = for_terminal(render(self.card, self.questions, self.levels, "md"))
        yield MarkdownViewer(text, show_table_of_contents=False, id="scorecard")
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.post_message(self.Closed())
