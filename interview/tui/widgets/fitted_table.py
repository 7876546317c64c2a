"""A DataTable whose columns share the width there is, rebuilt on resize.

Textual sizes columns to their content, so a long title pushes the rest off
the screen; the screens here give each column a fixed width (0: share what
is left) and cut cells with an ellipsis instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable

from interview.tui.text import cell, fit

# Each column has one cell of padding either side; the table's margins and
# its scrollbar take four more.
_PADDING = 2
_CHROME = 4
_NARROWEST_SHARE = 10


def fill_table(table: DataTable[Any], labels: Sequence[str], widths: Sequence[int],
               rows: Sequence[Sequence[str]], keys: Sequence[str], available: int) -> None:
    """Rebuild `table` for `available` columns: `widths` fixed, 0 sharing the
    rest; every cell shown literally, cut to fit; the cursor keeps its row."""
    shared = max(list(widths).count(0), 1)
    spare = available - sum(widths) - _PADDING * len(widths) - _CHROME
    share = max(spare // shared, _NARROWEST_SHARE)
    sized = [share if width == 0 else width for width in widths]
    cursor = table.cursor_row
    current = [(str(column.label), column.width) for column in table.columns.values()]
    if current == list(zip(labels, sized, strict=True)):
        table.clear()  # same columns: only the rows change (the bank screen, per keystroke)
    else:
        table.clear(columns=True)
        for label, width in zip(labels, sized, strict=True):
            table.add_column(label, width=width)
    for key, row in zip(keys, rows, strict=True):
        table.add_row(*(cell(fit(text, width)) for text, width in zip(row, sized, strict=True)),
                      key=key)
    if rows:
        table.move_cursor(row=min(cursor, len(rows) - 1))
