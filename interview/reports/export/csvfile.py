"""The report as CSV: one row per answer, for spreadsheets and scripts.

Spreadsheet-safe, by the one rule every CSV of the app follows
(interview.bank.spreadsheet, docs/exports.md): a text cell a spreadsheet
would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading `'`, so bank and user text stays text; every
text cell is quoted; the figures (ids, grades, seconds, counts) are numbers.
Lines end in `\\n`, as the bank export's, so the text is the same in a file
and on standard output.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

from interview.bank.spreadsheet import Cell, spreadsheet_csv
from interview.reports.export.data import ReportData

HEADER = ("session_id", "date", "mode", "role", "level", "question_id", "title", "competency",
          "outcome", "grade", "seconds_used", "time_limit_seconds", "hints_used",
          "signals_hit", "signals_total", "tests_passed", "tests_total")
ANSWER_COLUMN = "answer"


def render_csv(data: ReportData) -> str:
    """Sessions newest first, each session's answers in the order asked; `date`
    is when the answer was given, ISO 8601 in UTC; `grade` is empty while an
    answer awaits its grade or has none; `tests_passed` and `tests_total` are
    a coding answer's test run (empty for other answers). The answer column is
    left out when the report leaves answers out."""
    header = HEADER + ((ANSWER_COLUMN,) if data.include_answers else ())
    return spreadsheet_csv(header, _rows(data))


def _rows(data: ReportData) -> Iterator[list[Cell]]:
    for section in data.sessions:
        for line in section.answers:
            row: list[Cell] = [
                section.id, line.answered_at.astimezone(UTC).isoformat(), section.mode.value,
                section.role, section.level, line.question_id, line.title, line.competency,
                line.outcome.value, int(line.grade) if line.grade is not None else None,
                round(line.seconds_used, 1), line.time_limit_seconds, line.hints_used,
                len(line.signals_hit), line.signals_total,
                line.tests.passed if line.tests else None,
                len(line.tests.cases) if line.tests else None,
            ]
            if data.include_answers:
                row.append(line.text)
            yield row
