"""The plan types: a plan's rounds and the questions each asks or picks.

Plain frozen dataclasses with no I/O, as the question types in model.py
(which re-exports these).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Selector:
    """A plan round's `pick`: questions chosen when the plan runs."""

    count: int
    competency: str | None = None
    kind: str | None = None
    level: str | None = None

    def to_dict(self) -> dict[str, Any]:
        found = {"competency": self.competency, "kind": self.kind, "level": self.level}
        return {"count": self.count, **{k: v for k, v in found.items() if v is not None}}


@dataclass(frozen=True, slots=True)
class Round:
    title: str
    minutes: int
    questions: tuple[str, ...] = ()
    pick: Selector | None = None
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "minutes": self.minutes}
        if self.questions:
            data["questions"] = list(self.questions)
        if self.pick:
            data["pick"] = self.pick.to_dict()
        if self.notes:
            data["notes"] = self.notes
        return data


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: str
    role: str
    level: str
    rounds: tuple[Round, ...]
    description: str = ""
    source: str = ""

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rounds)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "role": self.role,
            "level": self.level,
        }
        if self.description:
            data["description"] = self.description
        data["rounds"] = [r.to_dict() for r in self.rounds]
        return data
