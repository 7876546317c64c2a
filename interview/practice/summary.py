"""What a finished (or interrupted) session adds up to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from interview.bank.model import Question
from interview.practice.domain import Answer, Grade, Outcome, ReviewState, Session


@dataclass(frozen=True, slots=True)
class AnswerLine:
    position: int
    question_id: str
    title: str
    competency: str
    outcome: Outcome
    grade: Grade | None
    seconds_used: float
    time_limit_seconds: int

    @property
    def over_time(self) -> bool:
        return self.seconds_used > self.time_limit_seconds


@dataclass(frozen=True, slots=True)
class ScheduledReview:
    question_id: str
    title: str
    due: datetime


@dataclass(frozen=True, slots=True)
class RunSummary:
    lines: tuple[AnswerLine, ...]
    competency_averages: dict[str, float]  # graded answers only
    scheduled: tuple[ScheduledReview, ...]
    practise_next: tuple[str, ...]  # competencies, weakest first
    planned: int

    @property
    def average(self) -> float | None:
        grades = [int(line.grade) for line in self.lines if line.grade is not None]
        return sum(grades) / len(grades) if grades else None


def summarise(
    session: Session,
    answers: Sequence[Answer],
    questions: Mapping[str, Question],
    scheduled: Sequence[ReviewState],
    reviews: Mapping[str, ReviewState],
) -> RunSummary:
    def title(question_id: str) -> str:
        question = questions.get(question_id)
        return question.title if question else question_id

    lines = tuple(
        AnswerLine(a.position, a.question_id, title(a.question_id), a.competency, a.outcome,
                   a.grade, a.seconds_used, a.time_limit_seconds)
        for a in answers
    )
    grades: dict[str, list[int]] = defaultdict(list)
    for answer in answers:
        if answer.grade is not None:
            grades[answer.competency].append(int(answer.grade))
    averages = {name: sum(values) / len(values) for name, values in grades.items()}
    # Weak means: graded below "yes", or skipped/timed out without a grade.
    weak: dict[str, float] = {name: avg for name, avg in averages.items() if avg < Grade.YES}
    for answer in answers:
        if answer.grade is None:
            weak.setdefault(answer.competency, 0.0)
    practise_next = tuple(sorted(weak, key=lambda name: (weak[name], name)))
    latest = {r.question_id: r for r in scheduled}
    due = tuple(
        ScheduledReview(qid, title(qid), state.due)
        for qid, state in sorted(latest.items(), key=lambda item: item[1].due)
    )
    return RunSummary(lines, averages, due, practise_next, len(session.items))
