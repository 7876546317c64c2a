"""A filled scorecard, read-only: what `interview scorecard show --format md`
writes, shown in the app (after submitting, or from the debrief).

`e` keeps it as a file (a download in a browser); `h` or escape posts
`Closed`; the App goes back home.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, MarkdownViewer

from interview.bank.model import Question
from interview.practice.interviewing import Scorecard
from interview.safetext import for_terminal
from interview.tui.screens.base import WorkScreen

if TYPE_CHECKING:
    from interview.tui.screens.export import ExportChoice


class ScorecardScreen(WorkScreen[None]):
    BINDINGS = [Binding("e", "export", "Export"), Binding("h", "close", "Home"),
                Binding("escape", "close", "Back", show=False)]

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

    def action_export(self) -> None:
        """The scorecard as `interview scorecard show --format md|html` writes it."""
        from interview.reports.scorecard import render
        from interview.tui.screens.export import SCORECARD_FORMATS, ExportScreen, ask_and_export

        card = self.card

        def rendered(choice: ExportChoice) -> tuple[str, str]:
            return (render(card, self.questions, self.levels, choice.output_format),
                    f"{card.candidate}'s scorecard")

        stem = "scorecard-" + (_slug(card.candidate) or "candidate")
        ask_and_export(self, ExportScreen(
            card.started_at.astimezone().date(), heading="Export the scorecard",
            formats=SCORECARD_FORMATS, stem=stem, leave_out=None),
            rendered)

    def action_close(self) -> None:
        self.post_message(self.Closed())


def _slug(name: str) -> str:
    """A candidate's name as part of a file name: lowercase words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
