"""Session plans (sessions/*.yaml): validated like questions, ids checked against the bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.bank.loader import Bank, load_bank
from interview.bank.model import Plan, Round, Selector
from interview.bank.plans import load_plans, parse_plan
from interview.bank.yamlio import parse_document
from tests.bankfiles import BankFactory, question, question_file

PLAN = """\
id: senior-loop
title: "Senior loop: onsite"
role: systems-developer
level: senior
description: Two rounds.
rounds:
  - title: Debugging
    minutes: 45
    questions: [q-one, q-two]
  - title: Concurrency
    minutes: 30
    pick: {competency: concurrency-runtimes, count: 2}
"""
#  lines: 1 id, 2 title, 3 role, 4 level, 5 description, 6 rounds, 7 round 0,
#         8 minutes, 9 questions, 10 round 1, 11 minutes, 12 pick


@pytest.fixture
def bank(make_bank: BankFactory) -> Bank:
    loaded = load_bank(make_bank({"a.yaml": question_file(question("q-one"), question("q-two"))}),
                       use_cache=False)
    assert loaded.problems == []
    return loaded


def check(tmp_path: Path, bank: Bank, text: str, name: str = "senior-loop.yaml"
          ) -> tuple[Plan | None, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    plan, problems = parse_plan(parse_document(path), bank.taxonomy, bank.questions)
    return plan, [str(p).replace(f"{path}:", "F:", 1) for p in problems]


def edit(old: str, new: str, text: str = PLAN) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_valid_plan(tmp_path: Path, bank: Bank) -> None:
    plan, problems = check(tmp_path, bank, PLAN)
    assert problems == []
    assert plan == Plan(
        id="senior-loop", title="Senior loop: onsite", role="systems-developer", level="senior",
        rounds=(
            Round("Debugging", 45, ("q-one", "q-two")),
            Round("Concurrency", 30, (), Selector(2, "concurrency-runtimes")),
        ),
        description="Two rounds.", source=str(tmp_path / "senior-loop.yaml"),
    )
    assert plan.minutes == 75
    assert plan.to_dict()["rounds"][1] == {
        "title": "Concurrency", "minutes": 30,
        "pick": {"count": 2, "competency": "concurrency-runtimes"},
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: senior-loop\n", "", "F:1: -: id: required field is missing"),
        ("title: \"Senior loop: onsite\"\n", "",
         "F:1: senior-loop: title: required field is missing"),
        ("role: systems-developer\n", "", "F:1: senior-loop: role: required field is missing"),
        ("level: senior\n", "", "F:1: senior-loop: level: required field is missing"),
        ("id: senior-loop", "id: Senior_Loop",
         "F:1: Senior_Loop: id: 'Senior_Loop' must be a lowercase slug (letters, digits, hyphens)"),
        ("id: senior-loop", "id: other-loop",
         "F:1: other-loop: id: must match the file name ('senior-loop') so "
         "`--plan other-loop` finds it"),
        ("role: systems-developer", "role: astronaut",
         "F:3: senior-loop: role: 'astronaut' is not a role in the taxonomy"),
        ("level: senior", "level: seniour",
         "F:4: senior-loop: level: 'seniour' is not a level in the taxonomy; "
         "did you mean 'senior'?"),
        ("description: Two rounds.", "description: [a]",
         "F:5: senior-loop: description: must be non-empty text"),
        ("description: Two rounds.", "owner: me", "F:5: senior-loop: owner: unknown field"),
        ("    minutes: 45", "    minutes: 0",
         "F:8: senior-loop: rounds[0].minutes: must be a positive whole number, not 0"),
        ("  - title: Debugging\n", "  - title: Debugging\n    title: Again\n",
         "F:8: senior-loop: rounds[0].title: this key appears twice in the same mapping"),
        ("    questions: [q-one, q-two]", "    questions: [q-one, q-nine]",
         "F:9: senior-loop: rounds[0].questions[1]: no question 'q-nine' in the bank"),
        ("    questions: [q-one, q-two]", "    questions: []",
         "F:9: senior-loop: rounds[0].questions: must list at least one question id"),
        ("    questions: [q-one, q-two]", "    questions: q-one",
         "F:9: senior-loop: rounds[0].questions: must be a list"),
        ("    questions: [q-one, q-two]", "    notes: Warm up first.",
         "F:7: senior-loop: rounds[0].questions: a round needs either `questions` or `pick`, "
         "not both or neither"),
        ("    questions: [q-one, q-two]", "    questions: [q-one]\n    pick: {count: 1}",
         "F:7: senior-loop: rounds[0].questions: a round needs either `questions` or `pick`, "
         "not both or neither"),
        ("    questions: [q-one, q-two]", "    question: [q-one]",
         ["F:9: senior-loop: rounds[0].question: unknown field (did you mean 'questions'?)",
          "F:7: senior-loop: rounds[0].questions: a round needs either `questions` or `pick`, "
          "not both or neither"]),
        ("{competency: concurrency-runtimes, count: 2}", "{competency: cooking, count: 2}",
         "F:12: senior-loop: rounds[1].pick.competency: 'cooking' is not a competency in the "
         "taxonomy"),
        ("{competency: concurrency-runtimes, count: 2}", "{kind: trivia, count: 2}",
         "F:12: senior-loop: rounds[1].pick.kind: 'trivia' is not a kind in the taxonomy"),
        ("{competency: concurrency-runtimes, count: 2}", "{level: guru, count: 2}",
         "F:12: senior-loop: rounds[1].pick.level: 'guru' is not a level in the taxonomy"),
        ("{competency: concurrency-runtimes, count: 2}", "{role: x, count: 2}",
         "F:12: senior-loop: rounds[1].pick.role: unknown field"),
        ("{competency: concurrency-runtimes, count: 2}", "{competency: networking}",
         "F:12: senior-loop: rounds[1].pick.count: required field is missing"),
        ("{competency: concurrency-runtimes, count: 2}", "{count: -1}",
         "F:12: senior-loop: rounds[1].pick.count: must be a positive whole number, not -1"),
        ("{competency: concurrency-runtimes, count: 2}", "[concurrency-runtimes]",
         "F:12: senior-loop: rounds[1].pick: must be a mapping"),
        ("    pick: {competency: concurrency-runtimes, count: 2}",
         "    pick: !!python/object/apply:os.system [echo]",
         "F:12: senior-loop: rounds[1].pick: the YAML tag "
         "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in bank files"),
    ],
)
def test_plan_rules(
    tmp_path: Path, bank: Bank, old: str, new: str, expected: str | list[str]
) -> None:
    plan, problems = check(tmp_path, bank, edit(old, new))
    assert plan is None
    assert problems == ([expected] if isinstance(expected, str) else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "F:1: -: -: the file is empty"),
        ("- a\n- b\n", "F:1: -: -: expected a plan mapping"),
        (PLAN.split("rounds:")[0] + "rounds: []\n",
         "F:6: senior-loop: rounds: a plan needs a non-empty list of rounds"),
        (PLAN.split("rounds:")[0],
         "F:1: senior-loop: rounds: a plan needs a non-empty list of rounds"),
        (PLAN.split("rounds:")[0] + "rounds:\n  - just a title\n",
         "F:7: senior-loop: rounds[0]: must be a mapping with title, minutes and questions or "
         "pick"),
    ],
    ids=["empty", "list", "no-rounds", "rounds-missing", "round-not-mapping"],
)
def test_plans_without_usable_rounds(
    tmp_path: Path, bank: Bank, text: str, expected: str
) -> None:
    plan, problems = check(tmp_path, bank, text)
    assert plan is None
    assert problems == [expected]


def test_every_problem_in_a_plan_is_reported(tmp_path: Path, bank: Bank) -> None:
    text = edit("role: systems-developer", "role: astronaut",
                edit("    questions: [q-one, q-two]", "    questions: [q-nine]",
                     edit("count: 2", "count: 0")))
    plan, problems = check(tmp_path, bank, text)
    assert plan is None
    assert problems == [
        "F:3: senior-loop: role: 'astronaut' is not a role in the taxonomy",
        "F:9: senior-loop: rounds[0].questions[0]: no question 'q-nine' in the bank",
        "F:12: senior-loop: rounds[1].pick.count: must be a positive whole number, not 0",
    ]


def test_a_question_left_out_of_the_bank_cannot_be_planned(
    tmp_path: Path, make_bank: BankFactory
) -> None:
    bank_dir = make_bank({"a.yaml": question_file(question("q-one"), question("q-two", minutes=0))})
    bank = load_bank(bank_dir, use_cache=False)
    plan, problems = check(tmp_path, bank, PLAN)
    assert plan is None
    assert problems == ["F:9: senior-loop: rounds[0].questions[1]: no question 'q-two' in the bank"]


def test_load_plans_keeps_the_valid_ones(tmp_path: Path, bank: Bank) -> None:
    plans_dir = tmp_path / "sessions"
    plans_dir.mkdir()
    (plans_dir / "senior-loop.yaml").write_text(PLAN)
    (plans_dir / "broken.yaml").write_text("id: broken\n")
    (plans_dir / "readme.md").write_text("# not a plan")
    plans, problems = load_plans(plans_dir, bank.taxonomy, bank.questions)
    assert [p.id for p in plans] == ["senior-loop"]
    assert [str(p) for p in problems] == [
        f"{plans_dir / 'broken.yaml'}:1: broken: title: required field is missing",
        f"{plans_dir / 'broken.yaml'}:1: broken: role: required field is missing",
        f"{plans_dir / 'broken.yaml'}:1: broken: level: required field is missing",
        f"{plans_dir / 'broken.yaml'}:1: broken: rounds: a plan needs a non-empty list of rounds",
    ]


def test_two_plans_with_the_same_id_are_an_error(tmp_path: Path, bank: Bank) -> None:
    plans_dir = tmp_path / "sessions"
    plans_dir.mkdir()
    (plans_dir / "senior-loop.yaml").write_text(PLAN)
    (plans_dir / "senior-loop.yml").write_text(PLAN)
    plans, problems = load_plans(plans_dir, bank.taxonomy, bank.questions)
    assert [p.id for p in plans] == ["senior-loop"]
    assert [str(p) for p in problems] == [
        f"{plans_dir / 'senior-loop.yml'}:1: senior-loop: id: duplicate plan id; first used at "
        f"{plans_dir / 'senior-loop.yaml'}"
    ]


def test_a_missing_plans_directory_is_reported(tmp_path: Path, bank: Bank) -> None:
    plans, problems = load_plans(tmp_path / "nowhere", bank.taxonomy, bank.questions)
    assert plans == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nowhere'}:1: -: -: the plans directory does not exist"
    ]


def test_a_question_asked_twice_in_a_plan_is_an_error(tmp_path: Path, bank: Bank) -> None:
    text = edit("    pick: {competency: concurrency-runtimes, count: 2}\n",
                "    questions: [q-two]\n")
    plan, problems = check(tmp_path, bank, edit("[q-one, q-two]", "[q-one, q-one]", text))
    assert plan is None
    assert problems == [
        "F:9: senior-loop: rounds[0].questions[1]: 'q-one' is already asked at "
        "rounds[0].questions[0]",
    ]
    plan, problems = check(tmp_path, bank, text)
    assert problems == [
        "F:12: senior-loop: rounds[1].questions[0]: 'q-two' is already asked at "
        "rounds[0].questions[1]",
    ]
