"""The report as Markdown (CommonMark with GitHub's tables).

Bank and user text is shown literally: in running text and table cells every
character Markdown or HTML could read as syntax is backslash-escaped, and
answers go in fenced code blocks whose fence is longer than any run of
backticks inside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from interview.reports.export import (
    direction,
    grade_text,
    local_time,
    number,
    percent,
    period_text,
    sessions_text,
    signed,
    streak_text,
    target_text,
    time_text,
    zone_name,
)
from interview.reports.export.data import AnswerLine, ReportData, SessionSection
from interview.store.views import TREND_WINDOW

# Markdown's inline syntax (emphasis, code, links, images, autolinks, raw
# HTML, entities, strikethrough, tables, heading closers, maths): CommonMark
# lets a backslash make any ASCII punctuation literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$!{}])")
_SPACES = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")


@lru_cache(maxsize=8192)  # titles, signals and names repeat across thousands of answers
def text(value: str) -> str:
    """`value` on one line, every Markdown-significant character escaped."""
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", value).strip())


def fenced(value: str, info: str = "text") -> str:
    """`value` verbatim in a fenced code block."""
    longest = max((len(run) for run in _BACKTICKS.findall(value)), default=0) \
        if "`" in value else 0
    fence = "`" * max(3, longest + 1)
    body = value.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return f"{fence}{info}\n{body}\n{fence}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]],
          right: Sequence[int] = ()) -> list[str]:
    """A GitHub table; cells must already be escaped. Columns in `right` are right-aligned."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    return [_row(headers), _row(rule), *(_row(row) for row in rows)]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(data: ReportData) -> str:
    summary = data.summary
    tz = data.tz
    lines = [
        f"# Interview practice report: {text(summary.profile)}",
        "",
        f"Generated {local_time(data.generated_at, tz)}; times are local ({zone_name(data)}).",
        "",
        "## Summary",
        "",
        *table(("Item", "Value"), [
            ("Profile", text(summary.profile)),
            ("Period", text(period_text(summary, tz))),
            ("Sessions", text(sessions_text(summary))),
            ("Answers", str(summary.answers)),
            ("Graded", str(summary.graded)),
            ("Average grade", number(summary.average_grade)),
            ("Current streak", streak_text(summary.streak)),
        ]),
        "",
    ]
    lines += _competencies(data)
    lines += _readiness(data)
    lines += ["## Sessions", "", "Newest first.", ""]
    if not data.sessions:
        lines += ["No sessions in this period.", ""]
    for section in data.sessions:
        lines += _session(section, data)
    return "\n".join(lines).rstrip("\n") + "\n"


def _competencies(data: ReportData) -> list[str]:
    lines = ["## Competencies", ""]
    if not data.trends:
        return [*lines, "No answers in this period.", ""]
    lines += [
        f"Weakest first. Change: the average of the last {TREND_WINDOW} grades minus the "
        f"{TREND_WINDOW} before them (positive is improving). Recall: fsrs's predicted chance "
        "of recalling the competency's reviewed questions now.",
        "",
    ]
    rows = [
        (text(t.competency), str(t.answers), str(t.graded), number(t.average),
         number(t.recent_average), text(_change(t.change)), percent(t.over_time_rate),
         number(t.hints_per_answer), str(t.due_now), str(t.due_this_week),
         percent(t.retrievability))
        for t in data.trends
    ]
    lines += table(("Competency", "Answers", "Graded", "Average", f"Last {TREND_WINDOW}",
                    "Change", "Over time", "Hints per answer", "Due now", "Due this week",
                    "Recall"), rows, right=range(1, 11))
    return [*lines, ""]


def _change(value: float | None) -> str:
    word = direction(value)
    return f"{signed(value)} {word}" if word else "-"


def _readiness(data: ReportData) -> list[str]:
    found = data.readiness
    if found is None:
        return ["## Readiness", "", text(data.readiness_note), ""]
    lines = [f"## Readiness: {text(target_text(found.role, found.level))}", ""]
    if data.target_from_history:
        lines += ["The target is the role and level last practised; choose another with "
                  "`--role` and `--level`.", ""]
    lines += [f"Overall: {percent(found.overall)}. Practise next: "
              f"{text(', '.join(found.practise_next)) or 'nothing'}.", ""]
    if not found.competencies:
        return [*lines, "The bank has no questions for this role and level.", ""]
    rows = [
        (text(c.competency), percent(c.score),
         text(", ".join(str(g) for g in c.recent_grades)) or "-", percent(c.signal_share),
         f"{c.unseen} of {c.available}", text(c.evidence))
        for c in found.competencies
    ]
    lines += table(("Competency", "Score", "Recent grades", "Signals", "Unseen", "Evidence"),
                   rows, right=(1, 3))
    return [*lines, ""]


def _session(section: SessionSection, data: ReportData) -> list[str]:
    lines = [
        f"### Session {section.id}: {local_time(section.started_at, data.tz)}, "
        f"{section.mode.value}, {section.status.value}",
        "",
        f"- Target: {text(target_text(section.role, section.level))}",
        *([f"- Session: {text(section.description)}"]
          if section.description != target_text(section.role, section.level) else []),
        f"- Answered: {len(section.answers)} of {section.planned}",
        "",
    ]
    if not section.answers:
        lines += ["No answers recorded in this period.", ""]
    for line in section.answers:
        lines += _answer(line, data)
    return lines


def _answer(line: AnswerLine, data: ReportData) -> list[str]:
    lines = [
        f"#### {line.position + 1}\\. {text(line.title)}\n\n"
        f"- Question: {text(line.question_id)}\n"
        f"- Competency: {text(line.competency)}\n"
        f"- Grade: {grade_text(line)}\n"
        f"{_signals(line.signals_hit, line.signals_missed)}\n"
        f"- Hints used: {line.hints_used}\n"
        f"- Time: {time_text(line)}\n"
        f"- Answered: {local_time(line.answered_at, data.tz)}\n"
        + (f"- Tests: {text(line.tests.summary())}\n" if line.tests else ""),
    ]
    if line.text is not None:
        lines += [fenced(line.text) if line.text.strip() else "(no answer written)", ""]
    return lines


@lru_cache(maxsize=8192)  # one question's few combinations of ticks recur across answers
def _signals(hit: tuple[str, ...], missed: tuple[str, ...]) -> str:
    """The signals hit and missed as two list items with the signals nested."""
    lines = [f"- Signals hit ({len(hit)} of {len(hit) + len(missed)}):"
             + ("" if hit else " none"),
             *(f"  - {text(signal)}" for signal in hit),
             "- Signals missed:" + ("" if missed else " none"),
             *(f"  - {text(signal)}" for signal in missed)]
    return "\n".join(lines)
