"""A filled scorecard resolved against its questions, and its JSON shape.

`scored_questions` pairs each `QuestionScore` with the question as shown (or
None when the caller has no such id: it is then shown by its id, with no
rubric text) and its notes; the Markdown and HTML renderers and
`scorecard_shape` all read the card through it, so they agree.

`scorecard_shape` is the JSON of `interview scorecard show --format json`.
Its keys are stable; times are ISO 8601 in UTC (`null` when not set), grades
are the 4-point scale's numbers (`null` when not given):

    id, candidate, interviewer            int, str, str
    plan                                  {"id": str, "title": str}
    role, level                           str, str
    status                                "in-progress" | "submitted"
    self_graded                           bool
    started_at, submitted_at              str | null
    questions: [                          in plan order
      position                            int, from 1
      question_id, title                  str (title: the id when the question is unknown)
      competency, round                   str (round: "" outside a plan's rounds)
      seconds_allowed, seconds_used       int, float
      grade                               int | null
      grade_label                         "strong no" ... "strong yes" | null
      not_asked                           bool
      self_grade                          int | null (the candidate's, in a self-graded loop)
      signals, red_flags: [               every rubric item, in rubric order
        index                             int, from 1
        text                              str ("" for a ticked index the rubric shown lacks)
        ticked                            bool
      ]
      hints: [                            the hints given, in the order given
        index, text, at_seconds           int from 1, str ("" if unknown), float
      ]
      notes: [                            in the order written
        at_seconds, written_at, text      float (into the question), str, str
      ]
    ]
    ratings                               {competency: int}, the competencies rated
    recommendation                        "strong-no" | "no" | "yes" | "strong-yes" |
                                          "no-decision" | null
    takeaways, private_notes              str
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from interview.bank.model import Question
from interview.practice.domain import Grade
from interview.practice.interviewing import Note, QuestionScore, Scorecard
from interview.reports.shapes import iso


@dataclass(frozen=True, slots=True)
class Tick:
    """One rubric signal or red flag, and whether the interviewer ticked it."""

    index: int  # from 1
    text: str  # "" for a ticked index the question shown has no text for
    ticked: bool


@dataclass(frozen=True, slots=True)
class HintLine:
    """A hint given: which (from 1), its text ("" if unknown), when into the question."""

    index: int
    text: str
    at_seconds: float


@dataclass(frozen=True, slots=True)
class ScoredQuestion:
    score: QuestionScore
    question: Question | None  # None: not among the questions given
    notes: tuple[Note, ...]

    @property
    def number(self) -> int:
        """Its place in the plan, from 1."""
        return self.score.position + 1

    @property
    def title(self) -> str:
        return self.question.title if self.question is not None else self.score.question_id

    @property
    def signals(self) -> tuple[Tick, ...]:
        rubric = self.question.rubric if self.question is not None else None
        return _ticks(rubric.signals if rubric else (), self.score.signals)

    @property
    def red_flags(self) -> tuple[Tick, ...]:
        rubric = self.question.rubric if self.question is not None else None
        return _ticks(rubric.red_flags if rubric else (), self.score.red_flags)

    @property
    def hints(self) -> tuple[HintLine, ...]:
        texts = self.question.hints if self.question is not None else ()
        return tuple(HintLine(h.index + 1, texts[h.index] if 0 <= h.index < len(texts) else "",
                              h.at_seconds) for h in self.score.hints)

    @property
    def grade_text(self) -> str:
        """`3 yes`, `not asked` or `not graded`."""
        if self.score.not_asked:
            return "not asked"
        return grade_text(self.score.grade) if self.score.grade is not None else "not graded"

    @property
    def time_text(self) -> str:
        """`04:10 of 10:00`, `(over time)` after it when past the time allowed."""
        used, allowed = self.score.seconds_used, self.score.item.seconds
        over = " (over time)" if allowed and used > allowed else ""
        return f"{clock(used)} of {clock(allowed)}{over}"


def _ticks(texts: Sequence[str], ticked: Sequence[int]) -> tuple[Tick, ...]:
    chosen = set(ticked)
    found = [Tick(i + 1, t, i in chosen) for i, t in enumerate(texts)]
    found += [Tick(i + 1, "", True) for i in sorted(chosen) if i >= len(texts)]
    return tuple(found)


def scored_questions(card: Scorecard, questions: Mapping[str, Question]
                     ) -> tuple[ScoredQuestion, ...]:
    return tuple(ScoredQuestion(s, questions.get(s.question_id), card.notes_for(s.position))
                 for s in card.questions)


@dataclass(frozen=True, slots=True)
class ScoredRound:
    number: int  # from 1
    title: str  # "" for questions asked outside a plan's rounds
    questions: tuple[ScoredQuestion, ...]

    @property
    def heading(self) -> str:
        return f"Round {self.number}: {self.title}" if self.title else f"Round {self.number}"


def scored_rounds(items: Sequence[ScoredQuestion]) -> tuple[ScoredRound, ...]:
    """The questions in runs of the same round title, as the plan asked them."""
    runs: list[list[ScoredQuestion]] = []
    for item in items:
        if runs and runs[-1][-1].score.item.round_title == item.score.item.round_title:
            runs[-1].append(item)
        else:
            runs.append([item])
    return tuple(ScoredRound(n, run[0].score.item.round_title, tuple(run))
                 for n, run in enumerate(runs, 1))


def rated_competencies(card: Scorecard) -> tuple[str, ...]:
    """The plan's competencies in order, then any rated that no question counts under."""
    return tuple(dict.fromkeys((*card.competencies, *card.closing.ratings)))


def grade_text(grade: Grade) -> str:
    """`3 yes`: the number and its label, as the kit's scale writes them."""
    return f"{int(grade)} {grade.label}"


def clock(seconds: float) -> str:
    """Time into a question as mm:ss, whole seconds cut off: 125.9 -> `02:05`."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes:02d}:{rest:02d}"


def moment_text(moment: datetime | None) -> str:
    """`2026-03-02 09:00 UTC`, or `not yet`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "not yet"


def scorecard_shape(card: Scorecard, questions: Mapping[str, Question]) -> dict[str, object]:
    """The card as JSON-ready data, in the shape the module docstring documents."""
    closing = card.closing
    return {
        "id": card.id, "candidate": card.candidate, "interviewer": card.interviewer,
        "plan": {"id": card.plan_id, "title": card.plan_title},
        "role": card.role, "level": card.level, "status": card.status.value,
        "self_graded": card.self_graded, "started_at": iso(card.started_at),
        "submitted_at": iso(card.submitted_at),
        "questions": [_question_shape(q) for q in scored_questions(card, questions)],
        "ratings": {c: int(g) for c, g in closing.ratings.items()},
        "recommendation": closing.recommendation.value if closing.recommendation else None,
        "takeaways": closing.takeaways, "private_notes": closing.private_notes,
    }


def _question_shape(item: ScoredQuestion) -> dict[str, object]:
    score = item.score
    return {
        "position": item.number, "question_id": score.question_id, "title": item.title,
        "competency": score.competency, "round": score.item.round_title,
        "seconds_allowed": score.item.seconds, "seconds_used": score.seconds_used,
        "grade": int(score.grade) if score.grade is not None else None,
        "grade_label": score.grade.label if score.grade is not None else None,
        "not_asked": score.not_asked,
        "self_grade": int(score.self_grade) if score.self_grade is not None else None,
        "signals": [_tick_shape(t) for t in item.signals],
        "red_flags": [_tick_shape(t) for t in item.red_flags],
        "hints": [{"index": h.index, "text": h.text, "at_seconds": h.at_seconds}
                  for h in item.hints],
        "notes": [{"at_seconds": n.at_seconds, "written_at": iso(n.written_at),
                   "text": n.text} for n in item.notes],
    }


def _tick_shape(tick: Tick) -> dict[str, object]:
    return {"index": tick.index, "text": tick.text, "ticked": tick.ticked}
