"""One-key choices as typed modals: a grade on the 4-point scale, and
which rubric line to tick.

GradePick is dismissed with "1".."4", with NOT_ASKED (`n`, when allowed), or
with None (escape, when the choice may be put off). TickPick is dismissed
with a signal's digit, a red flag's letter, or None.
"""

from __future__ import annotations

from string import ascii_lowercase
from typing import Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from interview.practice.domain import Grade
from interview.tui.text import literal

NOT_ASKED = "not-asked"
GradeChoice = Literal["1", "2", "3", "4", "not-asked"]


class GradePick(ModalScreen[GradeChoice | None]):
    CSS_PATH = "grade_pick.tcss"
    BINDINGS = [
        *(Binding(str(int(g)), f"pick('{int(g)}')", g.label, show=False) for g in Grade),
        Binding("n", "pick('not-asked')", "Not asked", show=False),
        Binding("escape", "cancel", "Back", show=False),
    ]

    def __init__(self, title: str, *, allow_not_asked: bool, can_cancel: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.allow_not_asked = allow_not_asked
        self.can_cancel = can_cancel

    def compose(self) -> ComposeResult:
        scale = "   ".join(f"{int(g)} {g.label}" for g in Grade)
        extras = []
        if self.allow_not_asked:
            extras.append("n not asked")
        if self.can_cancel:
            extras.append("escape back")
        with Vertical(id="dialog"):
            yield Static(literal(self.title_text), id="question")
            yield Static(Content.styled(scale, "bold"), id="scale")
            if extras:
                yield Static(Content("   ".join(extras)), id="extras")

    def action_pick(self, choice: str) -> None:
        if choice == NOT_ASKED and not self.allow_not_asked:
            return
        if choice in ("1", "2", "3", "4", NOT_ASKED):
            self.dismiss(choice)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        if self.can_cancel:
            self.dismiss(None)


class TickPick(ModalScreen[str | None]):
    CSS_PATH = "grade_pick.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back", show=False)]

    def __init__(self, signals: int, red_flags: int) -> None:
        super().__init__()
        self.keys = ([str(n) for n in range(1, signals + 1)]
                     + [ascii_lowercase[i] for i in range(red_flags)])

    def compose(self) -> ComposeResult:
        digits = [k for k in self.keys if k.isdigit()]
        letters = [k for k in self.keys if not k.isdigit()]
        parts = []
        if digits:
            parts.append(f"{digits[0]}–{digits[-1]} a signal" if len(digits) > 1
                         else "1 the signal")
        if letters:
            parts.append(f"{letters[0]}–{letters[-1]} a red flag" if len(letters) > 1
                         else "a the red flag")
        with Vertical(id="dialog"):
            yield Static("Tick or untick", id="question")
            yield Static(Content.styled("   ".join(parts) or "this rubric lists nothing",
                                        "bold"), id="scale")
            yield Static("escape back", id="extras")

    def on_key(self, event: events.Key) -> None:
        if event.character in self.keys:
            event.stop()
            self.dismiss(event.character)

    def action_cancel(self) -> None:
        self.dismiss(None)
