"""What a plan covers, round by round, and what is wrong with it: the plan
editor's live panel. Pure functions over a Plan and the bank's questions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interview.bank.model import Plan, Question, Round


@dataclass(frozen=True, slots=True)
class RoundCoverage:
    title: str
    minutes: int  # the round's own
    question_minutes: int  # what its questions ask for (a pick: `count` of its typical)
    competencies: tuple[str, ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    rounds: tuple[RoundCoverage, ...]
    minutes: int
    competencies: tuple[str, ...]  # covered by some round, in the order first seen
    kinds: tuple[str, ...]
    warnings: tuple[str, ...]


def plan_coverage(plan: Plan, questions: Mapping[str, Question],
                  expected: Sequence[str] = ()) -> Coverage:
    """Coverage of `plan`; `expected` are the competencies a loop for its role
    and level covers (the shipped loop's), each one no round covers is a warning."""
    rounds = tuple(_round(r, questions) for r in plan.rounds)
    covered = tuple(dict.fromkeys(c for r in rounds for c in r.competencies))
    kinds = tuple(dict.fromkeys(k for r in rounds for k in r.kinds))
    warnings: list[str] = []
    counts = Counter(q for r in plan.rounds for q in r.questions)
    for question_id, count in counts.items():
        if count > 1:
            warnings.append(f"{question_id} is asked {count} times")
    for number, (source, found) in enumerate(zip(plan.rounds, rounds, strict=True), 1):
        if not source.questions and source.pick is None:
            warnings.append(f"round {number} ({source.title}) has no questions yet")
        if found.question_minutes > found.minutes:
            warnings.append(f"round {number} ({source.title}) is over time: its questions "
                            f"take {found.question_minutes} min, the round has {found.minutes}")
        for question_id in source.questions:
            question = questions.get(question_id)
            if question is None:
                warnings.append(f"{question_id} is not in the bank")
            elif plan.level not in question.levels:
                warnings.append(f"{question_id} is not offered at {plan.level} "
                                f"(only {', '.join(question.levels)})")
            elif question.draft:
                warnings.append(f"{question_id} is a draft: it has no reviewed rubric")
    missing = [c for c in expected if c not in covered]
    if missing:
        warnings.append(f"no round covers {', '.join(missing)}, which a {plan.role} loop at "
                        f"{plan.level} covers")
    return Coverage(rounds, plan.minutes, covered, kinds, tuple(warnings))


def loop_competencies(plans: Sequence[Plan], questions: Mapping[str, Question], role: str,
                      level: str, *, leave_out: str = "") -> tuple[str, ...]:
    """What the other plans for this role and level cover: the competencies a
    loop for them is expected to reach."""
    found: dict[str, None] = {}
    for plan in plans:
        if plan.id == leave_out or (plan.role, plan.level) != (role, level):
            continue
        for covered in plan_coverage(plan, questions).competencies:
            found[covered] = None
    return tuple(found)


def _round(round_: Round, questions: Mapping[str, Question]) -> RoundCoverage:
    named = [questions[q] for q in round_.questions if q in questions]
    competencies = [q.competency for q in named]
    kinds = [q.kind for q in named]
    minutes = sum(q.minutes for q in named)
    pick = round_.pick
    if pick is not None:
        if pick.competency:
            competencies.append(pick.competency)
        if pick.kind:
            kinds.append(pick.kind)
        candidates = [q.minutes for q in questions.values()
                      if (pick.competency is None or pick.competency in q.competencies)
                      and (pick.kind is None or q.kind == pick.kind)]
        typical = sorted(candidates)[len(candidates) // 2] if candidates else 0
        minutes += pick.count * typical
    return RoundCoverage(round_.title, round_.minutes, minutes,
                         tuple(dict.fromkeys(competencies)), tuple(dict.fromkeys(kinds)))
