"""A tiny bank and plan whose every text field is full of markup-like text,
shared by the TUI tests and the CLI tests of the interviewer's commands."""

from __future__ import annotations

from pathlib import Path

import pytest

# Every text field carries something Textual would treat as markup.
NASTY = "[@click=app.quit]quit[/] [link=https://x.test]x[/link] [$accent]hot[/] [/] [B] a[i]"


def _question(qid: str, title: str, competency: str = "debugging-diagnostics") -> str:
    return f"""
  - id: {qid}
    title: "{title} {NASTY}"
    kind: debugging
    roles: [software-engineer, systems-developer]
    levels: [senior, staff]
    competency: {competency}
    minutes: 10
    prompt: |
      The service's p99 doubled after a deploy. {NASTY}
      What do you look at first, and why?
    hints:
      - "Compare the profiles before and after. {NASTY}"
    follow_ups:
      - "What if the regression only shows on one host? {NASTY}"
      - "How would you stop it recurring?"
    rubric:
      signals:
        - "Bisects the change set. {NASTY}"
        - "Uses a profiler such as perf or pprof."
        - "Checks saturation before code."
      red_flags:
        - "Rolls forward blindly. {NASTY}"
      by_level:
        senior: "Finds the cause in one service. {NASTY}"
        staff: "Fixes the class of problem across teams."
      below_bar: "Guesses at a cause without looking at the change. {NASTY}"
    outline: |
      Start from the deploy diff and the latency histogram. {NASTY}
      Profile both versions, compare, and confirm with a rollback.
    tags: [latency]
"""


@pytest.fixture
def tui_bank(tmp_path: Path) -> Path:
    bank = tmp_path / "bank"
    bank.mkdir()
    body = "".join(_question(f"tui-q{n}", f"Question {n}") for n in (1, 2, 3))
    (bank / "debugging.yaml").write_text(f"competency: debugging-diagnostics\nquestions:{body}")
    return bank


@pytest.fixture
def tui_plans(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "tui-loop.yaml").write_text(
        f"id: tui-loop\ntitle: 'A loop {NASTY}'\nrole: software-engineer\nlevel: senior\n"
        "rounds:\n  - title: Debugging\n    minutes: 20\n    questions: [tui-q1, tui-q2]\n"
    )
    return plans
