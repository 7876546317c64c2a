"""Questions kept in the warm-start cache, read back one at a time when asked for.

Unpickling 10,000 frozen dataclasses (and 35 MB of text) takes far longer than
a warm start may. So the cache holds each question as a marshalled tuple of
plain values, with an index of ids, offsets and checksums; StoredQuestions
reads the index at start-up, the records from the (still open) cache file
the first time any question is asked for, and builds a question the first
time that question is asked for. Counting questions and testing membership
never read a record.
"""

from __future__ import annotations

import marshal
import threading
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO

from interview.bank.model import Exercise, Question, Rubric

Record = tuple[Any, ...]


def to_record(question: Question) -> Record:
    """A question as a tuple of plain values, fields in declaration order."""
    rubric = question.rubric
    return (
        question.id, question.title, question.kind, question.roles, question.levels,
        question.competency, question.minutes, question.prompt, question.also,
        question.hints, question.follow_ups,
        None if rubric is None else (rubric.signals, rubric.red_flags, rubric.by_level,
                                     rubric.below_bar),
        question.outline, question.tags, question.draft, question.source, question.line,
        None if question.exercise is None else tuple(question.exercise.to_dict().items()),
    )


def from_record(r: Record) -> Question:
    """The question to_record made `r` from (its CRC was checked, its shape is Question's)."""
    rubric = None if r[11] is None else Rubric(*r[11])
    exercise = None if r[17] is None else Exercise.from_dict(dict(r[17]))
    return Question(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], rubric,
                    r[12], r[13], r[14], r[15], r[16], exercise)


def pack(questions: Mapping[str, Question]) -> tuple[bytes, tuple[str, ...], bytes, bytes]:
    """(records, ids, where each record ends, each record's CRC-32) for the cache file."""
    chunks: list[bytes] = []
    ends = array("Q")
    checksums = array("I")
    end = 0
    for question in questions.values():
        chunk = marshal.dumps(to_record(question))
        chunks.append(chunk)
        end += len(chunk)
        ends.append(end)
        checksums.append(zlib.crc32(chunk))
    return b"".join(chunks), tuple(questions), ends.tobytes(), checksums.tobytes()


class Damaged(Exception):
    """A record in the cache is not what was written."""


class Records:
    """The records at the end of an open cache file, read in one go when first needed."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.size = size
        self._handle = handle
        self._offset = handle.tell()
        self._data: memoryview | None = None
        self._lock = threading.Lock()
        self._close = weakref.finalize(self, handle.close)

    def get(self) -> memoryview:
        with self._lock:
            if self._data is None:
                try:
                    self._handle.seek(self._offset)
                    data = self._handle.read(self.size + 1)
                except (OSError, ValueError) as exc:
                    raise Damaged("the cache file cannot be read") from exc
                finally:
                    self._close()
                if len(data) != self.size:
                    raise Damaged("the records were cut short, or added to")
                self._data = memoryview(data)
            return self._data


class StoredQuestions(Mapping[str, Question]):
    """The bank's questions from the cache: an id index now, each question when first used.

    If a record turns out damaged (the file was changed behind our back), the
    whole bank is validated again through `reload` and served from that.
    """

    def __init__(self, records: Records, ids: tuple[str, ...], ends: bytes, checksums: bytes,
                 reload: Callable[[], Mapping[str, Question]]) -> None:
        self._records = records
        self._ends = array("Q")
        self._ends.frombytes(ends)
        self._checksums = array("I")
        self._checksums.frombytes(checksums)
        if not len(self._ends) == len(self._checksums) == len(ids) or \
                (ids and self._ends[-1] != records.size):
            raise Damaged("the index does not match the records")
        self._index = dict(zip(ids, range(len(ids)), strict=True))
        if len(self._index) != len(ids):
            raise Damaged("an id is listed twice")
        self._built: dict[str, Question] = {}
        self._reload = reload
        self._reloaded: Mapping[str, Question] | None = None
        self._lock = threading.Lock()

    def __getitem__(self, question_id: str) -> Question:
        found = self._built.get(question_id)
        if found is not None:
            return found
        if self._reloaded is not None:
            return self._reloaded[question_id]
        number = self._index[question_id]  # KeyError: not in the bank
        try:
            question = self._read(number, question_id)
        except Damaged:
            return self._served_by_reload()[question_id]
        return self._built.setdefault(question_id, question)  # one object per id

    def _read(self, number: int, question_id: str) -> Question:
        start = self._ends[number - 1] if number else 0
        chunk = self._records.get()[start:self._ends[number]]
        if zlib.crc32(chunk) != self._checksums[number]:
            raise Damaged(question_id)
        try:
            question = from_record(marshal.loads(chunk))
        except (ValueError, EOFError, TypeError, IndexError) as exc:
            raise Damaged(question_id) from exc
        if question.id != question_id:
            raise Damaged(question_id)
        return question

    def _served_by_reload(self) -> Mapping[str, Question]:
        with self._lock:
            if self._reloaded is None:
                self._reloaded = self._reload()
            return self._reloaded

    def __contains__(self, question_id: object) -> bool:
        if self._reloaded is not None:
            return question_id in self._reloaded
        return question_id in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._reloaded if self._reloaded is not None else self._index)

    def __len__(self) -> int:
        return len(self._reloaded if self._reloaded is not None else self._index)

    def __repr__(self) -> str:
        return f"<StoredQuestions: {len(self)} questions, {len(self._built)} read>"
