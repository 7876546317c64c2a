"""Questions as plain values, for the bank cache: tuples of each dataclass's own fields.

marshal stores tuples, dicts, strings and numbers only, so a Question becomes
a tuple of its fields in declaration order, and a field holding another
dataclass (its Rubric, its Exercise) a tuple of that one's fields. Which
fields those are is read from the type hints, so a field added to a dataclass
is stored without a change here; the cache's schema stamp (the bank
package's code) keeps a record from one shape being read as another.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from interview.bank.model import Exercise, Question, Rubric
from interview.bank.problems import Problem

Record = tuple[Any, ...]


def _nested(cls: type) -> tuple[tuple[int, type], ...]:
    """(position, dataclass) of each field of `cls` that holds a dataclass (or None)."""
    hints = typing.get_type_hints(cls, {"Rubric": Rubric, "Exercise": Exercise})
    found = []
    for position, field in enumerate(dataclasses.fields(cls)):
        hint = hints[field.name]
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        inner = [option for option in options if dataclasses.is_dataclass(option)]
        if inner:
            found.append((position, typing.cast(type, inner[0])))
    return tuple(found)


_NAMES = tuple(field.name for field in dataclasses.fields(Question))
_NESTED = _nested(Question)


def _fields_of(value: Any) -> Record:
    return tuple(getattr(value, field.name) for field in dataclasses.fields(value))


def to_record(question: Question) -> Record:
    values = [getattr(question, name) for name in _NAMES]
    for position, _ in _NESTED:
        if values[position] is not None:
            values[position] = _fields_of(values[position])
    return tuple(values)


def from_record(record: Record) -> Question:
    """The question `to_record` made `record` from."""
    if len(record) != len(_NAMES):
        raise ValueError(f"a record of {len(record)} fields, not {len(_NAMES)}")
    values = list(record)
    for position, cls in _NESTED:
        if values[position] is not None:
            values[position] = cls(*values[position])
    return Question(*values)


def problem_record(problem: Problem) -> Record:
    return _fields_of(problem)


def problem_from(record: Record) -> Problem:
    return Problem(*record)
