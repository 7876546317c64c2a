"""The report as one self-contained HTML file.

Inline CSS (with print rules), inline SVG charts (interview.reports.export.svg),
no script and nothing fetched: the file can be mailed or archived and opens
the same anywhere. Every piece of bank or user text goes through
`html.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from interview.practice.domain import Grade
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
from interview.reports.export.svg import heatmap, line_chart
from interview.reports.htmlpage import grid, page
from interview.store.views import TREND_WINDOW

CSS = """
:root { color-scheme: light; --ink: #0f172a; --muted: #475569; --rule: #e2e8f0;
  --panel: #f8fafc; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 10px; padding-bottom: 4px;
  border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.08em; margin: 24px 0 6px; }
h4 { font-size: 1em; margin: 0 0 6px; }
p.note, .meta { color: var(--muted); margin: 4px 0 12px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.summary th { width: 11em; }
table.wide { width: 100%; font-size: 0.92em; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 18px; }
.chart { max-width: 100%; height: auto; }
.figure { margin: 8px 0 16px; }
.up { color: #15803d; } .down { color: #b91c1c; }
.session { margin: 18px 0 0; }
.answer { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px;
  margin: 10px 0; background: #fff; }
.answer dl { display: grid; grid-template-columns: 11em 1fr; gap: 2px 12px; margin: 6px 0; }
.answer dt { color: var(--muted); }
.answer dd { margin: 0; }
.answer ul { margin: 0; padding-left: 1.2em; }
.grade { display: inline-block; padding: 0 8px; border-radius: 10px; font-weight: 600;
  font-size: 0.9em; background: #e2e8f0; }
.grade-1 { background: #fee2e2; color: #991b1b; } .grade-2 { background: #ffedd5; color: #9a3412; }
.grade-3 { background: #dcfce7; color: #166534; } .grade-4 { background: #bbf7d0; color: #14532d; }
.missed { color: var(--muted); }
.qid { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  font-size: 0.85em; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel);
  border: 1px solid var(--rule); border-radius: 4px; padding: 8px 10px; margin: 8px 0 0;
  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  .answer, table.summary, .chart, tr { break-inside: avoid; page-break-inside: avoid; }
  pre.text { max-height: none; }
}
"""


def render_html(data: ReportData) -> str:
    summary = data.summary
    title = f"Interview practice report: {summary.profile}"
    body: list[str] = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Generated {escape(local_time(data.generated_at, data.tz))}; times '
        f"are local ({escape(zone_name(data))}).</p>",
        "<h2>Summary</h2>",
        _table([
            ("Profile", escape(summary.profile)),
            ("Period", escape(period_text(summary, data.tz))),
            ("Sessions", escape(sessions_text(summary))),
            ("Answers", str(summary.answers)),
            ("Graded", str(summary.graded)),
            ("Average grade", number(summary.average_grade)),
            ("Current streak", escape(streak_text(summary.streak))),
        ], "summary"),
        "<h2>Practice days</h2>",
        f'<p class="note">The last {len(data.heatmap)} weeks, Monday at the top; darker '
        "means more answers that day.</p>",
        f'<div class="figure">{heatmap(data.heatmap, data.today)}</div>',
    ]
    body += _competencies(data)
    body += _readiness(data)
    body += ["<h2>Sessions</h2>", '<p class="note">Newest first.</p>']
    if not data.sessions:
        body.append('<p class="note">No sessions in this period.</p>')
    for section in data.sessions:
        body += _session(section, data)
    return page(title, CSS, body)


def _table(rows: Iterable[tuple[str, str]], css_class: str) -> str:
    """A two-column table of (label, already escaped value)."""
    cells = "".join(f"<tr><th>{escape(label)}</th><td>{value}</td></tr>" for label, value in rows)
    return f'<table class="{css_class}">{cells}</table>'


def _competencies(data: ReportData) -> list[str]:
    parts = ["<h2>Competencies</h2>"]
    if not data.trends:
        return [*parts, '<p class="note">No answers in this period.</p>']
    parts.append(
        f'<p class="note">Weakest first. Change: the average of the last {TREND_WINDOW} '
        f"grades minus the {TREND_WINDOW} before them (positive is improving). Recall: "
        "fsrs's predicted chance of recalling the competency's reviewed questions now.</p>")
    rows = [
        (escape(t.competency), str(t.answers), str(t.graded), number(t.average),
         number(t.recent_average), _change(t.change), percent(t.over_time_rate),
         number(t.hints_per_answer), str(t.due_now), str(t.due_this_week),
         percent(t.retrievability))
        for t in data.trends
    ]
    parts.append(grid(("Competency", "Answers", "Graded", "Average", f"Last {TREND_WINDOW}",
                        "Change", "Over time", "Hints per answer", "Due now", "Due this week",
                        "Recall"), rows, numeric=range(1, 11), css_class="wide"))
    if data.series:
        parts.append("<h3>Grades over time</h3>")
        parts.append('<p class="note">One chart per competency with at least two grades, '
                     "weakest first: each grade (1 strong no to 4 strong yes) in the order "
                     f"given. With more than {2 * TREND_WINDOW} grades the dots are the grades "
                     f"and the line is the average of the last {TREND_WINDOW}.</p>")
        parts.append('<div class="charts">'
                     + "".join(line_chart(s, data.tz) for s in data.series) + "</div>")
    return parts


def _change(value: float | None) -> str:
    word = direction(value)
    if not word:
        return "-"
    css = {"improving": "up", "falling": "down"}.get(word, "")
    return f'<span class="{css}">{escape(signed(value))} {word}</span>'


def _readiness(data: ReportData) -> list[str]:
    found = data.readiness
    if found is None:
        return ["<h2>Readiness</h2>", f'<p class="note">{escape(data.readiness_note)}</p>']
    parts = [f"<h2>Readiness: {escape(target_text(found.role, found.level))}</h2>"]
    if data.target_from_history:
        parts.append('<p class="note">The target is the role and level last practised; '
                     "choose another with <code>--role</code> and <code>--level</code>.</p>")
    next_up = ", ".join(found.practise_next) or "nothing"
    parts.append(f"<p>Overall: <strong>{percent(found.overall)}</strong>. Practise next: "
                 f"{escape(next_up)}.</p>")
    if not found.competencies:
        return [*parts, '<p class="note">The bank has no questions for this role and '
                        "level.</p>"]
    rows = [
        (escape(c.competency), percent(c.score),
         escape(", ".join(str(g) for g in c.recent_grades)) or "-", percent(c.signal_share),
         f"{c.unseen} of {c.available}", escape(c.evidence))
        for c in found.competencies
    ]
    parts.append(grid(("Competency", "Score", "Recent grades", "Signals", "Unseen",
                        "Evidence"), rows, numeric=(1, 3), css_class="wide"))
    return parts


def _session(section: SessionSection, data: ReportData) -> list[str]:
    target = target_text(section.role, section.level)
    parts = [
        f'<section class="session" id="session-{section.id}">',
        f"<h3>Session {section.id}: {escape(local_time(section.started_at, data.tz))}, "
        f"{escape(section.mode.value)}, {escape(section.status.value)}</h3>",
        f'<p class="meta">Target: {escape(target)} · '
        + (f"{escape(section.description)} · " if section.description != target else "")
        + f"{len(section.answers)} of {section.planned} answered</p>",
    ]
    if not section.answers:
        parts.append('<p class="note">No answers recorded in this period.</p>')
    parts += [_answer(line, data) for line in section.answers]
    parts.append("</section>")
    return parts


def _answer(line: AnswerLine, data: ReportData) -> str:
    grade_class = f"grade grade-{int(line.grade)}" if isinstance(line.grade, Grade) else "grade"
    text = ""
    if line.text is not None:
        text = (f'<pre class="text">{escape(line.text)}</pre>' if line.text.strip()
                else '<p class="note">(no answer written)</p>')
    return (
        f'<article class="answer"><h4>{line.position + 1}. {_escaped(line.title)} '
        f'<span class="qid">{_escaped(line.question_id)}</span></h4><dl>'
        f"<dt>Competency</dt><dd>{_escaped(line.competency)}</dd>"
        f'<dt>Grade</dt><dd><span class="{grade_class}">{_escaped(grade_text(line))}</span></dd>'
        f"{_signals(line.signals_hit, line.signals_missed)}"
        f"<dt>Hints used</dt><dd>{line.hints_used}</dd>"
        f"<dt>Time</dt><dd>{escape(time_text(line))}</dd>"
        f"<dt>Answered</dt><dd>{escape(local_time(line.answered_at, data.tz))}</dd>"
        + (f"<dt>Tests</dt><dd>{escape(line.tests.summary())}</dd>" if line.tests else "")
        + f"</dl>{text}</article>")


@lru_cache(maxsize=8192)  # one question's few combinations of ticks recur across answers
def _signals(hit: tuple[str, ...], missed: tuple[str, ...]) -> str:
    return (f"<dt>Signals hit ({len(hit)} of {len(hit) + len(missed)})</dt>"
            f'<dd>{_list(hit, "")}</dd><dt>Signals missed</dt><dd>{_list(missed, "missed")}</dd>')


@lru_cache(maxsize=8192)
def _escaped(value: str) -> str:
    """`html.escape`, remembered: titles and names recur across thousands of answers."""
    return escape(value)


def _list(items: tuple[str, ...], css_class: str) -> str:
    if not items:
        return "none"
    css = f' class="{css_class}"' if css_class else ""
    return f"<ul{css}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"

