"""Exporting questions for other tools: CSV for spreadsheets, Anki's text import.

Both carry the whole rubric: signals, red flags and the bar at each level.
Levels come in the taxonomy's order (narrowest scope first); given none, the
order is that of the taxonomy the questions were loaded with.

The CSV is spreadsheet-safe (interview.bank.spreadsheet, docs/exports.md):
text that a spreadsheet would run as a formula gets a leading `'`, and the
minutes are a number. The Anki file is not for spreadsheets: its text is
exactly the bank's, and only its quoting keeps each note on one record.
"""

from __future__ import annotations

from collections.abc import Sequence

from interview.bank.model import Question
from interview.bank.spreadsheet import Cell, csv_lines, spreadsheet_csv

CSV_COLUMNS = ("id", "title", "kind", "competency", "also", "roles", "levels", "minutes",
               "prompt", "hints", "follow_ups", "signals", "red_flags", "outline", "tags",
               "draft")
# The by_level columns (`bar_senior`, `bar_senior_staff`, ...) and `below_bar` follow red_flags.
BAR_PREFIX = "bar_"
ANKI_HEADER = "#separator:tab\n#html:false\n#columns:Front\tBack\tTags\n#tags column:3\n"


def csv_columns(levels: Sequence[str]) -> tuple[str, ...]:
    """The header: CSV_COLUMNS with one `bar_<level>` column per level, then `below_bar`,
    after red_flags."""
    at = CSV_COLUMNS.index("red_flags") + 1
    return (*CSV_COLUMNS[:at], *(bar_column(level) for level in levels), "below_bar",
            *CSV_COLUMNS[at:])


def bar_column(level: str) -> str:
    """`senior-staff` -> `bar_senior_staff`."""
    return BAR_PREFIX + level.replace("-", "_")


def to_csv(questions: Sequence[Question], levels: Sequence[str]) -> str:
    """One row per question; lists joined by "; " (hints, follow-ups, signals and
    red flags by newlines); one `bar_<level>` column per level in `levels`
    (the bank's taxonomy order), empty where no bar is written. Text cells
    are made spreadsheet-safe (`spreadsheet_csv`); minutes is a number."""
    return spreadsheet_csv(csv_columns(levels), (_csv_row(q, levels) for q in questions))


def _csv_row(q: Question, levels: Sequence[str]) -> list[Cell]:
    rubric = q.rubric
    bars = [rubric.by_level.get(level, "") if rubric else "" for level in levels]
    return [
        q.id, q.title, q.kind, q.competency, "; ".join(q.also), "; ".join(q.roles),
        "; ".join(q.levels), q.minutes, q.prompt, "\n".join(q.hints), "\n".join(q.follow_ups),
        "\n".join(rubric.signals) if rubric else "",
        "\n".join(rubric.red_flags) if rubric else "", *bars,
        rubric.below_bar if rubric else "", q.outline, "; ".join(q.tags),
        "yes" if q.draft else "no",
    ]


def anki_tags(question: Question) -> list[str]:
    """Hierarchical Anki tags for role, level and competencies, then the question's tags."""
    tags = [f"interview::role::{r}" for r in question.roles]
    tags += [f"interview::level::{lv}" for lv in question.levels]
    tags += [f"interview::competency::{c}" for c in question.competencies]
    tags += [f"interview::kind::{question.kind}"]
    tags += ["".join(t.split()) for t in question.tags if t.strip()]
    return list(dict.fromkeys(tags))


def _back(question: Question, levels: Sequence[str]) -> str:
    parts: list[str] = []
    rubric = question.rubric
    if rubric and rubric.signals:
        parts.append("A strong answer:\n" + "\n".join(f"- {s}" for s in rubric.signals))
    if rubric and rubric.red_flags:
        parts.append("Red flags:\n" + "\n".join(f"- {f}" for f in rubric.red_flags))
    if rubric and rubric.by_level:
        ordered = [lv for lv in levels if lv in rubric.by_level]
        ordered += [lv for lv in rubric.by_level if lv not in ordered]
        parts.append("The bar by level:\n"
                     + "\n".join(f"- {lv}: {rubric.by_level[lv]}" for lv in ordered))
    if rubric and rubric.below_bar:
        parts.append("Below the bar:\n" + rubric.below_bar)
    if question.follow_ups:
        parts.append("Follow-ups:\n" + "\n".join(f"- {f}" for f in question.follow_ups))
    if question.outline:
        parts.append("Outline:\n" + question.outline.strip())
    return "\n\n".join(parts) or "(no rubric yet)"


def to_anki(questions: Sequence[Question], levels: Sequence[str]) -> str:
    """Anki's plain-text import: tab-separated Front, Back, Tags, with header lines.

    The back holds the signals, red flags, the bar at each level (in the order
    of `levels`, the bank's taxonomy order), follow-ups and outline.
    The text is the bank's, unchanged (no formula marks: Anki runs nothing).
    Fields holding tabs, newlines, carriage returns or quotes are quoted
    CSV-style, which Anki's importer reads back as one field, so no text can
    end a note early or start another; html:false keeps the text literal.
    The Front always holds a newline, so it is always quoted: a title
    starting with `#` cannot make Anki skip the note as a comment line.
    """
    rows = ([f"{q.title}\n\n{q.prompt.strip()}", _back(q, levels), " ".join(anki_tags(q))]
            for q in questions)
    return ANKI_HEADER + "".join(csv_lines(rows, delimiter="\t"))
