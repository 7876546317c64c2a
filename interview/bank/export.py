"""Exporting questions for other tools: CSV for spreadsheets, Anki's text import."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from interview.bank.model import Question

CSV_COLUMNS = ("id", "title", "kind", "competency", "also", "roles", "levels", "minutes",
               "prompt", "hints", "follow_ups", "signals", "outline", "tags", "draft")


def to_csv(questions: Sequence[Question]) -> str:
    """One row per question; lists joined by "; " (hints and follow-ups by newlines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        writer.writerow([
            q.id, q.title, q.kind, q.competency, "; ".join(q.also), "; ".join(q.roles),
            "; ".join(q.levels), q.minutes, q.prompt, "\n".join(q.hints),
            "\n".join(q.follow_ups), "\n".join(q.rubric.signals) if q.rubric else "",
            q.outline, "; ".join(q.tags), "yes" if q.draft else "no",
        ])
    return buffer.getvalue()


def anki_tags(question: Question) -> list[str]:
    """Hierarchical Anki tags for role, level and competencies, then the question's tags."""
    tags = [f"interview::role::{r}" for r in question.roles]
    tags += [f"interview::level::{lv}" for lv in question.levels]
    tags += [f"interview::competency::{c}" for c in question.competencies]
    tags += [f"interview::kind::{question.kind}"]
    tags += ["".join(t.split()) for t in question.tags if t.strip()]
    return list(dict.fromkeys(tags))


def _back(question: Question) -> str:
    parts: list[str] = []
    if question.rubric and question.rubric.signals:
        parts.append("A strong answer:\n" + "\n".join(f"- {s}" for s in question.rubric.signals))
    if question.follow_ups:
        parts.append("Follow-ups:\n" + "\n".join(f"- {f}" for f in question.follow_ups))
    if question.outline:
        parts.append("Outline:\n" + question.outline.strip())
    return "\n\n".join(parts) or "(no rubric yet)"


def to_anki(questions: Sequence[Question]) -> str:
    """Anki's plain-text import: tab-separated Front, Back, Tags, with header lines.

    Fields holding tabs, newlines or quotes are quoted CSV-style, which Anki's
    importer reads back as one field; html:false keeps the text literal.
    """
    buffer = io.StringIO()
    buffer.write("#separator:tab\n#html:false\n#columns:Front\tBack\tTags\n#tags column:3\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    for q in questions:
        writer.writerow([f"{q.title}\n\n{q.prompt.strip()}", _back(q), " ".join(anki_tags(q))])
    return buffer.getvalue()
