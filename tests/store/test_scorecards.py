"""Scorecards on SQLite and PostgreSQL: committed as entered, resumed exactly,
frozen once submitted, and safe with several interviewers at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from interview.bank.model import Plan, Question, Round
from interview.practice.clock import FakeClock
from interview.practice.domain import Grade
from interview.practice.engine import IllegalTransition
from interview.practice.interview_run import (
    InterviewRun,
    Stage,
    resume_interview,
    start_interview,
)
from interview.practice.interviewing import Recommendation, ScorecardStatus
from interview.store.errors import StoreError
from interview.store.repository import Store
from tests.fakes import make_question
from tests.store.builders import opened, start

QUESTIONS: dict[str, Question] = {
    "q-cache": make_question("q-cache", "debugging-diagnostics", levels=("senior",)),
    "q-locks": make_question("q-locks", "concurrency-runtimes", levels=("senior",)),
}
PLAN = Plan("loop", "A [b]loop[/b]", "software-engineer", "senior",
            (Round("Debugging", 20, ("q-cache",)), Round("Concurrency", 10, ("q-locks",))))

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with opened(database_url) as opened_store:
        yield opened_store


def _run(store: Store, clock: FakeClock, interviewer: str = "ines", *,
         self_graded: bool = False, candidate: str = "Cam") -> InterviewRun:
    return start_interview(PLAN, QUESTIONS, store.scorecards, clock, candidate, interviewer,
                           self_graded=self_graded)


def test_everything_entered_is_in_the_database_before_the_call_returns(store: Store) -> None:
    clock = FakeClock()
    run = _run(store, clock)
    clock.advance(65)
    run.add_note("Asked about [red]eviction[/red] first")
    run.toggle_signal(0)
    run.toggle_signal(2)
    run.toggle_red_flag(0)
    assert run.give_hint() == "hint 1 of q-cache"
    stored = store.scorecards.scorecard(run.card.id)
    assert stored is not None
    first = stored.questions[0]
    assert (first.signals, first.red_flags) == ((0, 2), (0,))
    assert [(h.index, h.at_seconds) for h in first.hints] == [(0, 65.0)]
    assert [(n.position, n.at_seconds, n.text) for n in stored.notes] == [
        (0, 65.0, "Asked about [red]eviction[/red] first")]
    run.grade(Grade.YES)
    run.grade(None)  # the second question was not asked
    assert run.stage is Stage.CLOSING
    run.set_closing(ratings={"debugging-diagnostics": Grade.YES},
                    recommendation=Recommendation.YES, takeaways="Methodical")
    run.submit()
    submitted = store.scorecards.scorecard(run.card.id)
    assert submitted is not None
    assert submitted.status is ScorecardStatus.SUBMITTED
    assert [(q.grade, q.not_asked) for q in submitted.questions] == [(Grade.YES, False),
                                                                      (None, True)]
    assert submitted.questions[0].seconds_used == 65.0
    assert submitted.closing.ratings == {"debugging-diagnostics": Grade.YES}
    assert submitted.closing.recommendation is Recommendation.YES
    assert submitted.plan_title == "A [b]loop[/b]"


def test_a_submitted_scorecard_never_changes(store: Store) -> None:
    clock = FakeClock()
    run = _run(store, clock)
    run.end_questions()
    run.set_closing(recommendation=Recommendation.NO_DECISION)
    card = run.submit()
    with pytest.raises(StoreError, match="submitted; it cannot change"):
        store.scorecards.save_question(card.id, card.questions[0])
    with pytest.raises(IllegalTransition):
        run.add_note("late")


def test_submit_needs_a_recommendation(store: Store) -> None:
    run = _run(store, FakeClock())
    run.end_questions()
    with pytest.raises(IllegalTransition, match="recommendation"):
        run.submit()


def test_a_resumed_interview_opens_the_first_open_question_with_its_time(store: Store) -> None:
    clock = FakeClock()
    run = _run(store, clock)
    run.grade(Grade.STRONG_YES)
    clock.advance(125)
    run.add_note("second question note")
    assert run.save_time()
    card = store.scorecards.scorecard(run.card.id)
    assert card is not None
    resumed = resume_interview(card, QUESTIONS, store.scorecards, clock,
                               store.scorecards.shown_questions(card.id))
    assert resumed.position == 1
    assert resumed.countdown.elapsed == pytest.approx(125.0)
    assert [n.text for n in resumed.notes] == ["second question note"]


def test_self_graded_loop_locks_the_interviewer_first(store: Store) -> None:
    run = _run(store, FakeClock(), self_graded=True)
    with pytest.raises(IllegalTransition):
        run.self_grade(Grade.YES)
    locked = run.grade(Grade.NO)
    assert run.stage is Stage.SELF_GRADE and not run.revealed(locked)
    both = run.self_grade(Grade.STRONG_YES)
    assert run.revealed(both) and run.position == 1
    linked = store.scorecards.profile_scorecards("Cam")
    assert [c.questions[0].self_grade for c in linked] == [Grade.STRONG_YES]


def test_candidates_are_not_practice_profiles(store: Store) -> None:
    _run(store, FakeClock(), candidate="Dana")
    assert store.scorecards.candidates() == ["Dana"]
    assert store.profiles() == []


def test_list_holds_every_scorecard_in_progress_or_submitted(store: Store) -> None:
    clock = FakeClock()
    first = _run(store, clock, "ines")
    first.end_questions()
    first.set_closing(recommendation=Recommendation.YES)
    first.submit()
    clock.advance(60)
    _run(store, clock, "omar").grade(Grade.NO)
    listed = store.scorecards.scorecards()
    assert [(s.interviewer, s.status, s.graded, s.questions) for s in listed] == [
        ("omar", ScorecardStatus.IN_PROGRESS, 1, 2),
        ("ines", ScorecardStatus.SUBMITTED, 0, 2),
    ]
    assert [s.id for s in store.scorecards.scorecards(interviewer="ines")] == [first.card.id]


def test_discarding_removes_only_an_open_scorecard(store: Store) -> None:
    run = _run(store, FakeClock())
    run.add_note("gone")
    store.scorecards.discard_scorecard(run.card.id)
    assert store.scorecards.scorecard(run.card.id) is None


def test_two_interviewers_start_on_one_new_candidate_at_once(database_url: str) -> None:
    # Both record the candidate and the same question versions for the first
    # time; neither may fail on the other's insert.
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def interview(name: str) -> None:
        try:
            with opened(database_url) as own:
                barrier.wait()
                run = start_interview(PLAN, QUESTIONS, own.scorecards, FakeClock(), "Eve", name)
                run.grade(Grade.YES)
        except BaseException as exc:  # reported below
            errors.append(exc)

    with opened(database_url):
        pass  # migrate once, so the race is on the rows, not the schema
    threads = [threading.Thread(target=interview, args=(f"i{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with opened(database_url) as check:
        cards = check.scorecards.candidate_scorecards("Eve")
    assert sorted(c.interviewer for c in cards) == ["i0", "i1", "i2", "i3"]
    assert all(c.questions[0].grade is Grade.YES for c in cards)


def test_a_scorecard_keeps_every_question_as_shown(store: Store) -> None:
    start(store, ["q-cache"])
    run = _run(store, FakeClock())
    assert store.scorecards.shown_questions(run.card.id).keys() == {"q-cache", "q-locks"}
