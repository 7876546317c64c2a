"""Everything an interviewer reads about one question before choosing it:
prompt, hints, follow-ups, the full rubric with the bar for the chosen level
(the others after it), outline and tags. Bank text is shown literally."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from interview.bank.model import Question
from interview.tui.text import labelled, literal, reflow


def question_preview(question: Question, level: str | None, practised: str,
                     levels: Sequence[str] = ()) -> Content:
    """The preview; `level` is the bar to show first (None: every level in
    `levels` order), `practised` the line about your own history with it."""
    draft = " · DRAFT (never asked in practice)" if question.draft else ""
    parts = [
        labelled("", question.title, "bold"),
        literal(f"{question.id} · {question.competency} · {question.kind} · "
                f"{question.minutes} min · {', '.join(question.levels)} · "
                f"{', '.join(question.roles)}{draft}"),
        literal(practised),
        *_section("Prompt", [reflow(question.prompt)]),
        *_section("Hints, in the order to give them",
                  [f"{n}. {hint}" for n, hint in enumerate(question.hints, 1)]),
        *_section("Follow-ups", [f"• {text}" for text in question.follow_ups]),
    ]
    rubric = question.rubric
    if rubric is None:
        parts += _section("Rubric", ["(none yet: this question cannot be graded)"])
    else:
        parts += _section("Signals of a strong answer", [f"☐ {s}" for s in rubric.signals])
        parts += _section("Red flags", [f"• {flag}" for flag in rubric.red_flags])
        parts += _bars(rubric.by_level, level, levels)
        if rubric.below_bar:
            parts.append(labelled("  below the bar: ", rubric.below_bar, "bold"))
    parts += _section("Outline", [reflow(question.outline)] if question.outline else [])
    if question.also:
        parts += _section("Also counts for", [", ".join(question.also)])
    parts += _section("Tags", [", ".join(question.tags)] if question.tags else [])
    return Content("\n").join(parts)


def _section(heading: str, lines: Sequence[str]) -> list[Content]:
    if not lines:
        return []
    return [Content(""), Content.styled(heading, "bold $accent"),
            *(literal(line) for line in lines)]


def _bars(by_level: dict[str, str], level: str | None, levels: Sequence[str]) -> list[Content]:
    """The chosen level's bar first and marked; then the others in level order."""
    if not by_level:
        return []
    order = [name for name in levels if name in by_level]
    order += [name for name in by_level if name not in order]
    if level in by_level:
        order = [level, *(name for name in order if name != level)]
    lines = [labelled(f"{'▶ ' if name == level else '  '}{name}: ", by_level[name],
                      "bold $success" if name == level else "bold")
             for name in order]
    heading = f"The bar at {level}" if level in by_level else "The bar by level"
    return [Content(""), Content.styled(heading, "bold $accent"), *lines]
