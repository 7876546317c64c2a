"""The report as CSV: one row per answer, for spreadsheets and scripts.

Written with the csv module (RFC 4180 quoting). A cell a spreadsheet would
run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
return) gets a leading `'`, so bank and user text stays text.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC

from interview.reports.export.data import ReportData

HEADER = ("session_id", "date", "mode", "role", "level", "question_id", "title", "competency",
          "outcome", "grade", "seconds_used", "time_limit_seconds", "hints_used",
          "signals_hit", "signals_total")
ANSWER_COLUMN = "answer"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str | None) -> str:
    """Text for a cell: None is empty; text a spreadsheet would run as a
    formula gets a leading `'`."""
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def render_csv(data: ReportData) -> str:
    """Sessions newest first, each session's answers in the order asked; `date`
    is when the answer was given, ISO 8601 in UTC. The answer column is left
    out when the report leaves answers out."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = HEADER + ((ANSWER_COLUMN,) if data.include_answers else ())
    writer.writerow(header)
    for section in data.sessions:
        for line in section.answers:
            # Numbers, enum values and ISO times cannot start a formula; every
            # text from the bank, the taxonomy or the user goes through cell().
            row: list[object] = [
                section.id, line.answered_at.astimezone(UTC).isoformat(), section.mode.value,
                cell(section.role), cell(section.level), cell(line.question_id),
                cell(line.title), cell(line.competency), line.outcome.value,
                int(line.grade) if line.grade is not None else "", f"{line.seconds_used:.1f}",
                line.time_limit_seconds, line.hints_used, len(line.signals_hit),
                line.signals_total,
            ]
            if data.include_answers:
                row.append(cell(line.text))
            writer.writerow(row)
    return buffer.getvalue()
