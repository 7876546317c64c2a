"""The bank's domain types: plain dataclasses with no I/O, never changed once made.

Rubric, Exercise and Question are not frozen, though no code may assign to
them: a frozen dataclass sets each field through object.__setattr__, which
made building a question six times slower, and a warm start builds every
question of the bank (200 of 330 ms at 100,000 questions, measured). Their
hash is still that of their fields (unsafe_hash), as when they were frozen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# The plan types live apart so the home form's cache (read before the first
# frame, which is budgeted) can build plans without the question types.
from interview.bank.plan_types import Plan as Plan
from interview.bank.plan_types import Round as Round
from interview.bank.plan_types import Selector as Selector


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class Rubric:
    signals: tuple[str, ...]
    red_flags: tuple[str, ...] = ()
    by_level: dict[str, str] = field(default_factory=dict)
    below_bar: str = ""

    def to_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "signals": list(self.signals),
            "red_flags": list(self.red_flags),
            "by_level": dict(self.by_level),
        }
        # Left out when empty, so versions stored before the field existed keep their hashes.
        if self.below_bar:
            shown["below_bar"] = self.below_bar
        return shown


CODING = "coding"  # the kind whose questions carry an Exercise
LANGUAGES = ("python", "c", "cpp", "rust")  # what a coding exercise may be written in


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class Exercise:
    """A coding question's runnable part: the candidate edits `starter`, and
    `tests` (a test file, see docs/formats.md) decides; `reference` passes them."""

    language: str
    signature: str
    starter: str
    tests: str
    reference: str
    constraints: tuple[str, ...] = ()
    stretch: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "signature": self.signature,
                "constraints": list(self.constraints), "starter": self.starter,
                "tests": self.tests, "reference": self.reference, "stretch": self.stretch}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Exercise:
        return cls(data["language"], data["signature"], data["starter"], data["tests"],
                   data["reference"], tuple(data.get("constraints") or ()),
                   data.get("stretch") or "")


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class Question:
    id: str
    title: str
    kind: str
    roles: tuple[str, ...]
    levels: tuple[str, ...]
    competency: str
    minutes: int
    prompt: str
    also: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    rubric: Rubric | None = None
    outline: str = ""
    tags: tuple[str, ...] = ()
    draft: bool = False
    source: str = ""
    line: int = 0
    exercise: Exercise | None = None  # only on the `coding` kind

    @property
    def competencies(self) -> tuple[str, ...]:
        """The primary competency first, then the extra ones."""
        return (self.competency, *self.also)

    def content(self) -> dict[str, Any]:
        """Everything a user is shown, in the YAML field names."""
        shown = {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "roles": list(self.roles),
            "levels": list(self.levels),
            "competency": self.competency,
            "also": list(self.also),
            "minutes": self.minutes,
            "prompt": self.prompt,
            "hints": list(self.hints),
            "follow_ups": list(self.follow_ups),
            "rubric": self.rubric.to_dict() if self.rubric else None,
            "outline": self.outline,
            "tags": list(self.tags),
            "draft": self.draft,
        }
        # Only coding questions carry it, so every other question keeps its hash.
        if self.exercise is not None:
            shown["exercise"] = self.exercise.to_dict()
        return shown

    def to_dict(self) -> dict[str, Any]:
        return {**self.content(), "source": self.source}

    @classmethod
    def from_content(cls, data: dict[str, Any], source: str = "") -> Question:
        """Rebuild a question from `content()` (e.g. the version stored with history)."""
        rubric = data.get("rubric")
        return cls(
            id=data["id"],
            title=data["title"],
            kind=data["kind"],
            roles=tuple(data["roles"]),
            levels=tuple(data["levels"]),
            competency=data["competency"],
            minutes=int(data["minutes"]),
            prompt=data["prompt"],
            also=tuple(data.get("also") or ()),
            hints=tuple(data.get("hints") or ()),
            follow_ups=tuple(data.get("follow_ups") or ()),
            rubric=Rubric(
                tuple(rubric.get("signals") or ()),
                tuple(rubric.get("red_flags") or ()),
                dict(rubric.get("by_level") or {}),
                rubric.get("below_bar") or "",
            ) if rubric else None,
            outline=data.get("outline") or "",
            tags=tuple(data.get("tags") or ()),
            draft=bool(data.get("draft")),
            source=source,
            exercise=Exercise.from_dict(data["exercise"]) if data.get("exercise") else None,
        )

    def content_hash(self) -> str:
        """A stable fingerprint of what the user sees; history keys on it."""
        canonical = json.dumps(self.content(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
