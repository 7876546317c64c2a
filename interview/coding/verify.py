"""An exercise is sound when its reference passes every test and its starter
fails at least one: `interview bank check --run-exercises` and the tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from interview.bank.model import Question
from interview.coding.results import RunStatus, TestRun
from interview.coding.runner import run_tests

MIN_CASES = 6  # docs/formats.md: 6 to 10 cases, edge cases among them


@dataclass(frozen=True)
class Verdict:
    question: Question
    reference: TestRun
    starter: TestRun

    @property
    def problem(self) -> str:
        """What is wrong with the exercise, or "" if nothing (or it could not run here)."""
        if self.reference.status is RunStatus.UNAVAILABLE:
            return ""
        if self.reference.status is not RunStatus.PASSED:
            failing = [c.line for c in self.reference.cases if not c.passed]
            why = failing[0] if failing else (self.reference.output.splitlines() or [""])[0]
            return f"the reference does not pass its tests ({self.reference.summary()}; {why})"
        if self.starter.status is RunStatus.PASSED:
            return "the starter already passes every test"
        if len(self.reference.cases) < MIN_CASES:
            return f"only {len(self.reference.cases)} test(s); an exercise needs {MIN_CASES}"
        return ""


def verify(questions: Iterable[Question], workers: int = 2) -> Iterator[Verdict]:
    """A Verdict for every coding question, in order (run `workers` at a time)."""
    coding = [q for q in questions if q.exercise is not None]

    def judge(question: Question) -> Verdict:
        exercise = question.exercise
        assert exercise is not None
        return Verdict(question, run_tests(exercise, exercise.reference),
                       run_tests(exercise, exercise.starter))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(judge, coding)
