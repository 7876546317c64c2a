"""The warm-start bank cache: fast when nothing changed, never stale when something did."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from interview.bank import cache
from interview.bank.loader import load_bank
from tests.bankfiles import BankFactory, dump, question, question_file


def bank_files(minutes: int = 20) -> dict[str, Any]:
    return {"a.yaml": question_file(question("q-one", minutes=minutes))}


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once (tests cannot wait out the racy window)."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> Any:
    """After this is called, any attempt to validate a file fails the test."""

    def forbid() -> None:
        def parse(*args: object, **kwargs: object) -> object:
            raise AssertionError("the bank was validated again instead of read from the cache")

        # The loader imports the validator when it must read a file.
        monkeypatch.setattr("interview.bank.questions.parse_question_files", parse)

    return forbid


def cache_files(home: Path) -> list[Path]:
    """The bank's index and its files' entries."""
    cache = home / "cache"
    return sorted([*cache.glob("bank-*.index"), *cache.glob("bank-files/*.bin")])


def test_an_unchanged_bank_is_served_from_the_cache(
    make_bank: BankFactory, settled: None, no_parsing: Any, interview_home: Path
) -> None:
    bank_dir = make_bank(bank_files())
    first = load_bank(bank_dir)
    assert len(cache_files(interview_home)) == 2
    no_parsing()
    second = load_bank(bank_dir)
    assert second.questions == first.questions
    assert second.problems == first.problems


def test_editing_a_file_invalidates_the_cache(
    make_bank: BankFactory, settled: None
) -> None:
    bank_dir = make_bank(bank_files(minutes=20))
    assert load_bank(bank_dir).questions["q-one"].minutes == 20
    make_bank(bank_files(minutes=125))
    assert load_bank(bank_dir).questions["q-one"].minutes == 125


def test_a_same_size_edit_in_the_same_clock_tick_is_never_served_stale(
    make_bank: BankFactory,
) -> None:
    # Coarse file-system clocks give an edit made soon after the previous
    # write the same mtime; with the same size, size+mtime cannot tell them
    # apart. Restoring the mtime by hand reproduces that deterministically.
    bank_dir = make_bank(bank_files(minutes=20))
    path = bank_dir / "a.yaml"
    assert load_bank(bank_dir).questions["q-one"].minutes == 20
    before = path.stat()
    path.write_text(dump(bank_files(minutes=30)["a.yaml"]))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert load_bank(bank_dir).questions["q-one"].minutes == 30


def test_a_file_changed_in_the_last_seconds_is_hashed_again_not_trusted_by_its_stamp(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_dir = make_bank(bank_files(minutes=20))
    path = bank_dir / "a.yaml"
    assert load_bank(bank_dir).questions["q-one"].minutes == 20  # just written: racy
    hashed: list[bytes] = []
    real = cache.content_hash

    def counting(data: bytes) -> str:
        hashed.append(data)
        return real(data)

    monkeypatch.setattr(cache, "content_hash", counting)
    assert load_bank(bank_dir).questions["q-one"].minutes == 20
    assert len(hashed) == 2  # the taxonomy (always) and a.yaml, whose stamp was racy
    before = path.stat()
    path.write_text(dump(bank_files(minutes=30)["a.yaml"]))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load_bank(bank_dir).questions["q-one"].minutes == 30


def test_adding_and_removing_files_invalidates_the_cache(
    make_bank: BankFactory, settled: None
) -> None:
    bank_dir = make_bank(bank_files())
    assert sorted(load_bank(bank_dir).questions) == ["q-one"]
    make_bank({"b.yaml": question_file(question("q-two"))})
    assert sorted(load_bank(bank_dir).questions) == ["q-one", "q-two"]
    (bank_dir / "a.yaml").unlink()
    assert sorted(load_bank(bank_dir).questions) == ["q-two"]


def test_adding_a_taxonomy_invalidates_the_cache(
    make_bank: BankFactory, settled: None
) -> None:
    bank_dir = make_bank(bank_files())
    assert load_bank(bank_dir).problems == []
    make_bank({}, taxonomy={"roles": {"r": "R."}, "levels": {"l": "L."},
                            "competencies": {"c": "C."}, "kinds": {"k": "K."}})
    reloaded = load_bank(bank_dir)
    assert list(reloaded.taxonomy.roles) == ["r"]
    assert len(reloaded) == 0
    assert reloaded.problems != []


def test_a_change_to_the_validator_invalidates_the_cache(
    make_bank: BankFactory, settled: None, no_parsing: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_dir = make_bank(bank_files())
    load_bank(bank_dir)
    monkeypatch.setattr(cache, "code_version", lambda: ("edited validator",))
    no_parsing()
    with pytest.raises(AssertionError, match="validated again"):
        load_bank(bank_dir)


def test_a_corrupt_cache_file_is_ignored(
    make_bank: BankFactory, settled: None, interview_home: Path
) -> None:
    bank_dir = make_bank(bank_files())
    load_bank(bank_dir)
    for cached in cache_files(interview_home):
        cached.write_bytes(b"not a cache file")
    assert sorted(load_bank(bank_dir).questions) == ["q-one"]


def test_use_cache_false_neither_reads_nor_writes(
    make_bank: BankFactory, settled: None, interview_home: Path
) -> None:
    bank_dir = make_bank(bank_files())
    load_bank(bank_dir, use_cache=False)
    assert cache_files(interview_home) == []


def test_cached_file_names_follow_how_the_bank_was_named(
    make_bank: BankFactory, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_dir = make_bank(bank_files())
    monkeypatch.chdir(bank_dir.parent)
    relative = load_bank(Path("bank"))
    assert relative.questions["q-one"].source == str(Path("bank") / "a.yaml")
    absolute = load_bank(bank_dir)
    assert absolute.questions["q-one"].source == str(bank_dir / "a.yaml")
