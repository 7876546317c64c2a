"""What a layout reader finds: draft questions with where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from interview.bank.problems import Problem


@dataclass
class Draft:
    """A question found in an input file, before it gets an id and defaults."""

    text: str  # the question as written, plain text
    source: str
    line: int
    follow_ups: list[str] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)  # answer text found beside it
    tags: list[str] = field(default_factory=list)


@dataclass
class Found:
    """The drafts read from one file, and the problems that stopped reading it."""

    source: str
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
