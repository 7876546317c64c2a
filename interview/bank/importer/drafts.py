"""What a layout reader finds: draft questions with where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from interview.bank.problems import Problem


@dataclass(frozen=True)
class NotQuestion:
    """Something that was read and left out, with the reason (see rules.py)."""

    source: str
    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "line": self.line, "text": self.text,
                "reason": self.reason}


@dataclass
class Draft:
    """A question found in an input file, before it gets an id and defaults."""

    text: str  # the question as written, plain text
    source: str
    line: int
    follow_ups: list[str] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)  # answer text found beside it
    tags: list[str] = field(default_factory=list)
    title: str = ""  # a heading above the prompt, if it had one
    # What was left out of the file before this draft (after it, for the last
    # one): the import reports it without another return value to pass around.
    passed_over: list[NotQuestion] = field(default_factory=list)


@dataclass
class Found:
    """The drafts read from one file, and the problems that stopped reading it."""

    source: str
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
