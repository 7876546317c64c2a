"""The pure report rules: trends, the practice calendar and loop readiness."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview.bank.model import Plan, Question, Round, Selector
from interview.practice.domain import Grade, Mode, Outcome, ReviewState
from interview.practice.scheduling import ReviewScheduler
from interview.reports.calendar import current_streak, heatmap_weeks, intensity, practice_days
from interview.reports.coverage import plan_coverage
from interview.reports.progress import due_by_competency, weakest
from interview.reports.readiness import last_target, needed_competencies, readiness
from interview.reports.trends import CompetencyTrend, competency_trends
from interview.store.views import AnswerRecord, CompetencyStats, DueQuestion

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
ROLE = "systems-developer"


def record(competency: str = "networking", grade: int | None = 3, *,
           outcome: Outcome | None = None, question_id: str = "q1", at: datetime = T0,
           level: str | None = "senior", role: str | None = ROLE, seconds: float = 300.0,
           limit: int = 600, hints: int = 0, hit: int = 0, total: int = 0) -> AnswerRecord:
    return AnswerRecord(
        session_id=1, mode=Mode.PRACTICE, role=role, level=level, question_id=question_id,
        competency=competency, answered_at=at,
        outcome=outcome or (Outcome.GRADED if grade is not None else Outcome.SKIPPED),
        grade=Grade(grade) if grade is not None else None, seconds_used=seconds,
        time_limit_seconds=limit, hints_used=hints, signals_hit=hit, signals_total=total)


def graded(competency: str, grades: list[int], start: int = 0) -> list[AnswerRecord]:
    """One record per grade, a minute apart, each on its own question."""
    return [record(competency, g, question_id=f"{competency}-{start + n}",
                   at=T0 + timedelta(minutes=start + n)) for n, g in enumerate(grades)]


def due_at(question_id: str, due: datetime) -> ReviewState:
    return ReviewState(profile="alice", question_id=question_id, due=due)


def reviewed(question_id: str, at: datetime = T0, grade: Grade = Grade.YES) -> ReviewState:
    return ReviewScheduler().review(None, "alice", question_id, grade, at)


def question(qid: str, competency: str, *, roles: tuple[str, ...] = (ROLE,),
             levels: tuple[str, ...] = ("senior", "staff"), draft: bool = False) -> Question:
    return Question(id=qid, title=qid, kind="technical", roles=roles, levels=levels,
                    competency=competency, minutes=10, prompt="Explain.", draft=draft)


def by_name(trends: list[CompetencyTrend]) -> dict[str, CompetencyTrend]:
    return {t.competency: t for t in trends}


# -- trends -------------------------------------------------------------------


def test_trends_are_weakest_first_with_ungraded_weakest_of_all() -> None:
    records = [*graded("strong", [4, 3]), *graded("weak", [2, 2], start=10),
               record("ungraded", None, question_id="u1")]
    assert [t.competency for t in competency_trends(records, {}, T0)] == [
        "ungraded", "weak", "strong"]


def test_equal_averages_put_the_falling_competency_first_then_the_name() -> None:
    falling = graded("b-falling", [4] * 5 + [1] * 5)
    rising = graded("a-rising", [1] * 5 + [4] * 5, start=20)
    flat_z = graded("z-flat", [2, 3], start=40)
    flat_y = graded("y-flat", [3, 2], start=50)
    trends = competency_trends([*rising, *falling, *flat_z, *flat_y], {}, T0)
    assert [t.competency for t in trends] == ["b-falling", "y-flat", "z-flat", "a-rising"]
    assert by_name(trends)["b-falling"].change == pytest.approx(-3.0)


def test_recent_window_against_the_previous_one() -> None:
    (trend,) = competency_trends(graded("networking", [1, 2, 3, 3, 3, 3, 4]), {}, T0)
    assert trend.grades == (1, 2, 3, 3, 3, 3, 4)
    assert trend.recent_average == pytest.approx(3.2)
    assert trend.previous_average == pytest.approx(1.5)  # only 2 grades before the window
    assert trend.change == pytest.approx(1.7)
    assert trend.average == pytest.approx(19 / 7)


def test_a_window_with_nothing_before_it_has_no_change() -> None:
    (trend,) = competency_trends(graded("networking", [2, 3, 4]), {}, T0, window=3)
    assert trend.recent_average == pytest.approx(3.0)
    assert trend.previous_average is None
    assert trend.change is None


def test_smaller_window() -> None:
    (trend,) = competency_trends(graded("networking", [1, 1, 4, 4, 2]), {}, T0, window=2)
    assert trend.recent_average == pytest.approx(3.0)
    assert trend.previous_average == pytest.approx(2.5)


@pytest.mark.parametrize("window", [0, -1])
def test_window_must_be_positive(window: int) -> None:
    with pytest.raises(ValueError, match="window"):
        competency_trends(graded("networking", [3]), {}, T0, window=window)


def test_over_time_rate_and_hints_per_answer_count_every_answer() -> None:
    records = [record(seconds=601, hints=0), record(seconds=600, hints=1),
               record(grade=None, seconds=900, hints=2), record(seconds=10, hints=3)]
    (trend,) = competency_trends(records, {}, T0)
    assert (trend.answers, trend.graded) == (4, 3)
    assert trend.over_time_rate == pytest.approx(0.5)  # exactly at the limit is not over
    assert trend.hints_per_answer == pytest.approx(1.5)


def test_due_now_and_this_week() -> None:
    offsets = {"q1": -timedelta(hours=1), "q2": timedelta(0), "q3": timedelta(days=3),
               "q4": timedelta(days=7), "q5": timedelta(days=8)}
    records = [record(question_id=qid) for qid in offsets]
    reviews = {qid: due_at(qid, T0 + offset) for qid, offset in offsets.items()}
    reviews["never-answered"] = due_at("never-answered", T0 - timedelta(days=1))
    (trend,) = competency_trends(records, reviews, T0)
    assert (trend.due_now, trend.due_this_week) == (2, 4)


def test_a_review_belongs_to_the_latest_competency_of_its_question() -> None:
    records = [record("networking", question_id="q1"),
               record("operating-systems", question_id="q1", at=T0 + timedelta(hours=1))]
    trends = by_name(competency_trends(records, {"q1": due_at("q1", T0)}, T0))
    assert trends["networking"].due_now == 0
    assert trends["operating-systems"].due_now == 1


def test_retrievability_is_a_probability_that_falls_with_time() -> None:
    records = [record(question_id="q1")]
    reviews = {"q1": reviewed("q1")}
    values = [competency_trends(records, reviews, T0 + timedelta(days=days))[0].retrievability
              for days in (1, 10, 60)]
    assert all(v is not None and 0 < v <= 1 for v in values)
    first, second, third = (v or 0.0 for v in values)
    assert first > second > third


def test_retrievability_is_the_mean_over_reviewed_questions_only() -> None:
    records = [record(question_id="q1"), record(question_id="q2"), record(question_id="q3")]
    now = T0 + timedelta(days=5)
    alone = competency_trends(records[:1], {"q1": reviewed("q1")}, now)[0].retrievability
    fresh = competency_trends(records[1:2], {"q2": reviewed("q2", at=now)}, now)[0]
    reviews = {"q1": reviewed("q1"), "q2": reviewed("q2", at=now), "q3": due_at("q3", now)}
    (trend,) = competency_trends(records, reviews, now)
    assert alone is not None and fresh.retrievability == pytest.approx(1.0)
    assert trend.retrievability == pytest.approx((alone + 1.0) / 2)


def test_no_reviews_no_retrievability() -> None:
    (trend,) = competency_trends([record()], {"q1": due_at("q1", T0)}, T0)
    assert trend.retrievability is None


# -- calendar -----------------------------------------------------------------


def test_practice_days_are_local_days() -> None:
    plus_two = timezone(timedelta(hours=2))
    late = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 00:30 on the 3rd at UTC+2
    records = [record(at=late), record(at=late - timedelta(hours=12)), record(grade=None, at=late)]
    assert practice_days(records, UTC) == {date(2026, 3, 2): 3}
    assert practice_days(records, plus_two) == {date(2026, 3, 2): 1, date(2026, 3, 3): 2}


TODAY = date(2026, 3, 12)  # a Thursday


def run_of(last: date, length: int) -> dict[date, int]:
    return {last - timedelta(days=n): 1 for n in range(length)}


def test_streak_ending_today() -> None:
    assert current_streak(run_of(TODAY, 4), TODAY) == 4


def test_streak_ending_yesterday_is_not_lost_yet() -> None:
    assert current_streak(run_of(TODAY - timedelta(days=1), 3), TODAY) == 3


def test_streak_broken() -> None:
    days = run_of(TODAY - timedelta(days=2), 5)
    assert current_streak(days, TODAY) == 0
    assert current_streak({**days, TODAY: 2}, TODAY) == 1
    assert current_streak({TODAY: 0, TODAY - timedelta(days=1): 0}, TODAY) == 0


def test_heatmap_columns_end_with_this_week() -> None:
    days = {TODAY: 5, TODAY - timedelta(days=3): 2, date(2025, 9, 15): 7, date(2025, 9, 14): 9}
    weeks = heatmap_weeks(days, TODAY)
    assert len(weeks) == 26
    assert all(len(column) == 7 for column in weeks)
    assert weeks[-1] == [2, 0, 0, 5, None, None, None]  # Monday 9th .. Sunday 15th
    assert weeks[0][0] == 7  # Monday 15 September 2025, 25 weeks before this Monday
    assert 9 not in [count for column in weeks for count in column]  # the day before
    assert all(count is not None for column in weeks[:-1] for count in column)


def test_heatmap_on_a_sunday_has_no_future() -> None:
    sunday = date(2026, 3, 15)
    weeks = heatmap_weeks({sunday: 1}, sunday, weeks=3)
    assert len(weeks) == 3
    assert weeks[-1][-1] == 1
    assert None not in [count for column in weeks for count in column]


@pytest.mark.parametrize(("count", "busiest", "bucket"), [
    (0, 10, 0), (-1, 10, 0), (1, 12, 1), (3, 12, 1), (4, 12, 2), (6, 12, 2),
    (7, 12, 3), (9, 12, 3), (10, 12, 4), (12, 12, 4), (1, 1, 4), (5, 0, 4), (20, 12, 4),
])
def test_intensity_buckets(count: int, busiest: int, bucket: int) -> None:
    assert intensity(count, busiest) == bucket


# -- readiness ----------------------------------------------------------------

BANK = [
    question("net-1", "networking"),
    question("net-2", "networking"),
    question("os-1", "operating-systems"),
    question("db-1", "databases-data"),
    question("draft-1", "security", draft=True),
    question("other-role", "api-design", roles=("software-engineer",)),
    question("staff-only", "technical-strategy", levels=("staff",)),
]


def test_needed_competencies_come_from_live_questions_for_the_loop() -> None:
    assert needed_competencies(BANK, ROLE, "senior") == [
        "databases-data", "networking", "operating-systems"]
    assert needed_competencies(BANK, ROLE, "staff") == [
        "databases-data", "networking", "operating-systems", "technical-strategy"]
    assert needed_competencies(BANK, "software-engineer", "senior") == ["api-design"]
    assert needed_competencies(BANK, ROLE, "principal") == []


def test_no_evidence_is_least_ready_and_practised_next() -> None:
    records = [record("networking", 4, question_id="net-1"),
               record("operating-systems", 2, question_id="os-1")]
    result = readiness(records, BANK, ROLE, "senior")
    assert [c.competency for c in result.competencies] == [
        "databases-data", "operating-systems", "networking"]
    assert result.practise_next == ("databases-data", "operating-systems", "networking")
    databases = result.competencies[0]
    assert databases.score is None
    assert databases.evidence == "no answers at senior or above yet; 1 of 1 questions not yet seen"


def test_score_follows_the_documented_rule() -> None:
    five = [record("networking", 4, question_id="net-1", hit=1, total=2,
                   at=T0 + timedelta(minutes=n)) for n in range(4)]
    five.append(record("networking", 4, question_id="net-2", at=T0 + timedelta(minutes=9)))
    (networking,) = [c for c in readiness(five, BANK, ROLE, "senior").competencies
                     if c.competency == "networking"]
    assert networking.recent_grades == (4, 4, 4, 4, 4)
    assert networking.signal_share == pytest.approx(0.5)  # the rubric-less answer is left out
    assert networking.score == pytest.approx(0.8 * 1.0 + 0.2 * 0.5)
    assert networking.evidence == ("last 5 grades 4, 4, 4, 4, 4 at senior or above; "
                                   "50% of signals; all 2 questions seen")

    one = readiness([record("networking", 3, question_id="net-1")], BANK, ROLE, "senior")
    (single,) = [c for c in one.competencies if c.competency == "networking"]
    # quality 2/3, no rubric, 1 of 5 grades, then 0.1 x 1 unseen of 2
    assert single.score == pytest.approx(2 / 3 / 5 - 0.05)
    assert (single.unseen, single.available) == (1, 2)
    assert single.evidence == ("last grade 3 at senior or above; "
                               "1 of 2 questions not yet seen")
    assert one.overall == pytest.approx(single.score)


def test_only_the_last_five_grades_count() -> None:
    records = graded("networking", [1, 1, 1, 4, 4, 4, 4, 4])
    (networking,) = [c for c in readiness(records, BANK, ROLE, "senior").competencies
                     if c.competency == "networking"]
    assert networking.recent_grades == (4, 4, 4, 4, 4)


def test_evidence_below_the_target_level_does_not_count() -> None:
    records = [record("networking", 4, question_id="net-1", level="mid"),
               record("networking", 4, question_id="net-2", level=None),
               record("networking", 4, question_id="net-2", level="intern")]
    (networking,) = [c for c in readiness(records, BANK, ROLE, "senior").competencies
                     if c.competency == "networking"]
    assert networking.score is None
    assert networking.recent_grades == ()
    assert networking.unseen == 0  # seen is seen, at any level


def test_evidence_above_the_target_level_counts() -> None:
    records = [record("networking", 4, question_id="net-1", level="staff")]
    (networking,) = [c for c in readiness(records, BANK, ROLE, "senior").competencies
                     if c.competency == "networking"]
    assert networking.recent_grades == (4,)


def test_an_unknown_target_level_has_no_evidence() -> None:
    bank = [question("x", "networking", levels=("intern",))]
    result = readiness([record("networking", 4, question_id="x", level="intern")],
                       bank, ROLE, "intern")
    assert [c.score for c in result.competencies] == [None]
    assert result.overall is None


def test_a_skip_counts_as_a_strong_no_and_awaiting_a_grade_is_ignored() -> None:
    records = [record("networking", 4, question_id="net-1"),
               record("networking", None, question_id="net-2"),
               record("networking", None, outcome=Outcome.TIMED_OUT, question_id="net-2"),
               record("networking", None, outcome=Outcome.GRADED, question_id="net-1")]
    (networking,) = [c for c in readiness(records, BANK, ROLE, "senior").competencies
                     if c.competency == "networking"]
    assert networking.recent_grades == (4, 1, 1)
    assert networking.score == pytest.approx(((4 + 1 + 1) / 3 - 1) / 3 * 3 / 5)
    assert "(2 skipped, counted as 1)" in networking.evidence


def test_only_skips_score_zero_which_is_not_the_same_as_no_evidence() -> None:
    skipped = readiness([record("networking", None, question_id="net-1")], BANK, ROLE, "senior")
    (networking,) = [c for c in skipped.competencies if c.competency == "networking"]
    assert networking.score == 0.0  # evidence of failing, unlike "no evidence" (None)


def test_last_target_is_the_newest_record_with_role_and_level() -> None:
    assert last_target([]) is None
    assert last_target([record(role=None, level=None)]) is None
    records = [record(role="software-engineer", level="staff"),
               record(role=ROLE, level="senior"),
               record(role=ROLE, level=None),
               record(role=None, level="principal")]
    assert last_target(records) == (ROLE, "senior")


# -- properties ---------------------------------------------------------------

COMPETENCIES = ("networking", "operating-systems", "databases-data", "technical-strategy")
LEVEL_CHOICES = ("mid", "senior", "staff", "senior-staff", "principal", "intern", None)


@st.composite
def records_strategy(draw: st.DrawFn) -> AnswerRecord:
    outcome = draw(st.sampled_from(Outcome))
    grade = draw(st.none() | st.integers(1, 4)) if outcome is Outcome.GRADED else None
    total = draw(st.integers(0, 6))
    return record(draw(st.sampled_from(COMPETENCIES)), grade, outcome=outcome,
                  question_id=draw(st.sampled_from(("net-1", "net-2", "os-1", "db-1", "zz"))),
                  level=draw(st.sampled_from(LEVEL_CHOICES)),
                  hit=draw(st.integers(0, total)), total=total,
                  seconds=draw(st.floats(0, 2000)), hints=draw(st.integers(0, 5)))


@given(records=st.lists(records_strategy(), max_size=30),
       level=st.sampled_from(("mid", "senior", "staff")),
       bank_size=st.integers(0, len(BANK)))
def test_readiness_scores_stay_in_range(records: list[AnswerRecord], level: str,
                                        bank_size: int) -> None:
    bank = BANK[:bank_size]
    result = readiness(records, bank, ROLE, level)
    names = [c.competency for c in result.competencies]
    keys = [(c.score is not None, c.score or 0.0, c.competency) for c in result.competencies]
    assert keys == sorted(keys)
    assert sorted(names) == needed_competencies(bank, ROLE, level)
    assert set(result.practise_next) <= set(names)
    assert len(result.practise_next) == min(3, len(names))
    assert result.practise_next == tuple(names[:3])
    for item in result.competencies:
        assert item.score is None or 0.0 <= item.score <= 1.0
        assert (item.score is None) == (item.recent_grades == ())
        assert len(item.recent_grades) <= 5
        assert 0 <= item.unseen <= item.available
    assert result.overall is None or 0.0 <= result.overall <= 1.0


@given(records=st.lists(records_strategy(), max_size=30), window=st.integers(1, 6))
def test_trend_numbers_stay_in_range(records: list[AnswerRecord], window: int) -> None:
    trends = competency_trends(records, {}, T0, window=window)
    assert sum(t.answers for t in trends) == len(records)
    for trend in trends:
        assert trend.graded == len(trend.grades) <= trend.answers
        for value in (trend.average, trend.recent_average, trend.previous_average):
            assert value is None or 1.0 <= value <= 4.0
        assert trend.over_time_rate is not None and 0.0 <= trend.over_time_rate <= 1.0
        assert (trend.previous_average is not None) == (trend.graded > window)


@given(count=st.integers(0, 50), busiest=st.integers(0, 50))
def test_intensity_is_a_bucket_that_grows_with_the_count(count: int, busiest: int) -> None:
    bucket = intensity(count, busiest)
    assert 0 <= bucket <= 4
    assert (bucket == 0) == (count == 0)
    assert intensity(count + 1, busiest) >= bucket


# -- progress: due and weakest ---------------------------------------------------------

def _due(question_id: str, competency: str, days: int) -> DueQuestion:
    at = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=days)
    return DueQuestion(ReviewState("ada", question_id, at, {}, 1, Grade.NO, at), competency,
                       question_id)


def test_due_questions_group_by_competency_soonest_first() -> None:
    grouped = due_by_competency([_due("n2", "networking", 3), _due("d1", "debugging", 5),
                                 _due("n1", "networking", 1)])
    assert [(name, [q.review.question_id for q in items]) for name, items in grouped] == [
        ("debugging", ["d1"]), ("networking", ["n1", "n2"])]


def test_weakest_ranks_graded_competencies_by_average() -> None:
    def stats(name: str, average: float | None) -> CompetencyStats:
        return CompetencyStats(name, 3, 0 if average is None else 3, average, None, None)

    ranked = weakest([stats("a", 3.0), stats("b", None), stats("c", 1.5), stats("d", 2.0)], 2)
    assert ranked == [("c", 1.5), ("d", 2.0)]  # never graded: nothing to rank it by


# -- plan coverage -------------------------------------------------------------------

def _plan_question(qid: str, competency: str, levels: tuple[str, ...] = ("senior",),
                   minutes: int = 20, draft: bool = False) -> Question:
    return Question(id=qid, title=qid, kind="design", roles=("software-engineer",),
                    levels=levels, competency=competency, minutes=minutes, prompt="p",
                    draft=draft)


def test_plan_coverage_names_every_kind_of_problem() -> None:
    bank = {q.id: q for q in (_plan_question("a", "api-design"),
                              _plan_question("b", "networking", minutes=40),
                              _plan_question("c", "security", levels=("staff",)),
                              _plan_question("d", "security", draft=True))}
    plan = Plan("p", "P", "software-engineer", "senior", (
        Round("One", 30, ("a", "b")),
        Round("Two", 45, ("a", "c", "d", "gone")),
        Round("Three", 20),
    ))
    found = plan_coverage(plan, bank, expected=("api-design", "databases-data"))
    assert found.warnings == (
        "a is asked 2 times",
        "round 1 (One) is over time: its questions take 60 min, the round has 30",
        "round 2 (Two) is over time: its questions take 60 min, the round has 45",
        "c is not offered at senior (only staff)",
        "d is a draft: it has no reviewed rubric",
        "gone is not in the bank",
        "round 3 (Three) has no questions yet",
        "no round covers databases-data, which a software-engineer loop at senior covers",
    )
    assert found.competencies == ("api-design", "networking", "security")
    assert [r.question_minutes for r in found.rounds] == [60, 60, 0]


def test_a_pick_counts_its_typical_question_and_competency() -> None:
    bank = {q.id: q for q in (_plan_question("x", "networking", minutes=10),
                              _plan_question("y", "networking", minutes=30),
                              _plan_question("z", "networking", minutes=20))}
    plan = Plan("p", "P", "software-engineer", "senior",
                (Round("Pick", 45, pick=Selector(2, competency="networking")),))
    found = plan_coverage(plan, bank)
    assert found.rounds[0].question_minutes == 40 and found.competencies == ("networking",)
    assert found.warnings == ()
