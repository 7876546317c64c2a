"""A filled scorecard as one self-contained HTML file, laid out as the kit.

The kit's inline CSS (and a few rules of its own), the shared page shell, no
script, nothing fetched. Every piece of bank and user text goes through
`html.escape`; notes, take-aways and private notes keep their line breaks.
Ticked signals and red flags are ☑, the others ☐; times into a question are
mm:ss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from interview.bank.model import Question
from interview.practice.interviewing import Recommendation, Scorecard
from interview.reports.htmlpage import grid, page
from interview.reports.kit.html import BOX
from interview.reports.kit.html import CSS as KIT_CSS
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

CSS = KIT_CSS + """
.written { white-space: pre-wrap; overflow-wrap: anywhere; }
div.written { border: 1px solid var(--rule); border-radius: 4px; padding: 8px 10px;
  margin: 6px 0 16px; }
.stamp { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-weight: 600;
  margin-right: 6px; }
.grade { font-weight: 600; }
.private { border-left: 4px solid var(--flag); padding-left: 12px; }
"""


def render_html(card: Scorecard, questions: Mapping[str, Question],
                levels: Sequence[str]) -> str:
    items = scored_questions(card, questions)
    rounds = scored_rounds(items)
    title = f"Scorecard {card.id}: {card.candidate}"
    status = card.status.value.replace("-", " ") + (", self-graded" if card.self_graded else "")
    fields = [("Candidate", escape(card.candidate)), ("Interviewer", escape(card.interviewer)),
              ("Plan", f'{escape(card.plan_title)} <span class="qid">'
                       f"{escape(card.plan_id)}</span>"),
              ("Role", escape(card.role)), ("Level", escape(card.level)),
              ("Status", escape(status)), ("Started", moment_text(card.started_at)),
              ("Submitted", moment_text(card.submitted_at))]
    body = [
        '<header class="cover">',
        f"<h1>{escape(title)}</h1>",
        '<dl class="bars">' + "".join(f"<dt>{name}</dt><dd>{value}</dd>"
                                      for name, value in fields) + "</dl>",
        '<p class="note">Grades use the 4-point scale: '
        + ", ".join(grade_text(g) for g in GRADES) + ". Times are mm:ss into the question.</p>",
        grid(("Round", "Question", "Competency", "Grade"),
               [(str(r.number), f'<a href="#q-{q.number}">{escape(q.title)}</a>',
                 escape(q.score.competency), escape(q.grade_text))
                for r in rounds for q in r.questions], numeric=(0,))
        if items else '<p class="note">No questions.</p>',
        "</header>",
    ]
    for round_ in rounds:
        body += _round(round_, card.level, levels)
    body += _closing(card)
    return page(title, CSS, body)


def _round(round_: ScoredRound, level: str, levels: Sequence[str]) -> list[str]:
    parts = [f'<section class="round" id="round-{round_.number}">',
             f"<h2>{escape(round_.heading)}</h2>"]
    parts += [_question(item, f"{round_.number}.{n}", level, levels)
              for n, item in enumerate(round_.questions, 1)]
    parts.append("</section>")
    return parts


def _question(item: ScoredQuestion, number: str, level: str, levels: Sequence[str]) -> str:
    score = item.score
    question = item.question
    grade = f"Grade: {item.grade_text}"
    if score.self_grade is not None:
        grade += f" · self-grade: {grade_text(score.self_grade)}"
    parts = [
        f'<article class="question" id="q-{item.number}">',
        f"<h3>{number} {escape(item.title)}</h3>",
        f'<p class="meta"><span class="qid">{escape(score.question_id)}</span> · '
        f"{escape(score.competency)} · {escape(item.time_text)}</p>",
        f'<p class="grade">{escape(grade)}</p>',
    ]
    if question is None:
        parts.append('<p class="note">The question\'s text is not available: it is shown '
                     "by its id.</p>")
    elif question.rubric is None:
        parts.append('<p class="note">No rubric: this question is a draft.</p>')
    empty = "None in the rubric." if question is not None else "Not available."
    parts += [_part("Signals", _ticks(item.signals, "signal", empty)),
              _part("Red flags", _ticks(item.red_flags, "red flag", empty, "check flags"))]
    hints = [f'<li><span class="stamp">{clock(h.at_seconds)}</span> hint {h.index}'
             + (f": {escape(h.text)}" if h.text else "") + "</li>" for h in item.hints]
    parts.append(_part("Hints given", _items(hints)))
    notes = [f'<li><span class="stamp">{clock(n.at_seconds)}</span> '
             f'<span class="written">{escape(n.text)}</span></li>' for n in item.notes]
    parts.append(_part("Notes", _items(notes)))
    if question is not None and question.rubric is not None:
        parts.append(_part("The bar", _bars(question, level, levels)))
    parts.append("</article>")
    return "\n".join(parts)


def _part(heading: str, body: str) -> str:
    return f'<div class="part keep"><h4>{escape(heading)}</h4>{body}</div>'


def _items(items: Sequence[str]) -> str:
    """Already-escaped list items as a list, or `None.`."""
    return "<ul>" + "".join(items) + "</ul>" if items else '<p class="note">None.</p>'


def _ticks(ticks: Sequence[Tick], noun: str, empty: str, css_class: str = "check") -> str:
    if not ticks:
        return f'<p class="note">{empty}</p>'
    return f'<ul class="{css_class}">' + "".join(
        f'<li><span class="box">{TICKED if t.ticked else BOX}</span> '
        + (escape(t.text) if t.text else
           f'<span class="note">{noun} {t.index} (text not available)</span>') + "</li>"
        for t in ticks) + "</ul>"


def _bars(question: Question, level: str, levels: Sequence[str]) -> str:
    written = ", ".join(question.rubric.by_level if question.rubric else ()) or "none"
    rows = []
    for bar in question_bars(question, level, levels):
        at = ' class="at"' if bar.relation == "at" else ""
        value = (f"<dd{at}>{escape(bar.text)}</dd>" if bar.text else
                 f'<dd class="missing">None written for this question (bars written '
                 f"for: {escape(written)}).</dd>")
        rows.append(f"<dt{at}>{escape(bar.label)}</dt>{value}")
    return '<dl class="bars">' + "".join(rows) + "</dl>"


def _closing(card: Scorecard) -> list[str]:
    closing = card.closing
    rows = [(escape(c), grade_text(closing.ratings[c]) if c in closing.ratings else "not rated")
            for c in rated_competencies(card)]
    chosen = closing.recommendation
    box = '<span class="box">{}</span>'
    return [
        '<section class="scorecard" id="closing">',
        "<h2>Ratings and recommendation</h2>",
        "<h3>Competency ratings</h3>",
        grid(("Competency", "Rating"), rows) if rows
        else '<p class="note">No competencies.</p>',
        "<h3>Overall recommendation</h3>",
        '<p class="overall">' + "".join(
            f"<span>{box.format(TICKED if r is chosen else BOX)} {escape(r.label)}</span>"
            for r in Recommendation)
        + ("" if chosen else '<span class="note">(none made yet)</span>') + "</p>",
        '<div class="keep"><h3>Key take-aways</h3>' + _written(closing.takeaways) + "</div>",
        '<div class="keep private"><h3>Private notes (not for the candidate)</h3>'
        + _written(closing.private_notes) + "</div>",
        "</section>",
    ]


def _written(value: str) -> str:
    if not value.strip():
        return '<p class="note">None written.</p>'
    return '<div class="written">' + escape(value.strip("\n")) + "</div>"
