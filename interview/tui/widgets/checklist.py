"""Rubric signals as a checklist ticked with letter keys (a, b, c, ...).

Letters leave 1-4 free for grading and let long signals wrap in full, which
a SelectionList row (one line, ellipsised) cannot do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content
from textual.widgets import Static

from interview.safetext import for_terminal

# `n` is the "next question" key on the rubric screen, so it never ticks.
LETTERS = "abcdefghijklmopqrstuvwxyz"


class Checklist(Static):
    def __init__(self, items: Sequence[str], ticked: Iterable[int] = (), *,
                 id: str | None = None) -> None:
        super().__init__("", id=id)
        self.items = tuple(items)[: len(LETTERS)]
        self.ticked = set(ticked)
        self._render_items()

    @staticmethod
    def index_for(character: str | None) -> int | None:
        """The item a typed character ticks; None for anything else (incl. non-characters)."""
        if character is None or len(character) != 1:
            return None
        index = LETTERS.find(character)
        return index if index >= 0 else None

    def toggle(self, index: int) -> None:
        self.ticked.symmetric_difference_update({index})
        self._render_items()

    def _render_items(self) -> None:
        lines = []
        for index, item in enumerate(self.items):
            done = index in self.ticked
            mark = ("☑ " if done else "☐ ", "bold $success" if done else "")
            lines.append(Content.assemble(mark, (f"{LETTERS[index]}  ", "bold"),
                                          (for_terminal(item), "$success" if done else "")))
        self.update(Content("\n").join(lines))
