"""A three-question bank with real-looking titles, for the bank screen."""

from __future__ import annotations

from pathlib import Path

from interview.practice.clock import FakeClock
from interview.workspace import Workspace
from tests.tui.conftest import NASTY

BANK = f"""questions:
  - id: api-rate-limiter
    title: Designing a rate limiter for a public API
    kind: design
    roles: [software-engineer]
    levels: [senior, staff]
    competency: api-design
    minutes: 30
    prompt: "Clients burst to ten times their quota at the top of the hour. {NASTY}"
    hints: [Where does the counter live?, What happens when a region is cut off?]
    follow_ups: [How do you tell a client it is being limited?]
    rubric:
      signals: [Picks an algorithm and says why., Handles clock skew between nodes.]
      red_flags: [One global lock.]
      by_level:
        senior: Designs a limiter for one region that degrades safely.
        staff: Plans the rollout across every team's clients.
    outline: Token bucket per key, local counters with periodic sync.
    tags: [throttling, quotas]
  - id: dbg-memory-leak
    title: A memory leak in a JVM service
    kind: debugging
    roles: [software-engineer, systems-developer]
    levels: [senior]
    competency: debugging-diagnostics
    minutes: 20
    prompt: Heap grows 2% an hour until the pods are killed.
    rubric:
      signals: [Takes a heap dump before restarting.]
  - id: mentor-new-lead
    title: Mentoring a new tech lead
    kind: behavioral
    roles: [software-engineer]
    levels: [staff]
    competency: mentorship-talent
    minutes: 25
    prompt: A strong engineer has just become tech lead and is struggling.
    rubric:
      signals: [Asks what the lead wants to get better at.]
"""


def browse_workspace(tmp_path: Path, clock: FakeClock) -> Workspace:
    bank = tmp_path / "browse-bank"
    bank.mkdir(exist_ok=True)
    (bank / "questions.yaml").write_text(BANK)
    plans = tmp_path / "browse-plans"
    plans.mkdir(exist_ok=True)
    return Workspace(bank_dir=bank, plans_dir=plans, database=f"sqlite:///{tmp_path / 'b.db'}",
                     profile="ada", clock=clock)
