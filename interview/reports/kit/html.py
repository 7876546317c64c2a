"""The kit as one self-contained HTML file that prints well.

Inline CSS, no script, nothing fetched: it opens the same anywhere and can be
mailed or archived. Every piece of bank text goes through `html.escape`.
Printed, each round and the scorecard start a new page, and a question is
kept on one page where it fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from interview.reports.htmlpage import grid, page
from interview.reports.kit.model import (
    GRADES,
    Block,
    Kit,
    KitQuestion,
    KitRound,
    ScoreLine,
    minutes_text,
)

BOX = "☐"

CSS = """
:root { color-scheme: light; --ink: #0f172a; --muted: #475569; --rule: #e2e8f0;
  --panel: #f8fafc; --accent: #2563eb; --flag: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px 28px 48px; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.35em; margin: 36px 0 6px; padding-bottom: 4px;
  border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.12em; margin: 0 0 4px; }
h4 { font-size: 0.82em; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--muted); }
p { margin: 6px 0; }
.meta, .note { color: var(--muted); margin: 4px 0 10px; }
.qid { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.88em; }
table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.tick, th.tick { text-align: center; }
.notes { background: var(--panel); border-left: 4px solid var(--accent); padding: 8px 14px;
  margin: 10px 0 16px; }
.pick { font-weight: 600; }
.question { border: 1px solid var(--rule); border-radius: 6px; padding: 12px 16px;
  margin: 14px 0; background: #fff; }
.question ol, .question ul { margin: 2px 0; padding-left: 1.4em; }
.question li { margin: 2px 0; }
ul.check { list-style: none; padding-left: 0; }
ul.check li { padding-left: 1.6em; text-indent: -1.6em; }
.box { font-size: 1.15em; }
ul.flags li::marker { color: var(--flag); }
dl.bars { display: grid; grid-template-columns: 13em 1fr; gap: 4px 12px; margin: 4px 0; }
dl.bars dt { color: var(--muted); }
dl.bars dd { margin: 0; }
dl.bars .at { color: var(--ink); font-weight: 600; }
dl.bars dd.missing { color: var(--muted); font-style: italic; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel);
  border: 1px solid var(--rule); border-radius: 4px; padding: 8px 10px; margin: 8px 0;
  font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.outline { color: #1e293b; }
.fields { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 10px 0 18px; }
.fields span { min-width: 14em; flex: 1; border-bottom: 1px solid var(--ink); padding-top: 14px; }
table.score { table-layout: fixed; }
table.score th.tick { width: 7.6em; padding: 4px; white-space: nowrap; font-size: 0.9em; }
table.questions th:first-child { width: 4.5em; }
.scorecard td, .scorecard th { padding: 4px 8px; }
.fill { display: inline-block; min-width: 12em; border-bottom: 1px solid var(--ink);
  margin-right: 8px; height: 1.1em; }
.overall { font-size: 1.05em; display: flex; gap: 28px; margin: 8px 0 16px; }
.write { border: 1px solid var(--ink); border-radius: 4px; min-height: 9em; margin: 6px 0 16px; }
.write.tall { min-height: 14em; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .round, .scorecard { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .question.whole, .keep, .notes, tr, li, pre, p { break-inside: avoid;
    page-break-inside: avoid; }
  .part h4 { break-after: avoid; page-break-after: avoid; }
  .question { border-color: #cbd5e1; }
  .write { min-height: 7em; } .write.tall { min-height: 10em; }
}
"""


def render_html(kit: Kit) -> str:
    plan = kit.plan
    title = f"Interview kit: {plan.title}"
    body = [
        '<header class="cover">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Plan <span class="qid">{escape(plan.id)}</span> · '
        f"{escape(plan.role)} · {escape(plan.level)} · {plan.minutes} minutes in "
        f"{len(kit.rounds)} round(s), {kit.asked} question(s) asked</p>",
        f'<p class="meta">Bars shown for <strong>{escape(kit.level)}</strong>'
        + (f" (the plan's level is {escape(plan.level)})" if kit.level_overridden
           else " (the plan's level)") + ", with the level below and above.</p>",
    ]
    if plan.description:
        body.append(f"<p>{escape(plan.description)}</p>")
    body += [
        '<p class="note">Grades use the 4-point scale: '
        + ", ".join(f"{int(g)} {g.label}" for g in GRADES)
        + ". Tick the signals you hear; the scorecard is on the last page.</p>",
        grid(("Round", "Title", "Minutes", "Questions"),
              [(str(r.number), f'<a href="#round-{r.number}">{escape(r.title)}</a>',
                str(r.minutes), escape(r.count_text)) for r in kit.rounds],
              numeric=(0, 2)),
        "</header>",
    ]
    for round_ in kit.rounds:
        body += _round(round_, kit)
    body += _scorecard(kit)
    return page(title, CSS, body)


def _round(round_: KitRound, kit: Kit) -> list[str]:
    parts = [f'<section class="round" id="round-{round_.number}">',
             f"<h2>Round {round_.number}: {escape(round_.title)}</h2>"]
    if not round_.questions:
        parts += [f'<p class="meta">{round_.minutes} minutes. No question in this bank '
                  "matches this round, so it is skipped when the plan runs.</p>", "</section>"]
        return parts
    each = f", {minutes_text(round_.seconds_each)} each" if round_.asked > 1 else ""
    parts.append(f'<p class="meta">{round_.minutes} minutes; {round_.asked} '
                 f"question(s){each}.</p>")
    if round_.notes:
        parts.append(f'<div class="notes"><h4>Notes for the interviewer</h4>'
                     f"<p>{escape(round_.notes)}</p></div>")
    if round_.pick is not None:
        parts += _candidates(round_, kit)
    parts += [_question(q, f"{round_.number}.{n}", round_.pick is not None)
              for n, q in enumerate(round_.questions, 1)]
    parts.append("</section>")
    return parts


def _candidates(round_: KitRound, kit: Kit) -> list[str]:
    pick = round_.pick
    assert pick is not None
    wanted = round_.pick_criteria(kit.plan)
    rows = [(f"{round_.number}.{n}",
             f'<a href="#q-{round_.number}-{n}">{escape(q.question.title)}</a>',
             f'<span class="qid">{escape(q.question.id)}</span>', escape(q.competency),
             escape(q.question.kind))
            for n, q in enumerate(round_.questions, 1)]
    return [
        f'<p class="pick">Pick {pick.count} of these {len(round_.questions)}</p>',
        f'<p class="note">The bank\'s questions for {escape(", ".join(wanted))}; each is '
        "in full below.</p>",
        grid(("#", "Question", "Id", "Competency", "Kind"), rows),
    ]


def _question(item: KitQuestion, number: str, candidate: bool) -> str:
    question = item.question
    anchor = "q-" + number.replace(".", "-")
    # Printed, a question that fits on a page is kept on one; a longer one may
    # break, but only between its parts (prompt, hints, signals...).
    fits = "whole" if _printed_lines(item) <= PAGE_LINES else "long"
    parts = [
        f'<article class="question {fits}" id="{anchor}">',
        f"<h3>{number} {escape(question.title)}</h3>",
        f'<p class="meta"><span class="qid">{escape(question.id)}</span> · '
        f"{escape(question.kind)} · {escape(item.competency)} · "
        f"{minutes_text(item.seconds)}{' if picked' if candidate else ''}</p>",
        _part("Prompt", _blocks(item.prompt, "prompt"), keep=False),
    ]
    if item.exercise_lines:
        parts.append(_part("Exercise", _list("ul", item.exercise_lines)))
    if question.hints:
        parts.append(_part("Hints, in the order to give them", _list("ol", question.hints)))
    if question.follow_ups:
        parts.append(_part("Follow-ups", _list("ul", question.follow_ups)))
    if question.rubric is None:
        parts.append(_part("Signals", '<p class="note">No rubric yet: this question is a '
                                      "draft.</p>"))
    else:
        parts.append(_part("Signals", '<ul class="check">'
                           + "".join(f'<li><span class="box">{BOX}</span> {escape(s)}</li>'
                                     for s in item.signals) + "</ul>"))
        if item.red_flags:
            parts.append(_part("Red flags", _list("ul", item.red_flags, "flags")))
        parts.append(_part("The bar", _bars(item)))
    if item.outline:
        parts.append(_part("Outline", _blocks(item.outline, "outline"), keep=False))
    if item.reference:
        parts.append(_part("Reference solution", f"<pre>{escape(item.reference.rstrip())}</pre>",
                           keep=False))
    parts.append("</article>")
    return "\n".join(parts)


def _part(heading: str, body: str, keep: bool = True) -> str:
    """A section of a question; printed, a `keep` one is not split across pages."""
    css = "part keep" if keep else "part"
    return f'<div class="{css}"><h4>{escape(heading)}</h4>{body}</div>'


# About how many lines of body text an A4 page holds at the print size, with
# room to spare; and how many characters a line holds (a bar's column fewer).
PAGE_LINES = 40
_LINE_CHARS = 100
_BAR_CHARS = 70


def _printed_lines(item: KitQuestion) -> float:
    """A rough count of the lines `item` takes printed, to tell whether it fits on a page."""
    def wrapped(texts: Iterable[str], width: int = _LINE_CHARS) -> float:
        return sum(len(t) // width + 1.2 for t in texts)

    def blocks(found: tuple[Block, ...]) -> float:
        return sum(b.text.count("\n") * 0.9 + 2 if b.literal else wrapped([b.text]) + 0.4
                   for b in found)

    question = item.question
    lines = 4.0 + blocks(item.prompt) + blocks(item.outline)
    lines += wrapped(question.hints) + wrapped(question.follow_ups) + wrapped(item.signals)
    lines += wrapped(item.red_flags) + wrapped((b.text for b in item.bars), _BAR_CHARS)
    sections = 2 + bool(question.hints) + bool(question.follow_ups) + bool(item.red_flags) \
        + bool(item.outline)
    return lines + 1.8 * sections


def _bars(item: KitQuestion) -> str:
    rows = []
    for bar in item.bars:
        at = ' class="at"' if bar.relation == "at" else ""
        if bar.text:
            value = f"<dd{at}>{escape(bar.text)}</dd>"
        else:
            written = ", ".join(item.written_levels) or "none"
            value = (f'<dd class="missing">None written for this question (bars written '
                     f"for: {escape(written)}).</dd>")
        rows.append(f"<dt{at}>{escape(bar.label)}</dt>{value}")
    return '<dl class="bars">' + "".join(rows) + "</dl>"


def _list(tag: str, items: Iterable[str], css_class: str = "") -> str:
    css = f' class="{css_class}"' if css_class else ""
    return f"<{tag}{css}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"


def _blocks(blocks: tuple[Block, ...], css_class: str) -> str:
    return f'<div class="{css_class}">' + "".join(
        f"<pre>{escape(b.text)}</pre>" if b.literal else f"<p>{escape(b.text)}</p>"
        for b in blocks) + "</div>"


def _scorecard(kit: Kit) -> list[str]:
    scale = [f"{int(g)} {g.label}" for g in GRADES]
    box = f'<span class="box">{BOX}</span>'
    boxes = [box] * len(GRADES)
    centred = range(2, 2 + len(GRADES))
    rows = [(str(s.round.number), _score_label(s), *boxes) for s in kit.score_lines]
    competencies = [(escape(c), *boxes) for c in kit.competencies]
    competencies += [('<span class="fill"></span><span class="note">(a picked question\'s '
                      "competency)</span>", *boxes)] * kit.open_competencies
    return [
        '<section class="scorecard" id="scorecard">',
        f"<h2>Scorecard: {escape(kit.plan.title)}</h2>",
        '<div class="fields"><span>Candidate</span><span>Interviewer</span>'
        "<span>Date</span></div>",
        "<h3>Questions</h3>",
        grid(("Round", "Question", *scale), rows, numeric=(0,), boxes=centred,
              css_class="score questions"),
        "<h3>Competencies</h3>",
        grid(("Competency", *scale), competencies, boxes=range(1, 1 + len(GRADES)),
              css_class="score")
        if competencies else '<p class="note">No competencies.</p>',
        "<h3>Overall recommendation</h3>",
        '<p class="overall">' + "".join(f"<span>{box} {escape(g.label)}</span>"
                                        for g in GRADES) + "</p>",
        '<div class="keep"><h3>Key take-aways</h3><div class="write"></div></div>',
        '<div class="keep"><h3>Private notes</h3><div class="write tall"></div></div>',
        "</section>",
    ]


def _score_label(line: ScoreLine) -> str:
    if line.question is not None:
        return escape(line.label)
    return f'{escape(line.label)}: <span class="fill"></span>'
