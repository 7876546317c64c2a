"""Validation problems: one readable line each, naming file, line, item and field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or suspicious) in a bank or plan file.

    `item` is the question or plan id when known, else "-"; `field` is the
    dotted path of the offending field, or "-" for file-level problems.
    """

    file: str
    line: int
    item: str
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        # One problem, one line: ids and keys come from the file and may hold newlines.
        file, item, field, message = map(_one_line, (self.file, self.item, self.field,
                                                      self.message))
        text = f"{file}:{self.line}: {item}: {field}: {message}"
        return text if self.severity == "error" else f"{text} (warning)"


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


class BankError(Exception):
    """Raised when a bank cannot be used at all (for example, no taxonomy)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
