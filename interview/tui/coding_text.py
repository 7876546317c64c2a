"""A coding question's parts as screen text: the brief (what to write, in
which language, under which constraints) and a test run (the summary line,
a line per test, ✓ or ✗ with why, then what the compiler or program said)."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from interview.bank.model import Exercise
from interview.coding.results import RunStatus, TestRun
from interview.tui.text import labelled, literal

_SHOWN_OUTPUT_LINES = 12


def exercise_brief(exercise: Exercise, *lines: str) -> Content:
    """What to write, the language, each constraint, then any `lines` of ours."""
    shown = [labelled("Write: ", exercise.signature), labelled("Language: ", exercise.language)]
    shown += [labelled("• ", constraint, "") for constraint in exercise.constraints]
    shown += [literal(line) for line in lines]
    return Content("\n").join(shown)


def test_run_text(run: TestRun | dict[str, Any]) -> Content:
    result = run if isinstance(run, TestRun) else TestRun.from_dict(run)
    style = "bold $success" if result.status is RunStatus.PASSED else "bold $warning"
    lines = [labelled("Tests: ", result.summary(), style)]
    for case in result.cases:
        lines.append(literal(f"  {'✓' if case.passed else '✗'} {case.line}"))
    output = result.output.splitlines()
    if output and result.status is not RunStatus.PASSED:
        shown = output[:_SHOWN_OUTPUT_LINES]
        more = len(output) - len(shown)
        lines += [literal("  " + line) for line in shown]
        if more:
            lines.append(literal(f"  … {more} more line(s)"))
    lines += [literal(note) for note in result.notes]
    return Content("\n").join(lines)
