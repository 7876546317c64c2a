"""Coding questions in a bank file: the `exercise` is required on the `coding`
kind and refused elsewhere, each problem is one line naming the field, and
`bank check --run-exercises` proves a reference passes and a starter fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interview.bank.loader import load_bank
from interview.cli import cli
from tests.bankfiles import BankFactory, question, question_file

TESTS = "".join(f"\n\ndef test_{n}():\n    assert double({n}) == {2 * n}\n" for n in range(6))
EXERCISE: dict[str, Any] = {
    "language": "python",
    "signature": "def double(n: int) -> int",
    "constraints": ["Any integer."],
    "starter": "def double(n: int) -> int:\n    raise NotImplementedError\n",
    "tests": "from solution import double\n" + TESTS,
    "reference": "def double(n: int) -> int:\n    return 2 * n\n",
    "stretch": "Without multiplication.",
}


def coding(qid: str = "code-double", **overrides: Any) -> dict[str, Any]:
    return question(qid, **{"kind": "coding", "exercise": dict(EXERCISE), **overrides})


def check(bank: Path, *options: str) -> Result:
    return CliRunner().invoke(cli, ["bank", "check", *options, str(bank)])


def test_a_coding_question_loads_with_its_exercise_and_keeps_it_in_the_cache(
        make_bank: BankFactory) -> None:
    bank = make_bank({"a.yaml": question_file(coding())})
    for _ in ("cold", "warm"):  # the second load comes from the cache
        loaded = load_bank(bank).questions["code-double"]
        assert loaded.exercise is not None
        assert loaded.exercise.language == "python"
        assert loaded.exercise.reference == EXERCISE["reference"]
        assert loaded.exercise.constraints == ("Any integer.",)
        assert loaded.content()["exercise"]["stretch"] == "Without multiplication."


def test_other_questions_keep_their_content_hash(make_bank: BankFactory) -> None:
    bank = make_bank({"a.yaml": question_file(question("plain"))})
    assert "exercise" not in load_bank(bank).questions["plain"].content()


@pytest.mark.parametrize(("entry", "field", "says"), [
    (question("code-x", kind="coding"), "exercise", "required on a `coding` question"),
    (question("tech-x", exercise=dict(EXERCISE)), "exercise",
     "only a `coding` question has an exercise, not a 'technical' one"),
    (coding(exercise={**EXERCISE, "language": "go"}), "exercise.language",
     "'go' is not one of python, c, cpp, rust"),
    (coding(exercise={k: v for k, v in EXERCISE.items() if k != "tests"}), "exercise.tests",
     "required field is missing"),
    (coding(exercise={**EXERCISE, "runner": "docker"}), "exercise.runner", "unknown field"),
])
def test_each_mistake_is_one_line_naming_the_field(
        make_bank: BankFactory, entry: dict[str, Any], field: str, says: str) -> None:
    result = check(make_bank({"a.yaml": question_file(entry)}))
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if f": {field}: " in x]
    assert says in line and "a.yaml:" in line, result.output
    assert "Traceback" not in result.output


def test_run_exercises_passes_a_sound_exercise(make_bank: BankFactory) -> None:
    result = check(make_bank({"a.yaml": question_file(coding())}), "--run-exercises")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 1 valid questions")


@pytest.mark.parametrize(("change", "says"), [
    ({"reference": "def double(n: int) -> int:\n    return n + 2\n"},
     "the reference does not pass its tests (1 of 6 tests passed; test_0"),
    ({"starter": "def double(n: int) -> int:\n    return n * 2\n"},
     "the starter already passes every test"),
    ({"tests": "from solution import double\n\n\ndef test_one():\n    assert double(1) == 2\n"},
     "only 1 test(s); an exercise needs 6"),
])
def test_run_exercises_refuses_an_unsound_one(
        make_bank: BankFactory, change: dict[str, str], says: str) -> None:
    bank = make_bank({"a.yaml": question_file(coding(exercise={**EXERCISE, **change}))})
    assert check(bank).exit_code == 0, "valid as YAML; only running it finds the fault"
    result = check(bank, "--run-exercises")
    assert result.exit_code == 1
    assert f"code-double: exercise: {says}" in result.output, result.output
