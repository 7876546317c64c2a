"""What is due and what is weakest: the rules behind `interview due`, the
home screen's shortcuts and weakest-first practice."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview.store.views import CompetencyStats, DueQuestion


def due_by_competency(questions: Sequence[DueQuestion]
                      ) -> list[tuple[str, list[DueQuestion]]]:
    """Due questions grouped by competency (alphabetical), soonest first in each."""
    ordered = sorted(questions, key=lambda q: (q.competency, q.review.due))
    return [(competency, list(items))
            for competency, items in groupby(ordered, key=lambda q: q.competency)]


def weakest(stats: Sequence[CompetencyStats], limit: int) -> list[tuple[str, float]]:
    """(competency, average grade) of the graded competencies, lowest average
    first; ties keep the order given (the store's: falling trend first)."""
    graded = [(s.competency, s.average_grade) for s in stats if s.average_grade is not None]
    return sorted(graded, key=lambda item: item[1])[:limit]
