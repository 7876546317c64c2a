"""Choosing questions from filters and plans."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interview.bank.model import Plan, Round, Selector
from interview.practice.clock import FakeClock
from interview.practice.domain import ReviewState, SessionFilters
from interview.practice.selection import (
    SelectionError,
    fill_note,
    plan_questions,
    select_questions,
)
from tests.fakes import make_question

NOW = FakeClock().now()
BANK = [
    make_question(f"q-{n:02d}", competency, minutes=minutes, kind=kind, levels=levels)
    for n, (competency, minutes, kind, levels) in enumerate(
        [
            ("debugging-diagnostics", 10, "debugging", ("senior",)),
            ("debugging-diagnostics", 20, "debugging", ("senior", "staff")),
            ("networking", 15, "technical", ("senior",)),
            ("networking", 30, "design", ("staff",)),
            ("concurrency-runtimes", 25, "technical", ("senior",)),
            ("concurrency-runtimes", 5, "code-review", ("senior",)),
            ("mentorship-talent", 15, "behavioral", ("staff", "senior-staff")),
            ("technical-strategy", 40, "design", ("senior-staff",)),
        ]
    )
]
BY_ID = {q.id: q for q in BANK}


def ids(filters: SessionFilters, **kwargs: object) -> list[str]:
    chosen = select_questions(BANK, filters, kwargs.get("reviews", {}),  # type: ignore[arg-type]
                              kwargs.get("weakness", {}), NOW)  # type: ignore[arg-type]
    return [item.question_id for item in chosen]


def test_same_seed_same_questions_and_never_twice() -> None:
    first = ids(SessionFilters(count=6, seed=3))
    assert first == ids(SessionFilters(count=6, seed=3))
    assert len(set(first)) == 6
    assert any(ids(SessionFilters(count=6, seed=s)) != first for s in range(4, 10))


def test_filters_apply_together() -> None:
    chosen = ids(SessionFilters(level="senior", competencies=("networking",
                                                              "concurrency-runtimes"),
                                kinds=("technical",), count=10))
    assert sorted(chosen) == ["q-02", "q-04"]


def test_minutes_budget_is_never_exceeded() -> None:
    for seed in range(20):
        chosen = select_questions(BANK, SessionFilters(minutes=30, seed=seed), {}, {}, NOW)
        assert sum(item.seconds for item in chosen) <= 30 * 60
        assert chosen


def test_nothing_matching_names_the_choice_to_change() -> None:
    def why(filters: SessionFilters) -> str:
        with pytest.raises(SelectionError) as raised:
            ids(filters)
        return str(raised.value)

    assert why(SessionFilters(level="principal")) == (
        "no principal questions; 5 at senior, 3 at staff, 2 at senior-staff")
    assert why(SessionFilters(level="senior-staff", competencies=("networking",))) == (
        "no senior-staff questions for networking; 1 at senior, 1 at staff")
    assert why(SessionFilters(role="systems-developer")) == (
        "no systems-developer questions; 8 for software-engineer")
    assert why(SessionFilters(kinds=("coding",))) == "no questions match coding"
    assert "fits in 3 minutes" in why(SessionFilters(minutes=3))


def test_due_questions_come_first_most_overdue_first() -> None:
    reviews = {
        "q-07": ReviewState("ada", "q-07", NOW - timedelta(days=1)),
        "q-03": ReviewState("ada", "q-03", NOW - timedelta(days=5)),
        "q-00": ReviewState("ada", "q-00", NOW + timedelta(days=5)),  # not yet due
    }
    chosen = ids(SessionFilters(count=3, prefer_due=True, seed=1), reviews=reviews)
    assert chosen[:2] == ["q-03", "q-07"]


def test_weakest_competencies_come_first() -> None:
    weakness = {"mentorship-talent": 1.2, "networking": 3.9, "debugging-diagnostics": 3.5}
    chosen = ids(SessionFilters(count=2, prefer_weak=True, seed=2), weakness=weakness)
    assert chosen[0] == "q-06"  # the weakest graded competency
    # Never-graded competencies rank as middling: ahead of the strong ones.
    assert BY_ID[chosen[1]].competency in {"concurrency-runtimes", "technical-strategy"}


def test_drafts_are_never_selected() -> None:
    from dataclasses import replace

    drafts = [replace(q, draft=True, rubric=None) for q in BANK]
    with pytest.raises(SelectionError):
        select_questions(drafts, SessionFilters(), {}, {}, NOW)


def test_plan_rounds_share_their_minutes_and_picks_do_not_repeat() -> None:
    plan = Plan(
        id="loop",
        title="Loop",
        role="software-engineer",
        level="senior",
        rounds=(
            Round("Debugging", 40, questions=("q-00", "q-01")),
            Round("Concurrency", 30, pick=Selector(2, competency="concurrency-runtimes")),
            Round("More debugging", 20, pick=Selector(3, competency="debugging-diagnostics")),
        ),
    )
    chosen = plan_questions(plan, BY_ID, seed=5, reviews={}, now=NOW)
    assert [c.question_id for c in chosen[:2]] == ["q-00", "q-01"]
    assert [c.seconds for c in chosen[:2]] == [1200, 1200]
    assert {c.question_id for c in chosen[2:4]} == {"q-04", "q-05"}
    assert [c.round_title for c in chosen] == ["Debugging"] * 2 + ["Concurrency"] * 2
    assert len({c.question_id for c in chosen}) == len(chosen)
    assert all(c.content_hash == BY_ID[c.question_id].content_hash() for c in chosen)


def test_a_plan_never_repeats_a_question_and_picks_leave_named_ones_alone() -> None:
    plan = Plan(
        id="loop",
        title="Loop",
        role="software-engineer",
        level="senior",
        rounds=(
            # an early pick could take q-00, which a later round names
            Round("Warm-up", 10, pick=Selector(2, competency="debugging-diagnostics")),
            Round("Named", 20, questions=("q-00", "q-00")),
            Round("Named again", 10, questions=("q-00", "q-02")),
        ),
    )
    for seed in range(10):
        chosen = [c.question_id for c in plan_questions(plan, BY_ID, seed, {}, NOW)]
        assert len(chosen) == len(set(chosen)), chosen
        assert chosen.count("q-00") == 1 and "q-02" in chosen


def test_a_question_picked_through_also_is_filed_under_the_chosen_competency() -> None:
    from dataclasses import replace

    security = replace(make_question("q-mesh", "cloud-native-platforms"), also=("security",))
    both = replace(make_question("q-both", "security"), also=("networking",))
    chosen = select_questions([security, both], SessionFilters(competencies=("security",),
                                                               seed=1), {}, {}, NOW)
    assert {item.question_id: item.competency for item in chosen} == {
        "q-mesh": "security", "q-both": "security"}
    # With no competency chosen, a question counts under its own.
    unfocused = select_questions([security], SessionFilters(seed=1), {}, {}, NOW)
    assert unfocused[0].competency == "cloud-native-platforms"


def test_weakest_first_ranks_by_the_competency_chosen() -> None:
    from dataclasses import replace

    # q-mesh's own competency is strong, but it was picked for weak security.
    mesh = replace(make_question("q-mesh", "cloud-native-platforms"), also=("security",))
    other = make_question("q-net", "networking")
    weakness = {"cloud-native-platforms": 3.9, "security": 1.2, "networking": 2.0}
    filters = SessionFilters(competencies=("security", "networking"), prefer_weak=True, seed=4)
    chosen = select_questions([other, mesh], filters, {}, weakness, NOW)
    assert [item.question_id for item in chosen] == ["q-mesh", "q-net"]


@pytest.mark.parametrize("seed", range(12))
def test_minutes_are_filled_as_closely_as_the_bank_allows(seed: int) -> None:
    # debugging and networking hold 10, 20, 15 and 30 minutes: 45 is reachable
    # (30+15, 20+15+10), though taking 30 then 10 first would stop at 40.
    filters = SessionFilters(competencies=("debugging-diagnostics", "networking"), minutes=45,
                             seed=seed)
    chosen = select_questions(BANK, filters, {}, {}, NOW)
    assert sum(item.seconds for item in chosen) == 45 * 60
    assert fill_note(filters, chosen) == ""


def test_a_budget_the_bank_cannot_fill_is_said_in_one_line() -> None:
    filters = SessionFilters(competencies=("concurrency-runtimes",), minutes=45, seed=1)
    chosen = select_questions(BANK, filters, {}, {}, NOW)
    assert sorted(item.seconds for item in chosen) == [5 * 60, 25 * 60]
    assert fill_note(filters, chosen) == "45 minutes asked; 2 questions fit, 30 minutes."


def test_filling_minutes_still_prefers_what_is_due() -> None:
    due = {"q-00": ReviewState("ada", "q-00", NOW - timedelta(days=1))}
    for seed in range(8):
        filters = SessionFilters(competencies=("debugging-diagnostics", "networking"),
                                 minutes=45, seed=seed, prefer_due=True)
        chosen = [item.question_id for item in
                  select_questions(BANK, filters, due, {}, NOW)]
        assert chosen[0] == "q-00"  # the due 10-minute question, then 20+15 around it
        assert sum(BY_ID[qid].minutes for qid in chosen) == 45
