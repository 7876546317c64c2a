"""The one question filter: role, level, competencies and kinds.

Listing, export, search, session selection and the CLI options all narrow
the bank with this type, so "matches" means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.bank.model import Question


@dataclass(frozen=True, slots=True)
class QuestionFilter:
    """Questions for `role` at `level`, in any of `competencies` (a question's
    `also:` counts), of any of `kinds`. An empty field does not narrow."""

    role: str | None = None
    level: str | None = None
    competencies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def __call__(self, question: Question) -> bool:
        return self.matches(question)

    def matches(self, question: Question) -> bool:
        if self.role is not None and self.role not in question.roles:
            return False
        if self.level is not None and self.level not in question.levels:
            return False
        if self.competencies and not any(c in question.competencies for c in self.competencies):
            return False
        return not self.kinds or question.kind in self.kinds

    @property
    def narrows(self) -> bool:
        return bool(self.role or self.level or self.competencies or self.kinds)
