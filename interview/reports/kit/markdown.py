"""The kit as Markdown (CommonMark with GitHub's tables).

Bank text is shown literally, as in `interview report`'s Markdown (whose
helpers this uses): running text and table cells have every character
Markdown or HTML could read as syntax backslash-escaped, and code or lists
in a prompt or outline go in fenced code blocks. Checkboxes are ☐.
"""

from __future__ import annotations

import re

from interview.reports.export.markdown import fenced, table, text
from interview.reports.kit.model import (
    GRADES,
    Block,
    Kit,
    KitQuestion,
    KitRound,
    minutes_text,
)

BOX = "☐"
# Text that would open a list or a heading where a line starts: `- `, `+ `, `=`
# and `1.`/`1)` (`text` escapes the rest of Markdown's punctuation).
_LINE_START = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")


def line(value: str) -> str:
    """`text(value)`, safe at the start of a line or list item too."""
    escaped = text(value)
    found = _LINE_START.match(escaped)
    if found is None:
        return escaped
    if found.group().isdigit():
        end = found.end()
        return f"{escaped[:end]}\\{escaped[end:]}"  # 1. -> 1\.
    return "\\" + escaped


def render_markdown(kit: Kit) -> str:
    plan = kit.plan
    lines = [f"# Interview kit: {text(plan.title)}", ""]
    lines += [
        f"- Plan: {text(plan.id)}",
        f"- Role: {text(plan.role)}",
        f"- Level: {text(plan.level)}",
        f"- Bars shown for {text(_bars_for(kit))}, with the level below and above",
        f"- Time: {plan.minutes} minutes in {len(kit.rounds)} round(s), "
        f"{kit.asked} question(s) asked",
        "",
    ]
    if plan.description:
        lines += [line(plan.description), ""]
    lines += [
        "Grades use the 4-point scale: "
        + ", ".join(f"{int(g)} {g.label}" for g in GRADES)
        + ". Tick the signals you hear; the scorecard is at the end.",
        "",
        *table(("Round", "Title", "Minutes", "Questions"),
               [(str(r.number), text(r.title), str(r.minutes), r.count_text) for r in kit.rounds],
               right=(0, 2)),
        "",
    ]
    for round_ in kit.rounds:
        lines += _round(round_, kit)
    lines += _scorecard(kit)
    return "\n".join(lines).rstrip("\n") + "\n"


def _bars_for(kit: Kit) -> str:
    if kit.level_overridden:
        return f"{kit.level} (the plan's level is {kit.plan.level})"
    return f"{kit.level} (the plan's level)"



def _round(round_: KitRound, kit: Kit) -> list[str]:
    lines = [f"## Round {round_.number}: {text(round_.title)}", ""]
    if not round_.questions:
        return [*lines, f"{round_.minutes} minutes. No question in this bank matches this "
                        "round, so it is skipped when the plan runs.", ""]
    each = f", {minutes_text(round_.seconds_each)} each" if round_.asked > 1 else ""
    lines += [f"{round_.minutes} minutes; {round_.asked} question(s){each}.", ""]
    if round_.notes:
        lines += [f"**Notes for the interviewer:** {text(round_.notes)}", ""]
    if round_.pick is not None:
        lines += _candidates(round_, kit)
    for number, question in enumerate(round_.questions, 1):
        lines += _question(question, f"{round_.number}.{number}", round_.pick is not None)
    return lines


def _candidates(round_: KitRound, kit: Kit) -> list[str]:
    pick = round_.pick
    assert pick is not None
    wanted = round_.pick_criteria(kit.plan)
    rows = [(f"{round_.number}.{n}", text(q.question.title), text(q.question.id),
             text(q.competency), text(q.question.kind))
            for n, q in enumerate(round_.questions, 1)]
    return [
        f"**Pick {pick.count} of these {len(round_.questions)}** (the bank's questions for "
        f"{text(', '.join(wanted))}; each is in full below).",
        "",
        *table(("#", "Question", "Id", "Competency", "Kind"), rows),
        "",
    ]


def _question(item: KitQuestion, number: str, candidate: bool) -> list[str]:
    question = item.question
    lines = [
        f"### {number} {text(question.title)}",
        "",
        f"- Id: {text(question.id)}",
        f"- Kind: {text(question.kind)}",
        f"- Competency: {text(item.competency)}",
        f"- Minutes: {minutes_text(item.seconds)}"
        + (" if picked" if candidate else ""),
        "",
        "#### Prompt",
        "",
        *_blocks(item.prompt),
    ]
    if item.exercise_lines:
        lines += ["#### Exercise", "", *(f"- {line(x)}" for x in item.exercise_lines), ""]
    if question.hints:
        lines += ["#### Hints, in the order to give them", "",
                  *(f"{n}. {line(hint)}" for n, hint in enumerate(question.hints, 1)), ""]
    if question.follow_ups:
        lines += ["#### Follow-ups", "", *(f"- {line(f)}" for f in question.follow_ups), ""]
    if question.rubric is None:
        lines += ["#### Signals", "", "No rubric yet: this question is a draft.", ""]
    else:
        lines += ["#### Signals", "", *(f"- {BOX} {text(s)}" for s in item.signals), ""]
        if item.red_flags:
            lines += ["#### Red flags", "", *(f"- {line(f)}" for f in item.red_flags), ""]
        lines += ["#### The bar", "", *_bars(item), ""]
    if item.outline:
        lines += ["#### Outline", "", *_blocks(item.outline)]
    if item.reference:
        lines += ["#### Reference solution", "", fenced(item.reference.rstrip()), ""]
    return lines


def _bars(item: KitQuestion) -> list[str]:
    found = []
    for bar in item.bars:
        if bar.text:
            found.append(f"- **{text(bar.label)}:** {text(bar.text)}")
        else:
            written = ", ".join(item.written_levels) or "none"
            found.append(f"- **{text(bar.label)}:** None written for this question "
                         f"(bars written for: {text(written)}).")
    return found


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        lines += [fenced(block.text) if block.literal else line(block.text), ""]
    return lines


def _scorecard(kit: Kit) -> list[str]:
    boxes = [BOX] * len(GRADES)
    scale = [f"{int(g)} {g.label}" for g in GRADES]
    lines = [
        f"## Scorecard: {text(kit.plan.title)}",
        "",
        "Candidate: ______________________  Interviewer: ______________________  "
        "Date: ____________",
        "",
        "### Questions",
        "",
        *table(("Round", "Question", *scale),
               [(str(s.round.number), text(s.label) if s.question else
                 f"{text(s.label)}: ______________________", *boxes)
                for s in kit.score_lines], right=(0,)),
        "",
        "### Competencies",
        "",
    ]
    rows = [(text(c), *boxes) for c in kit.competencies]
    rows += [("______________________ (a picked question's)", *boxes)] * kit.open_competencies
    lines += [*(table(("Competency", *scale), rows) if rows else ["No competencies."]), ""]
    lines += [
        "### Overall recommendation",
        "",
        "   ".join(f"{BOX} {g.label}" for g in GRADES),
        "",
        "### Key take-aways",
        "",
        _box(),
        "",
        "### Private notes",
        "",
        _box(),
        "",
    ]
    return lines


def _box(height: int = 8) -> str:
    """An empty fenced block: a box to write in once printed."""
    return "```text\n" + "\n" * height + "```"
