"""A plan being edited: rounds to add to, reorder and trim, then written as
YAML a person can still read and diff, through the same validation as
`interview plan check`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from interview.bank.importer.writer import BlockDumper
from interview.bank.model import Plan, Round, Selector
from interview.bank.plans import parse_plan
from interview.bank.problems import Problem
from interview.bank.taxonomy import Taxonomy
from interview.bank.yamlio import parse_events

DEFAULT_ROUND_MINUTES = 45


class PlanInvalid(ValueError):
    """The plan would not pass `interview plan check`; the message names the
    first problems, one per line."""


@dataclass
class DraftRound:
    title: str
    minutes: int = DEFAULT_ROUND_MINUTES
    notes: str = ""
    questions: list[str] = field(default_factory=list)
    pick: Selector | None = None


@dataclass
class PlanDraft:
    id: str
    title: str
    role: str
    level: str
    description: str = ""
    rounds: list[DraftRound] = field(default_factory=list)

    @classmethod
    def from_plan(cls, plan: Plan, *, copy: bool = False) -> PlanDraft:
        """The plan to edit; a `copy` gets a new id and title (a shipped plan
        is never saved over)."""
        rounds = [DraftRound(r.title, r.minutes, r.notes, list(r.questions), r.pick)
                  for r in plan.rounds]
        if copy:
            return cls(f"{plan.id}-copy", f"{plan.title} (copy)", plan.role, plan.level,
                       plan.description, rounds)
        return cls(plan.id, plan.title, plan.role, plan.level, plan.description, rounds)

    def to_plan(self, source: str = "") -> Plan:
        return Plan(self.id, self.title, self.role, self.level,
                    tuple(Round(r.title, r.minutes, tuple(r.questions), r.pick, r.notes)
                          for r in self.rounds), self.description, source)

    # -- editing -------------------------------------------------------------------
    def add_round(self, title: str = "", minutes: int = DEFAULT_ROUND_MINUTES) -> int:
        self.rounds.append(DraftRound(title or f"Round {len(self.rounds) + 1}", minutes))
        return len(self.rounds) - 1

    def remove_round(self, index: int) -> None:
        del self.rounds[index]

    def add_question(self, round_index: int, question_id: str) -> bool:
        """Add to the round; False (and nothing changes) if the plan has it already."""
        if any(question_id in r.questions for r in self.rounds):
            return False
        self.rounds[round_index].questions.append(question_id)
        return True

    def remove_question(self, round_index: int, position: int) -> str:
        return self.rounds[round_index].questions.pop(position)

    def move_question(self, round_index: int, position: int, step: int) -> int:
        """Move a question up (-1) or down (+1) within its round; its new position."""
        questions = self.rounds[round_index].questions
        target = min(max(position + step, 0), len(questions) - 1)
        questions.insert(target, questions.pop(position))
        return target


def plan_yaml(plan: Plan) -> str:
    """The plan as `sessions/` files are written: fields in their usual order,
    multi-line notes as `|` blocks, questions one per line."""
    text: str = yaml.dump(plan.to_dict(), Dumper=BlockDumper, sort_keys=False,
                          allow_unicode=True, width=100, default_flow_style=False)
    return text


def check_plan_text(text: str, path: Path, taxonomy: Taxonomy,
                    question_ids: Collection[str]) -> list[Problem]:
    """What `interview plan check` would say of `text` saved at `path`."""
    plan, problems = parse_plan(parse_events(text, str(path)), taxonomy, question_ids)
    return [] if plan is not None else problems
