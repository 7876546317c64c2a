"""Loop readiness: for a target role and level, how ready each competency
the loop needs looks from recent answers, and which to practise next.

The rule is deliberately simple so a candidate can check it by hand
(docs/readiness.md says the same in prose):

* Evidence is the answers in the competency whose session targeted the
  target level or above (`LEVELS`); sessions with no level, or a level not in
  `LEVELS`, are not evidence. The role is not filtered: a competency is the
  same skill whichever role's loop asks for it.
* Graded answers give their grade. Skipped and timed-out answers count as a
  grade of 1 (strong no), because skipping a question in a real loop fails
  it. Answers still awaiting a grade are left out.
* From the last `RECENT` such grades: quality = (mean grade - 1) / 3, so 1
  maps to 0 and 4 to 1. Blend = `GRADE_WEIGHT` x quality + `SIGNAL_WEIGHT` x
  the share of rubric signals ticked over those answers (quality alone when
  none had a rubric). Score = blend x (grades / `RECENT`) - `COVERAGE_PENALTY`
  x (unseen / available questions), clamped to 0..1. No evidence: no score.

Red flags are not recorded by the app, so they play no part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from interview.bank.model import Question
from interview.practice.domain import Grade, Outcome
from interview.store.views import AnswerRecord

LEVELS = ("mid", "senior", "staff", "senior-staff", "principal")  # narrowest scope first
RECENT = 5  # grades that make up the evidence
GRADE_WEIGHT = 0.8
SIGNAL_WEIGHT = 0.2
COVERAGE_PENALTY = 0.1  # taken off in full when no question has been seen yet
SKIP_GRADE = Grade.STRONG_NO  # what a skip or time-out counts as
PRACTISE_NEXT = 3

_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class CompetencyReadiness:
    """One competency's readiness and the evidence behind it."""

    competency: str
    score: float | None  # 0..1; None when there is no evidence at this level
    recent_grades: tuple[int, ...]  # the last RECENT grades at the target level or above
    signal_share: float | None  # signals ticked / available over those answers
    unseen: int  # questions for the role and level in this competency never answered
    available: int  # questions for the role and level in this competency (non-draft)
    evidence: str  # one plain sentence a candidate can read


@dataclass(frozen=True, slots=True)
class Readiness:
    """Readiness for one loop (role and level)."""

    role: str
    level: str
    competencies: tuple[CompetencyReadiness, ...]  # least ready first; no evidence first of all
    practise_next: tuple[str, ...]  # the PRACTISE_NEXT least-ready competencies
    overall: float | None  # mean of the scores that exist


def level_rank(level: str | None) -> int | None:
    """Position in LEVELS; None for no level or one LEVELS does not know."""
    return None if level is None else _RANK.get(level)


def needed_competencies(questions: Iterable[Question], role: str, level: str) -> list[str]:
    """The primary competencies of the non-draft questions for `role` at
    `level`: what that loop can ask about. Sorted by name."""
    return sorted({q.competency for q in _loop_questions(questions, role, level)})


def readiness(records: Sequence[AnswerRecord], questions: Iterable[Question],
              role: str, level: str) -> Readiness:
    """Readiness for `role` at `level` by the rule in the module docstring."""
    loop = _loop_questions(questions, role, level)
    answered = {record.question_id for record in records}
    found = [
        _competency(name, _evidence(records, name, level),
                    [q for q in loop if q.competency == name], answered, level)
        for name in needed_competencies(loop, role, level)
    ]
    found.sort(key=_least_ready_first)
    scores = [c.score for c in found if c.score is not None]
    return Readiness(
        role=role,
        level=level,
        competencies=tuple(found),
        practise_next=tuple(c.competency for c in found[:PRACTISE_NEXT]),
        overall=sum(scores) / len(scores) if scores else None,
    )


def last_target(records: Sequence[AnswerRecord]) -> tuple[str, str] | None:
    """(role, level) of the newest record whose session had both: the loop
    the candidate was last practising for."""
    for record in reversed(records):
        if record.role is not None and record.level is not None:
            return record.role, record.level
    return None


def score(grades: Sequence[int], signal_share: float | None, unseen: int,
          available: int) -> float | None:
    """The readiness rule itself (module docstring); None without grades."""
    if not grades:
        return None
    quality = (sum(grades) / len(grades) - 1) / 3
    blend = quality if signal_share is None else (
        GRADE_WEIGHT * quality + SIGNAL_WEIGHT * signal_share)
    confidence = min(len(grades), RECENT) / RECENT
    penalty = COVERAGE_PENALTY * unseen / available if available else 0.0
    return min(1.0, max(0.0, blend * confidence - penalty))


def _loop_questions(questions: Iterable[Question], role: str, level: str) -> list[Question]:
    return [q for q in questions if not q.draft and role in q.roles and level in q.levels]


def _evidence(records: Sequence[AnswerRecord], competency: str,
              level: str) -> list[AnswerRecord]:
    """The last RECENT answers in `competency` that count at `level` or above."""
    target = level_rank(level)
    if target is None:
        return []
    counted = [r for r in records
               if r.competency == competency and _grade(r) is not None
               and (rank := level_rank(r.level)) is not None and rank >= target]
    return counted[-RECENT:]


def _grade(record: AnswerRecord) -> int | None:
    """The grade readiness uses: a skip or time-out fails; awaiting a grade is no evidence."""
    if record.outcome is not Outcome.GRADED:
        return int(SKIP_GRADE)
    return None if record.grade is None else int(record.grade)


def _competency(name: str, evidence: Sequence[AnswerRecord], questions: Sequence[Question],
                answered: set[str], level: str) -> CompetencyReadiness:
    grades = tuple(g for r in evidence if (g := _grade(r)) is not None)
    with_rubric = [r for r in evidence if r.signals_total > 0]
    share = (sum(r.signals_hit for r in with_rubric) / sum(r.signals_total for r in with_rubric)
             if with_rubric else None)
    unseen = sum(q.id not in answered for q in questions)
    skips = sum(r.outcome is not Outcome.GRADED for r in evidence)
    return CompetencyReadiness(
        competency=name,
        score=score(grades, share, unseen, len(questions)),
        recent_grades=grades,
        signal_share=share,
        unseen=unseen,
        available=len(questions),
        evidence=_sentence(grades, skips, share, unseen, len(questions), level),
    )


def _sentence(grades: Sequence[int], skips: int, share: float | None, unseen: int,
              available: int, level: str) -> str:
    """E.g. "last 4 grades 3, 3, 2, 4 at senior or above; 62% of signals;
    5 of 9 questions not yet seen"."""
    at = f"at {level} or above"
    if not grades:
        parts = [f"no answers {at} yet"]
    else:
        listed = ", ".join(str(g) for g in grades)
        noun = "grade" if len(grades) == 1 else f"{len(grades)} grades"
        skipped = f" ({skips} skipped, counted as 1)" if skips else ""
        parts = [f"last {noun} {listed} {at}{skipped}"]
    if share is not None:
        parts.append(f"{share:.0%} of signals")
    parts.append(f"{unseen} of {available} questions not yet seen" if unseen
                 else f"all {available} questions seen")
    return "; ".join(parts)


def _least_ready_first(item: CompetencyReadiness) -> tuple[bool, float, str]:
    return (item.score is not None, item.score or 0.0, item.competency)
