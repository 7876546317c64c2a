"""The bank cache's per-file entries: the same questions, one file re-read per edit,
and damage that only ever means validating that file again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interview.bank import cache
from interview.bank.loader import Bank, load_bank
from tests.bankfiles import BankFactory, question, question_file


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once (tests cannot wait out the racy window)."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files validated (not served from the cache) from now on."""
    from interview.bank import questions

    seen: list[str] = []
    real = questions.parse_question_files

    def counting(documents: Any, taxonomy: Any) -> Any:
        seen.extend(Path(document.file).name for document in documents)
        return real(documents, taxonomy)

    monkeypatch.setattr(questions, "parse_question_files", counting)
    return seen


def three_questions(minutes: int = 20) -> dict[str, Any]:
    rubric = {"signals": ["One.", "Two."], "red_flags": ["Bad."], "by_level": {"senior": "S."}}
    return {
        "a.yaml": question_file(question("q-one", hints=["H."], rubric=rubric, tags=["t"]),
                                question("q-two", minutes=minutes)),
        "b.yaml": question_file(question("q-three", draft=True, rubric=None),
                                competency="security"),
    }


def entries(home: Path) -> list[Path]:
    return sorted((home / "cache" / "bank-files").glob("*.bin"))


def cached(make_bank: BankFactory) -> tuple[Bank, Bank, Path]:
    bank_dir = make_bank(three_questions())
    return load_bank(bank_dir, use_cache=False), load_bank(bank_dir), bank_dir


def test_cached_questions_equal_the_validated_ones_in_order(
    make_bank: BankFactory, settled: None, validated: list[str]
) -> None:
    fresh, first, bank_dir = cached(make_bank)
    validated.clear()
    warm = load_bank(bank_dir)
    assert validated == []
    assert list(warm.questions) == list(fresh.questions) == ["q-one", "q-two", "q-three"]
    assert warm.questions == first.questions == fresh.questions
    assert [q.line for q in warm] == [q.line for q in fresh]
    assert [q.content_hash() for q in warm] == [q.content_hash() for q in fresh]
    assert (warm.taxonomy, warm.problems, warm.files) == (fresh.taxonomy, fresh.problems, 2)
    assert warm.key == first.key == fresh.key != ""


def test_editing_one_file_validates_only_that_file(
    make_bank: BankFactory, settled: None, validated: list[str], interview_home: Path
) -> None:
    _, first, bank_dir = cached(make_bank)
    assert len(entries(interview_home)) == 2
    validated.clear()
    make_bank({"a.yaml": three_questions(minutes=45)["a.yaml"]})
    edited = load_bank(bank_dir)
    assert validated == ["a.yaml"]
    assert edited.questions["q-two"].minutes == 45
    assert edited.key != first.key
    assert len(entries(interview_home)) == 2  # the old entry of a.yaml is dropped


def test_a_file_restored_to_earlier_content_is_not_validated_again(
    make_bank: BankFactory, settled: None, validated: list[str], interview_home: Path
) -> None:
    _, _, bank_dir = cached(make_bank)
    make_bank({"a.yaml": three_questions(minutes=45)["a.yaml"]})
    load_bank(bank_dir)
    validated.clear()
    (bank_dir / "a.yaml").touch()  # same content, new stamp: hashed, found, not validated
    make_bank({"a.yaml": three_questions(minutes=45)["a.yaml"]})
    assert load_bank(bank_dir).questions["q-two"].minutes == 45
    assert validated == []


def test_a_damaged_entry_means_validating_that_file_again(
    make_bank: BankFactory, settled: None, validated: list[str], interview_home: Path
) -> None:
    fresh, _, bank_dir = cached(make_bank)
    for entry in entries(interview_home):
        data = bytearray(entry.read_bytes())
        data[-5] ^= 0xFF
        entry.write_bytes(bytes(data))
    validated.clear()
    assert load_bank(bank_dir).questions == fresh.questions
    assert sorted(validated) == ["a.yaml", "b.yaml"]
    validated.clear()
    assert load_bank(bank_dir).questions == fresh.questions  # rewritten: read, not validated
    assert validated == []


def test_an_entry_cut_short_or_emptied_means_validating_again(
    make_bank: BankFactory, settled: None, interview_home: Path
) -> None:
    fresh, _, bank_dir = cached(make_bank)
    first, second = entries(interview_home)
    first.write_bytes(first.read_bytes()[:-10])
    second.write_bytes(b"")
    assert load_bank(bank_dir).questions == fresh.questions


def test_a_damaged_index_means_hashing_again_not_an_error(
    make_bank: BankFactory, settled: None, validated: list[str], interview_home: Path
) -> None:
    fresh, _, bank_dir = cached(make_bank)
    (index,) = (interview_home / "cache").glob("bank-*.index")
    index.write_bytes(b"IVBANK\x00\x03 not an index at all")
    validated.clear()
    assert load_bank(bank_dir).questions == fresh.questions
    assert validated == []  # the entries are found again by content


def test_a_loaded_bank_keeps_its_questions_when_the_files_change(
    make_bank: BankFactory, settled: None
) -> None:
    _, warm, bank_dir = cached(make_bank)
    make_bank({"a.yaml": question_file(question("q-one", minutes=99))})
    assert load_bank(bank_dir).questions["q-one"].minutes == 99
    assert warm.questions["q-one"].minutes == 20
