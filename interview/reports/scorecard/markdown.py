"""A filled scorecard as Markdown (CommonMark with GitHub's tables), laid out as the kit.

Bank and user text is shown literally with the kit's and the report's
helpers: running text and table cells have Markdown's punctuation escaped
(`text`, `line` where a line starts), a note keeps its line breaks as hard
breaks, and the take-aways and private notes go in fenced code blocks.
Ticked signals and red flags are ☑, the others ☐; times into a question are
mm:ss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from interview.bank.model import Question
from interview.practice.interviewing import Recommendation, Scorecard
from interview.reports.export.markdown import fenced, table, text
from interview.reports.kit.markdown import BOX, line
from interview.reports.kit.model import GRADES, question_bars
from interview.reports.scorecard.shape import (
    ScoredQuestion,
    ScoredRound,
    Tick,
    clock,
    grade_text,
    moment_text,
    rated_competencies,
    scored_questions,
    scored_rounds,
)

TICKED = "☑"


def render_markdown(card: Scorecard, questions: Mapping[str, Question],
                    levels: Sequence[str]) -> str:
    items = scored_questions(card, questions)
    rounds = scored_rounds(items)
    status = card.status.value.replace("-", " ") + (", self-graded" if card.self_graded else "")
    lines = [
        f"# Scorecard {card.id}: {text(card.candidate)}",
        "",
        f"- Candidate: {text(card.candidate)}",
        f"- Interviewer: {text(card.interviewer)}",
        f"- Plan: {text(card.plan_title)} ({text(card.plan_id)})",
        f"- Role: {text(card.role)}",
        f"- Level: {text(card.level)}",
        f"- Status: {status}",
        f"- Started: {moment_text(card.started_at)}",
        f"- Submitted: {moment_text(card.submitted_at)}",
        "",
        "Grades use the 4-point scale: " + ", ".join(grade_text(g) for g in GRADES)
        + ". Times are mm:ss into the question.",
        "",
    ]
    if items:
        lines += [*table(("Round", "Question", "Competency", "Grade"),
                         [(str(r.number), text(q.title), text(q.score.competency), q.grade_text)
                          for r in rounds for q in r.questions], right=(0,)), ""]
    else:
        lines += ["No questions.", ""]
    for round_ in rounds:
        lines += _round(round_, card.level, levels)
    lines += _closing(card)
    return "\n".join(lines).rstrip("\n") + "\n"


def _round(round_: ScoredRound, level: str, levels: Sequence[str]) -> list[str]:
    lines = [f"## {text(round_.heading)}", ""]
    for number, item in enumerate(round_.questions, 1):
        lines += _question(item, f"{round_.number}.{number}", level, levels)
    return lines


def _question(item: ScoredQuestion, number: str, level: str,
              levels: Sequence[str]) -> list[str]:
    score = item.score
    lines = [
        f"### {number} {text(item.title)}",
        "",
        f"- Id: {text(score.question_id)}",
        f"- Competency: {text(score.competency)}",
        f"- Time: {item.time_text}",
        f"- Grade: {item.grade_text}",
    ]
    if score.self_grade is not None:
        lines.append(f"- Self-grade: {grade_text(score.self_grade)}")
    lines.append("")
    question = item.question
    if question is None:
        lines += ["The question's text is not available: it is shown by its id.", ""]
    elif question.rubric is None:
        lines += ["No rubric: this question is a draft.", ""]
    empty = "None in the rubric." if question is not None else "Not available."
    lines += ["#### Signals", "", *_ticks(item.signals, "signal", empty), ""]
    lines += ["#### Red flags", "", *_ticks(item.red_flags, "red flag", empty), ""]
    lines += ["#### Hints given", ""]
    lines += [f"- **{clock(h.at_seconds)}** hint {h.index}"
              + (f": {text(h.text)}" if h.text else "") for h in item.hints] or ["None."]
    lines += ["", "#### Notes", ""]
    lines += [f"- **{clock(n.at_seconds)}** {_paragraph(n.text)}" for n in item.notes] \
        or ["None."]
    lines.append("")
    if question is not None and question.rubric is not None:
        lines += ["#### The bar", "", *_bars(question, level, levels), ""]
    return lines


def _ticks(ticks: Sequence[Tick], noun: str, empty: str) -> list[str]:
    if not ticks:
        return [empty]
    return [f"- {TICKED if t.ticked else BOX} "
            + (text(t.text) if t.text else f"{noun} {t.index} (text not available)")
            for t in ticks]


def _paragraph(value: str) -> str:
    """`value` as running text that keeps its line breaks (hard breaks), none of
    its lines read as a list, heading or quote."""
    kept = [line(part) for part in value.splitlines() if part.strip()]
    return "\\\n  ".join(kept) or "(empty)"


def _bars(question: Question, level: str, levels: Sequence[str]) -> list[str]:
    written = ", ".join(question.rubric.by_level if question.rubric else ()) or "none"
    return [f"- **{text(bar.label)}:** "
            + (text(bar.text) if bar.text else
               f"None written for this question (bars written for: {text(written)}).")
            for bar in question_bars(question, level, levels)]


def _closing(card: Scorecard) -> list[str]:
    closing = card.closing
    competencies = rated_competencies(card)
    rows = [(text(c), grade_text(closing.ratings[c]) if c in closing.ratings else "not rated")
            for c in competencies]
    chosen = closing.recommendation
    lines = [
        "## Ratings and recommendation",
        "",
        "### Competency ratings",
        "",
        *(table(("Competency", "Rating"), rows) if rows else ["No competencies."]),
        "",
        "### Overall recommendation",
        "",
        "   ".join(f"{TICKED if r is chosen else BOX} {r.label}" for r in Recommendation)
        + ("" if chosen else "   (none made yet)"),
        "",
        "### Key take-aways",
        "",
        _written(closing.takeaways),
        "",
        "### Private notes (not for the candidate)",
        "",
        _written(closing.private_notes),
        "",
    ]
    return lines


def _written(value: str) -> str:
    return fenced(value) if value.strip() else "None written."
