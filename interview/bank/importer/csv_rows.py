"""Layout: CSV (or TSV) with a header row naming a question column."""

from __future__ import annotations

import csv
import io
import re

from interview.bank.importer.drafts import Draft
from interview.bank.importer.markdown_tables import ANSWER_HEADERS, QUESTION_HEADERS, TAG_HEADERS
from interview.bank.importer.plaintext import clean, strip_numbering

FOLLOW_UP_HEADERS = ("follow_ups", "follow-ups", "follow ups", "followups", "follow_up",
                     "follow-up", "follow up")


class CsvLayoutError(ValueError):
    """The CSV has no usable header; the message says what was expected."""


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _find(headers: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in headers]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def questions_from_csv(text: str, source: str) -> list[Draft]:
    reader = csv.reader(io.StringIO(text), _dialect(text))
    try:
        headers = next(reader)
    except StopIteration:
        return []
    except csv.Error as exc:
        raise CsvLayoutError(f"not readable as CSV: {exc}") from exc
    asked = _find(headers, QUESTION_HEADERS)
    if asked is None:
        expected = ", ".join(QUESTION_HEADERS[:3])
        raise CsvLayoutError(f"no question column in the header row (expected one of: "
                             f"{expected}; found: {', '.join(h.strip() for h in headers)})")
    answered = _find(headers, ANSWER_HEADERS)
    tagged = _find(headers, TAG_HEADERS)
    followed = _find(headers, FOLLOW_UP_HEADERS)
    drafts: list[Draft] = []
    try:
        while True:
            line = reader.line_num + 1  # where the row starts (a quoted cell may span lines)
            cells = next(reader, None)
            if cells is None:
                break

            def cell(index: int | None, cells: list[str] = cells) -> str:
                return clean(cells[index]) if index is not None and index < len(cells) else ""

            question = strip_numbering(cell(asked))
            if not question:
                continue
            draft = Draft(question, source, line)
            if cell(answered):
                draft.outline.append(cell(answered))
            if cell(tagged):
                draft.tags.extend(t.strip() for t in re.split(r"[;,]", cell(tagged)) if t.strip())
            if followed is not None and followed < len(cells):
                draft.follow_ups.extend(
                    clean(f) for f in cells[followed].splitlines() if clean(f))
            drafts.append(draft)
    except csv.Error as exc:
        raise CsvLayoutError(f"line {reader.line_num}: not readable as CSV: {exc}") from exc
    return drafts
