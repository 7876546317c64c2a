"""A SelectionList and a Checkbox whose boxes show a tick only when chosen.

Textual draws the same "X" in every box and tells chosen from not chosen by
colour alone, which a monochrome terminal, a screen reader's text or a
colour-blind user cannot see.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "✓", " "


class TickList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        # The box is [left side, inner mark, right side, space, prompt...].
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        mark = TICKED if selection.value in self.selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class TickBox(Checkbox):
    """A checkbox whose box shows a tick only when ticked, as TickList's do."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super()._button
