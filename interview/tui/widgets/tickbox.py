"""A checkbox whose box shows a tick only when ticked, as TickList's do.

Textual's Checkbox draws the same "X" ticked or not and tells them apart by
colour alone. Apart from ticklist.py, which the home form's first frame
imports (start-up is budgeted), so that the form does not load Checkbox.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

from interview.tui.widgets.ticklist import TICKED, UNTICKED


class TickBox(Checkbox):
    """Checkbox, with ✓ in its box when ticked and nothing when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super()._button
