"""The session state machine, driven by a fake clock: no sleeping."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest

from interview.practice.clock import FakeClock
from interview.practice.domain import Grade, Mode, Outcome, SessionFilters, Status
from interview.practice.engine import EmptyAnswer, IllegalTransition, Phase, PracticeRun
from interview.practice.service import PracticeRequest, resume_run, start_run
from interview.practice.timer import TimerState
from tests.fakes import MemoryStore, make_question

QUESTIONS = {q.id: q for q in (
    make_question("q-one", minutes=10),
    make_question("q-two", "concurrency-runtimes", minutes=5),
    make_question("q-three", "networking", minutes=15),
)}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def start(store: MemoryStore, clock: FakeClock, mode: Mode = Mode.PRACTICE,
          count: int = 3) -> PracticeRun:
    request = PracticeRequest(SessionFilters(count=count, seed=7), mode)
    return start_run("ada", request, QUESTIONS, store, clock)


def test_full_session_records_every_answer_and_completes(store: MemoryStore,
                                                         clock: FakeClock) -> None:
    run = start(store, clock)
    assert run.phase is Phase.ASKING and run.total == 3
    first = run.question.id
    clock.advance(120)
    run.submit("my answer with [markup] kept")
    assert run.phase is Phase.REVIEWING
    assert run.toggle_signal(0) is True
    assert run.toggle_signal(2) is True
    assert run.toggle_signal(2) is False
    answer = run.grade(Grade.YES)
    assert answer.question_id == first and answer.grade is Grade.YES
    assert answer.seconds_used == pytest.approx(120)
    assert answer.signals_hit == (0,)
    assert answer.text == "my answer with [markup] kept"
    assert store.recorded == [answer]  # committed before the next question shows
    assert run.phase is Phase.ASKING and run.position == 1
    run.skip()
    assert run.outcome is Outcome.SKIPPED
    run.next()
    run.submit("last")
    run.grade(4)
    assert run.phase is Phase.FINISHED
    assert [a.outcome for a in store.recorded] == [Outcome.GRADED, Outcome.SKIPPED,
                                                    Outcome.GRADED]
    assert store.sessions[run.session.id].status is Status.COMPLETED


def test_practice_mode_schedules_reviews_and_mock_does_not(store: MemoryStore,
                                                          clock: FakeClock) -> None:
    run = start(store, clock)
    run.submit("answer")
    run.grade(Grade.STRONG_NO)
    review = store.reviews[("ada", run.answers[0].question_id)]
    assert review.due == clock.now() + timedelta(days=1)
    assert review.last_grade is Grade.STRONG_NO and review.reviews == 1

    mock_store = MemoryStore()
    mock = start(mock_store, clock, Mode.MOCK)
    mock.submit("answer")
    mock.grade(Grade.STRONG_YES)
    assert mock_store.reviews == {}
    assert mock.summary().scheduled == ()


def test_better_grades_push_the_review_further_out(clock: FakeClock) -> None:
    dues = []
    for grade in Grade:
        store = MemoryStore()
        run = start(store, clock)
        run.submit("answer")
        run.grade(grade)
        dues.append(store.reviews[("ada", run.answers[0].question_id)].due)
    assert dues == sorted(dues) and dues[0] < dues[-1]


def test_countdown_warns_then_expires_softly(store: MemoryStore, clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    limit = run.countdown.limit
    assert run.countdown.state is TimerState.RUNNING
    clock.advance(limit - 30)
    assert run.countdown.state is TimerState.WARNING
    clock.advance(31)
    assert run.countdown.state is TimerState.EXPIRED
    assert run.countdown.remaining == pytest.approx(-1)
    assert run.save_draft("still typing", 0)  # expiry does not throw the user out
    run.submit("late answer")
    answer = run.grade(Grade.NO)
    assert answer.over_time and answer.seconds_used == pytest.approx(limit + 1)


def test_pause_stops_both_clocks(store: MemoryStore, clock: FakeClock) -> None:
    run = start(store, clock)
    clock.advance(10)
    run.pause()
    assert run.paused
    clock.advance(500)
    assert run.countdown.elapsed == pytest.approx(10)
    assert run.session_countdown.elapsed == pytest.approx(10)
    with pytest.raises(IllegalTransition, match="paused"):
        run.submit("text")
    run.resume()
    clock.advance(5)
    run.submit("text")
    assert run.grade(3).seconds_used == pytest.approx(15)


def test_session_budget_counts_answering_time_not_rubric_time(store: MemoryStore,
                                                              clock: FakeClock) -> None:
    run = start(store, clock)
    assert run.session_countdown.limit == sum(i.seconds for i in run.session.items)
    clock.advance(60)
    run.submit("a")
    clock.advance(300)  # reading the rubric
    run.grade(3)
    clock.advance(30)
    assert run.session_countdown.elapsed == pytest.approx(90)


def test_empty_submit_is_refused_until_time_is_up(store: MemoryStore, clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    with pytest.raises(EmptyAnswer, match="write an answer, or skip"):
        run.submit("   ")
    assert run.phase is Phase.ASKING
    clock.advance(run.countdown.limit + 1)
    run.submit("")
    assert run.outcome is Outcome.TIMED_OUT
    with pytest.raises(IllegalTransition, match="without a grade"):
        run.grade(Grade.YES)
    answer = run.next()
    assert answer.grade is None and answer.outcome is Outcome.TIMED_OUT


def test_skip_after_expiry_with_nothing_written_is_timed_out(store: MemoryStore,
                                                             clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    clock.advance(run.countdown.limit)
    run.skip()
    assert run.outcome is Outcome.TIMED_OUT


def test_hints_are_revealed_one_at_a_time_and_counted(store: MemoryStore,
                                                       clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    qid = run.question.id
    assert run.hints == ()
    assert run.reveal_hint() == f"hint 1 of {qid}"
    assert run.reveal_hint() == f"hint 2 of {qid}"
    with pytest.raises(IllegalTransition, match="no more hints"):
        run.reveal_hint()
    run.submit("x")
    assert run.grade(2).hints_used == 2


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda run: run.grade(3), "cannot grade while the question is being answered"),
        (lambda run: run.next(), "cannot move on while the question is being answered"),
        (lambda run: run.toggle_signal(0), "cannot tick a rubric signal while the question"),
    ],
)
def test_illegal_while_asking(store: MemoryStore, clock: FakeClock, action: object,
                              message: str) -> None:
    run = start(store, clock)
    with pytest.raises(IllegalTransition, match=message):
        action(run)  # type: ignore[operator]
    assert store.recorded == []


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda run: run.submit("again"), "cannot submit an answer while the rubric is shown"),
        (lambda run: run.skip(), "cannot skip while the rubric is shown"),
        (lambda run: run.reveal_hint(), "cannot reveal a hint while the rubric is shown"),
        (lambda run: run.pause(), "cannot pause while the rubric is shown"),
        (lambda run: run.next(), "grade this answer from 1 to 4"),
        (lambda run: run.toggle_signal(7), "no rubric signal 8"),
    ],
)
def test_illegal_while_reviewing(store: MemoryStore, clock: FakeClock, action: object,
                                 message: str) -> None:
    run = start(store, clock)
    run.submit("an answer")
    with pytest.raises(IllegalTransition, match=message):
        action(run)  # type: ignore[operator]
    assert run.phase is Phase.REVIEWING


def test_grade_out_of_range_is_refused(store: MemoryStore, clock: FakeClock) -> None:
    run = start(store, clock)
    run.submit("an answer")
    with pytest.raises(ValueError, match="5 is not a valid Grade"):
        run.grade(5)
    [stored] = store.recorded
    assert stored.awaiting_grade  # submitted, and still waiting for a valid grade


def test_nothing_is_allowed_after_finishing(store: MemoryStore, clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    run.submit("a")
    run.grade(3)
    for action in (lambda: run.submit("b"), lambda: run.grade(3), run.reveal_hint):
        with pytest.raises(IllegalTransition):
            action()
    assert run.summary().planned == 1


def test_the_last_answer_completes_the_session_in_the_same_commit(
    store: MemoryStore, clock: FakeClock
) -> None:
    run = start(store, clock, count=1)
    run.submit("a")
    answer = run.grade(3)
    assert store.sessions[run.session.id].status is Status.COMPLETED
    assert store.recorded == [answer]


def test_a_failed_commit_changes_nothing_and_can_be_retried(store: MemoryStore,
                                                            clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    run.submit("precious")
    run.toggle_signal(1)
    store.fail_next_commit = True
    with pytest.raises(OSError, match="locked"):
        run.grade(Grade.YES)
    assert run.phase is Phase.REVIEWING and run.signals_hit == {1}
    [submitted] = store.recorded
    assert submitted.awaiting_grade and store.reviews == {}
    assert store.sessions[run.session.id].status is Status.IN_PROGRESS
    answer = run.grade(Grade.YES)  # the retry grades that one answer
    assert store.recorded == [answer] and answer.text == "precious"
    assert run.phase is Phase.FINISHED


def test_a_late_draft_save_never_lands_on_the_next_question(store: MemoryStore,
                                                            clock: FakeClock) -> None:
    run = start(store, clock)
    run.submit("first answer")
    assert run.save_draft("first answer", 0) is False  # the rubric is up
    run.grade(3)
    assert run.save_draft("first answer", 0) is False  # queued before, ran after
    assert store.drafts(run.session.id) == {} and run.text == ""
    assert run.save_draft("second", 1) is True
    assert store.drafts(run.session.id)[1].text == "second"


def test_resume_keeps_the_hints_and_time_of_the_unfinished_question(
    store: MemoryStore, clock: FakeClock
) -> None:
    run = start(store, clock)
    run.reveal_hint()
    clock.advance(200)
    run.save_draft("typing", 0)
    resumed = resume_run(store.sessions[run.session.id], QUESTIONS, store, clock)
    assert len(resumed.hints) == 1
    assert resumed.countdown.elapsed == pytest.approx(200)
    assert resumed.session_countdown.elapsed == pytest.approx(200)
    resumed.submit(resumed.text)
    answer = resumed.grade(2)
    assert answer.hints_used == 1 and answer.seconds_used == pytest.approx(200)


def test_resume_completes_a_session_whose_answers_are_all_in(store: MemoryStore,
                                                             clock: FakeClock) -> None:
    run = start(store, clock, count=1)
    run.submit("a")
    run.grade(3)
    # A database written before completion was atomic: all answered, still open.
    stale = replace(store.sessions[run.session.id], status=Status.IN_PROGRESS)
    store.sessions[run.session.id] = stale
    resumed = resume_run(stale, QUESTIONS, store, clock)
    assert resumed.phase is Phase.FINISHED
    assert store.sessions[run.session.id].status is Status.COMPLETED


def test_resume_continues_at_the_first_unanswered_question_with_its_draft(
    store: MemoryStore, clock: FakeClock
) -> None:
    run = start(store, clock)
    run.submit("first")
    run.grade(Grade.YES)
    clock.advance(40)
    run.save_draft("half-written second answer", 1)
    second = run.question.id
    # The process dies here; a new run is built from what the store kept.
    resumed = resume_run(store.sessions[run.session.id], QUESTIONS, store, clock)
    assert resumed.position == 1 and resumed.question.id == second
    assert resumed.text == "half-written second answer"
    # the session clock counts the answered question and the draft's 40 s
    assert resumed.session_countdown.elapsed == pytest.approx(run.answers[0].seconds_used + 40)
    resumed.submit(resumed.text)
    resumed.grade(Grade.STRONG_YES)
    resumed.skip()
    resumed.next()
    assert resumed.phase is Phase.FINISHED
    assert [a.position for a in store.recorded] == [0, 1, 2]


def test_resume_shows_the_version_first_shown_even_after_a_bank_edit(
    store: MemoryStore, clock: FakeClock
) -> None:
    run = start(store, clock, count=1)
    qid = run.question.id
    edited = {**QUESTIONS, qid: make_question(qid, prompt="An edited prompt.")}
    resumed = resume_run(store.sessions[run.session.id], edited, store, clock)
    assert resumed.question.prompt == QUESTIONS[qid].prompt


def test_summary_reports_grades_averages_schedule_and_what_next(store: MemoryStore,
                                                                clock: FakeClock) -> None:
    run = start(store, clock)
    grades = iter([Grade.STRONG_NO, Grade.STRONG_YES])
    while run.phase is not Phase.FINISHED:
        if run.position == 2:
            run.skip()
            run.next()
            continue
        clock.advance(30)
        run.submit("answer")
        run.grade(next(grades))
    summary = run.summary()
    assert [line.grade for line in summary.lines] == [Grade.STRONG_NO, Grade.STRONG_YES, None]
    assert summary.average == pytest.approx(2.5)
    weak_competency = summary.lines[0].competency
    skipped_competency = summary.lines[2].competency
    assert summary.competency_averages[weak_competency] == 1
    assert summary.practise_next[0] == skipped_competency
    assert weak_competency in summary.practise_next
    assert len(summary.scheduled) == 2


class _PausingPosition(int):
    """A question position whose comparison hands control to another thread.

    The engine compares the autosave's position with the current question's
    right after checking the phase and right before keeping the text: the
    widest point for submit to slip in. Python asks this subclass first."""

    def __new__(cls, value: int, reached: threading.Event,
                resume: threading.Event) -> _PausingPosition:
        made = super().__new__(cls, value)
        made.reached, made.resume = reached, resume
        return made

    reached: threading.Event
    resume: threading.Event

    def __ne__(self, other: object) -> bool:
        self.reached.set()
        self.resume.wait(timeout=0.5)  # submit runs meanwhile, unless the run is locked
        return int(self) != other

    __hash__ = int.__hash__


def test_an_autosave_racing_submit_never_overwrites_the_submitted_answer(
    clock: FakeClock,
) -> None:
    """Submit on the UI thread lands inside an autosave on a worker, at once
    or a moment later; either way the answer kept is the one submitted."""
    for attempt in range(20):
        run = start(MemoryStore(), clock, count=1)
        reached, submitted = threading.Event(), threading.Event()
        saver = threading.Thread(target=run.save_draft, args=(
            "typed a moment ago", _PausingPosition(0, reached, submitted)))
        saver.start()
        assert reached.wait(timeout=5)

        def submit(run: PracticeRun = run, submitted: threading.Event = submitted) -> None:
            run.submit("the submitted answer")
            submitted.set()

        submitter = threading.Thread(target=submit)
        submitter.start()
        submitter.join(timeout=0.05 if attempt else 0)
        submitted.set()
        saver.join()
        submitter.join()
        assert run.phase is Phase.REVIEWING
        assert run.text == "the submitted answer", f"overwritten on attempt {attempt}"
        assert run.grade(Grade.YES).text == "the submitted answer"


def test_the_answer_is_recorded_under_the_competency_the_session_chose(
    store: MemoryStore, clock: FakeClock
) -> None:
    mesh = replace(make_question("q-mesh", "cloud-native-platforms"), also=("security",))
    request = PracticeRequest(SessionFilters(competencies=("security",), count=1, seed=1))
    run = start_run("ada", request, {mesh.id: mesh}, store, clock)
    assert run.competency == "security"
    run.submit("mTLS between services, and who owns the certificates")
    answer = run.grade(Grade.NO)
    assert answer.competency == "security"
    assert run.summary().competency_averages == {"security": 2.0}


def test_submitting_commits_the_answer_before_the_rubric(store: MemoryStore,
                                                         clock: FakeClock) -> None:
    run = start(store, clock)
    run.reveal_hint()
    clock.advance(95)
    run.submit("what I wrote")
    [stored] = store.recorded
    assert stored.awaiting_grade and stored.text == "what I wrote"
    assert stored.hints_used == 1 and stored.seconds_used == pytest.approx(95)
    run.toggle_signal(2)
    assert run.save_signals() is True
    assert store.recorded[0].signals_hit == (2,)  # ticks are kept as they are made
    answer = run.grade(Grade.STRONG_YES)
    assert store.recorded == [answer] and answer.signals_hit == (2,)
    assert answer.id == stored.id  # the same row, now graded


def test_a_failed_submit_leaves_the_question_open(store: MemoryStore,
                                                  clock: FakeClock) -> None:
    run = start(store, clock)
    store.fail_on_record = True
    with pytest.raises(OSError, match="locked"):
        run.submit("precious")
    assert run.phase is Phase.ASKING and store.recorded == []
    run.submit("precious")  # the retry
    assert run.phase is Phase.REVIEWING and store.recorded[0].text == "precious"


def test_a_skip_is_recorded_when_it_happens_and_the_last_completes_the_session(
    store: MemoryStore, clock: FakeClock
) -> None:
    run = start(store, clock, count=1)
    run.skip("half a thought")
    [stored] = store.recorded
    assert stored.outcome is Outcome.SKIPPED and stored.text == "half a thought"
    assert store.sessions[run.session.id].status is Status.COMPLETED
    assert run.next() == stored and run.phase is Phase.FINISHED
    assert store.recorded == [stored]  # moving on writes nothing more


def test_resuming_after_submit_reopens_the_rubric_with_text_and_ticks(
    store: MemoryStore, clock: FakeClock
) -> None:
    run = start(store, clock)
    run.submit("first")
    run.grade(Grade.YES)
    clock.advance(60)
    run.submit("second, submitted before the crash")
    run.toggle_signal(0)
    run.save_signals()
    # The process dies here; a new one resumes from what the store kept.
    again = resume_run(store.sessions[run.session.id], QUESTIONS, store, clock)
    assert again.phase is Phase.REVIEWING and again.position == 1
    assert again.text == "second, submitted before the crash"
    assert again.signals_hit == {0}
    assert again.countdown.elapsed == pytest.approx(60) and again.countdown.paused
    answer = again.grade(Grade.NO)
    assert answer.text == "second, submitted before the crash" and answer.signals_hit == (0,)
    assert again.phase is Phase.ASKING and again.position == 2
