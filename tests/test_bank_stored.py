"""Questions served from the warm-start cache: read when used, never wrong, never stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interview.bank import cache
from interview.bank.loader import load_bank
from interview.bank.storedquestions import StoredQuestions
from tests.bankfiles import BankFactory, question, question_file


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once (tests cannot wait out the racy window)."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)


def three_questions() -> dict[str, Any]:
    rubric = {"signals": ["One.", "Two."], "red_flags": ["Bad."], "by_level": {"senior": "S."}}
    return {
        "a.yaml": question_file(question("q-one", hints=["H."], rubric=rubric, tags=["t"]),
                                question("q-two")),
        "b.yaml": question_file(question("q-three", draft=True, rubric=None),
                                competency="security"),
    }


def cached(make_bank: BankFactory) -> tuple[Any, Any, Path]:
    bank_dir = make_bank(three_questions())
    fresh = load_bank(bank_dir)
    warm = load_bank(bank_dir)
    assert isinstance(warm.questions, StoredQuestions)
    return fresh, warm, bank_dir


def test_stored_questions_equal_the_validated_ones_in_order(
    make_bank: BankFactory, settled: None
) -> None:
    fresh, warm, _ = cached(make_bank)
    assert list(warm.questions) == list(fresh.questions) == ["q-one", "q-two", "q-three"]
    assert warm.questions == fresh.questions
    assert [q.content_hash() for q in warm] == [q.content_hash() for q in fresh]
    assert warm.questions["q-one"] is warm.questions["q-one"]  # built once
    assert (warm.taxonomy, warm.problems, warm.files) == (fresh.taxonomy, fresh.problems, 2)


def test_counting_and_membership_read_no_record(make_bank: BankFactory, settled: None) -> None:
    _, warm, _ = cached(make_bank)
    assert len(warm) == 3 and "q-two" in warm.questions and "nope" not in warm.questions
    assert warm.get("nope") is None
    assert "0 read" in repr(warm.questions)
    assert warm.questions["q-two"].id == "q-two"
    assert "1 read" in repr(warm.questions)


def test_a_damaged_record_means_validating_again(
    make_bank: BankFactory, settled: None, interview_home: Path
) -> None:
    fresh, _, bank_dir = cached(make_bank)
    (path,) = (interview_home / "cache").glob("bank-*.pickle")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF  # inside the last record
    path.write_bytes(bytes(data))
    damaged = load_bank(bank_dir)
    assert isinstance(damaged.questions, StoredQuestions)
    assert damaged.questions == fresh.questions  # q-three's record fails its check
    assert not path.exists()  # and the damaged cache is gone, to be written again


def test_a_cache_cut_short_means_validating_again(
    make_bank: BankFactory, settled: None, interview_home: Path
) -> None:
    fresh, _, bank_dir = cached(make_bank)
    (path,) = (interview_home / "cache").glob("bank-*.pickle")
    path.write_bytes(path.read_bytes()[:-10])
    assert load_bank(bank_dir).questions == fresh.questions


def test_a_cache_replaced_after_loading_does_not_change_a_loaded_bank(
    make_bank: BankFactory, settled: None
) -> None:
    _, warm, bank_dir = cached(make_bank)
    make_bank({"a.yaml": question_file(question("q-one", minutes=99))})
    assert load_bank(bank_dir).questions["q-one"].minutes == 99  # a new cache is written
    assert warm.questions["q-one"].minutes == 20  # the bank loaded before keeps its own
