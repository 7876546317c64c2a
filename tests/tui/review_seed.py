"""A small history written through the real engine, for the review screens.

Three competencies: debugging-diagnostics (three questions, graded often),
networking (graded low) and security (never answered), so trends have a
chart, readiness has a weakest competency with no evidence, and every mode
appears in the history.
"""

from __future__ import annotations

from pathlib import Path

from interview.practice.clock import FakeClock
from interview.practice.domain import Grade, Mode, SessionFilters
from interview.practice.service import PracticeRequest
from interview.workspace import Workspace
from tests.tui.conftest import NASTY

HOUR = 3600


def _question(qid: str, competency: str, prompt: str = "What do you look at first?") -> str:
    return f"""
  - id: {qid}
    title: "{qid} title {NASTY}"
    kind: debugging
    roles: [systems-developer]
    levels: [senior]
    competency: {competency}
    minutes: 10
    prompt: "{prompt} {NASTY}"
    hints: [Look at the graphs.]
    rubric:
      signals: ["Bisects the change set. {NASTY}", Uses a profiler., Checks saturation first.]
      red_flags: [Rolls forward blindly.]
"""


def write_review_bank(directory: Path, prompt: str = "What do you look at first?") -> Path:
    directory.mkdir(exist_ok=True)
    body = "".join([
        _question("dbg-1", "debugging-diagnostics", prompt),
        _question("dbg-2", "debugging-diagnostics", prompt),
        _question("dbg-3", "debugging-diagnostics", prompt),
        _question("net-1", "networking", prompt),
        _question("sec-1", "security", prompt),
    ])
    (directory / "questions.yaml").write_text(f"questions:{body}")
    return directory


def review_workspace(tmp_path: Path, clock: FakeClock) -> Workspace:
    plans = tmp_path / "review-plans"
    plans.mkdir(exist_ok=True)
    return Workspace(bank_dir=write_review_bank(tmp_path / "review-bank"), plans_dir=plans,
                     database=f"sqlite:///{tmp_path / 'review.db'}", profile="ada", clock=clock)


def seed_history(workspace: Workspace, clock: FakeClock) -> None:
    """Eight sessions a day apart: practice, mock and interviewer; debugging
    gets seven grades (rising), networking two low ones, security none."""
    plan = [
        (Mode.PRACTICE, ("debugging-diagnostics",), [Grade.NO, Grade.NO]),
        (Mode.MOCK, ("debugging-diagnostics",), [Grade.NO]),
        (Mode.PRACTICE, ("networking",), [Grade.STRONG_NO]),
        (Mode.INTERVIEWER, ("debugging-diagnostics",), [Grade.YES, Grade.YES]),
        (Mode.PRACTICE, ("networking",), [Grade.NO]),
        (Mode.PRACTICE, ("debugging-diagnostics",), [Grade.STRONG_YES, Grade.YES]),
    ]
    for index, (mode, competencies, grades) in enumerate(plan):
        filters = SessionFilters(role="systems-developer", level="senior",
                                 competencies=competencies, count=len(grades), seed=index)
        run = workspace.start(PracticeRequest(filters, mode))
        for grade in grades:
            clock.advance(5 * 60)
            run.submit(f"answer {index} with [b]markup[/b] {NASTY}")
            run.toggle_signal(0)
            run.save_signals()
            run.grade(grade)
        clock.advance(24 * HOUR)
    workspace.close()
