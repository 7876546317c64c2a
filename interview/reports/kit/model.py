"""The kit an interviewer takes into the room: a plan with its questions resolved.

`build_kit` is pure: a Plan, the bank's questions and the taxonomy's levels in,
a `Kit` out. A round that names its questions gets them in the order listed; a
`pick` round gets every question its selector could choose when the plan runs
(the rule of interview.practice.selection: the plan's role, the pick's level
or the plan's, its competency (or `also`) and kind, no drafts, nothing another
round names), in bank order, for the interviewer to choose from on the day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interview.bank.model import Plan, Question, Round, Selector
from interview.practice.domain import Grade, SessionFilters
from interview.practice.selection import askable, filed_under

GRADES = tuple(Grade)  # the 4-point scale, 1 strong no to 4 strong yes


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of a prompt or outline: running text, or (`literal`) code or a
    list to be shown exactly as written, line breaks and indentation included."""

    text: str
    literal: bool = False


@dataclass(frozen=True, slots=True)
class Bar:
    """What a question's rubric expects at one level; `text` is "" when none is written."""

    level: str  # "" for the line below the lowest bar
    relation: str  # "below", "at" or "above" the kit's level, or "short" of every bar
    text: str

    @property
    def label(self) -> str:
        """`The bar (senior)`, `One level below (mid)`, `One level above (staff)`,
        `Below the bar`."""
        if self.relation == "short":
            return "Below the bar"
        return {"at": "The bar", "below": "One level below",
                "above": "One level above"}[self.relation] + f" ({self.level})"


@dataclass(frozen=True, slots=True)
class KitQuestion:
    question: Question
    competency: str  # the competency an answer counts under in this round
    seconds: int  # its share of the round's minutes
    prompt: tuple[Block, ...]
    outline: tuple[Block, ...]  # empty with no outline, or when the kit leaves them out
    bars: tuple[Bar, ...]  # the one below, the kit's level, the one above (those that exist)
    reference: str = ""  # a coding question's reference solution, unless outlines are left out

    @property
    def exercise_lines(self) -> tuple[str, ...]:
        """A coding question's brief: language, what to write, its constraints."""
        exercise = self.question.exercise
        if exercise is None:
            return ()
        return (f"Language: {exercise.language}", f"Write: {exercise.signature}",
                *exercise.constraints,
                *([f"Stretch: {exercise.stretch}"] if exercise.stretch else []))

    @property
    def signals(self) -> tuple[str, ...]:
        return self.question.rubric.signals if self.question.rubric else ()

    @property
    def red_flags(self) -> tuple[str, ...]:
        return self.question.rubric.red_flags if self.question.rubric else ()

    @property
    def bar(self) -> Bar:
        """The bar at the kit's level."""
        return next(bar for bar in self.bars if bar.relation == "at")

    @property
    def written_levels(self) -> tuple[str, ...]:
        """The levels the rubric writes a bar for."""
        return tuple(self.question.rubric.by_level) if self.question.rubric else ()


@dataclass(frozen=True, slots=True)
class KitRound:
    number: int  # from 1
    title: str
    minutes: int
    notes: str
    questions: tuple[KitQuestion, ...]  # a pick round: every question it could pick
    pick: Selector | None = None

    @property
    def asked(self) -> int:
        """How many questions the round asks: all it names, or `count` of its candidates."""
        if self.pick is None:
            return len(self.questions)
        return min(self.pick.count, len(self.questions))

    def pick_criteria(self, plan: Plan) -> list[str]:
        """What a pick round draws from, as the kit names it ("role x", "level y", ...)."""
        pick = self.pick
        assert pick is not None
        wanted = [f"role {plan.role}", f"level {pick.level or plan.level}"]
        wanted += [f"competency {pick.competency}"] if pick.competency else []
        wanted += [f"kind {pick.kind}"] if pick.kind else []
        return wanted

    @property
    def count_text(self) -> str:
        """The round's questions as the kit's overview says it: "2", "pick 1 of 6"."""
        if self.pick is None:
            return str(len(self.questions))
        return f"pick {self.pick.count} of {len(self.questions)}"

    @property
    def seconds_each(self) -> int:
        """Each question's share of the round, as the engine divides it (0 if none)."""
        return self.minutes * 60 // self.asked if self.asked else 0


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One line of the scorecard: a named question, or a blank for a pick."""

    round: KitRound
    question: KitQuestion | None  # None: the question picked on the day
    pick_number: int = 0  # for a blank: 1 to the round's `asked`

    @property
    def label(self) -> str:
        if self.question is not None:
            return self.question.question.title
        if self.round.asked == 1:
            return "Picked question"
        return f"Picked question {self.pick_number} of {self.round.asked}"


@dataclass(frozen=True, slots=True)
class Kit:
    plan: Plan
    level: str  # the bars shown: the plan's level or --level
    levels: tuple[str, ...]  # the taxonomy's, narrowest scope first
    rounds: tuple[KitRound, ...]
    outlines: bool = True

    @property
    def level_overridden(self) -> bool:
        return self.level != self.plan.level

    @property
    def question_count(self) -> int:
        """Distinct questions in the kit (a candidate of two picks counts once)."""
        return len({q.question.id for r in self.rounds for q in r.questions})

    @property
    def asked(self) -> int:
        return sum(r.asked for r in self.rounds)

    @property
    def score_lines(self) -> tuple[ScoreLine, ...]:
        lines: list[ScoreLine] = []
        for round_ in self.rounds:
            if round_.pick is None:
                lines += [ScoreLine(round_, q) for q in round_.questions]
            else:
                lines += [ScoreLine(round_, None, n) for n in range(1, round_.asked + 1)]
        return tuple(lines)

    @property
    def competencies(self) -> tuple[str, ...]:
        """The competencies the plan covers, in the order first met: those its named
        questions count under and those its picks ask for."""
        found: list[str] = []
        for round_ in self.rounds:
            if round_.pick is None:
                found += [q.competency for q in round_.questions]
            elif round_.pick.competency and round_.asked:
                found.append(round_.pick.competency)
        return tuple(dict.fromkeys(found))

    @property
    def open_competencies(self) -> int:
        """Questions picked without a competency: theirs is known only on the day."""
        return sum(r.asked for r in self.rounds if r.pick is not None and not r.pick.competency)


def build_kit(plan: Plan, questions: Mapping[str, Question], levels: Sequence[str], *,
              level: str | None = None, outlines: bool = True) -> Kit:
    """The kit for `plan`, its bars at `level` (default: the plan's level; a
    pick that chooses at its own `level` shows the bars at that level).

    ValueError if `level` is not one of `levels`.
    """
    level = plan.level if level is None else level
    if level not in levels:
        raise ValueError(f"{level!r} is not one of: {', '.join(levels)}")
    around = _around(level, levels)
    rounds = []
    for index, round_ in enumerate(plan.rounds):
        candidates, filters = _round_questions(plan, round_, questions)
        asked = len(candidates) if round_.pick is None else min(round_.pick.count,
                                                                len(candidates))
        seconds = round_.minutes * 60 // asked if asked else 0
        own = round_.pick.level if round_.pick is not None else None
        bars = _around(own, levels) if own in levels and own is not None else around
        rounds.append(KitRound(
            index + 1, round_.title, round_.minutes, round_.notes,
            tuple(_question(q, filed_under(q, filters), seconds, bars, outlines)
                  for q in candidates),
            round_.pick))
    return Kit(plan, level, tuple(levels), tuple(rounds), outlines)


def _round_questions(plan: Plan, round_: Round, questions: Mapping[str, Question]
                     ) -> tuple[list[Question], SessionFilters]:
    """What a round may ask, as plan_questions chooses from it: its named questions
    (each once), or every question its pick accepts that no round names."""
    if round_.pick is None:
        return [questions[qid] for qid in dict.fromkeys(round_.questions)
                if qid in questions], SessionFilters()
    pick = round_.pick
    filters = SessionFilters(role=plan.role, level=pick.level or plan.level,
                             competencies=(pick.competency,) if pick.competency else (),
                             kinds=(pick.kind,) if pick.kind else ())
    named = {qid for other in plan.rounds for qid in other.questions}
    return [q for q in questions.values()
            if q.id not in named and askable(q, filters)], filters


def _around(level: str, levels: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(level, relation) for the level below `level`, `level`, and the one above."""
    index = list(levels).index(level)
    found = [(levels[index - 1], "below")] if index > 0 else []
    found.append((level, "at"))
    if index + 1 < len(levels):
        found.append((levels[index + 1], "above"))
    return tuple(found)


def _question(question: Question, competency: str, seconds: int,
              around: Sequence[tuple[str, str]], outlines: bool) -> KitQuestion:
    reference = question.exercise.reference if question.exercise and outlines else ""
    return KitQuestion(question, competency, seconds, blocks(question.prompt),
                       blocks(question.outline) if outlines else (), _bars(question, around),
                       reference)


def question_bars(question: Question, level: str, levels: Sequence[str]) -> tuple[Bar, ...]:
    """The bars a kit shows for `question` at `level`: the one at `level` (its text
    "" when none is written) and those written for the level below and above. A
    `level` not among `levels` gets its own bar alone."""
    return _bars(question, _around(level, levels) if level in levels else ((level, "at"),))


def _bars(question: Question, around: Sequence[tuple[str, str]]) -> tuple[Bar, ...]:
    by_level = question.rubric.by_level if question.rubric else {}
    bars = [Bar(lv, relation, by_level.get(lv, "")) for lv, relation in around
            if relation == "at" or lv in by_level]
    if question.rubric and question.rubric.below_bar:
        bars.append(Bar("", "short", question.rubric.below_bar))
    return tuple(bars)


def blocks(text: str) -> tuple[Block, ...]:
    """Bank text as paragraphs, by the rule the app shows it with (docs/formats.md,
    "Text is plain text"): blank lines separate paragraphs; hard-wrapped lines
    join; a paragraph that looks like code or a list (an indented line, a list
    marker, a closing bracket or comment at the start, an opening bracket at
    the end) is kept exactly as written."""
    found = []
    for paragraph in _PARAGRAPH_BREAK.split(text.strip("\n")):
        lines = [line.rstrip() for line in paragraph.splitlines()]
        if not any(line.strip() for line in lines):
            continue
        if any(_CODE_LIKE.search(line) for line in lines):
            found.append(Block("\n".join(lines), literal=True))
        else:
            found.append(Block(" ".join(line.strip() for line in lines)))
    return tuple(found)


# As interview.tui.text.reflow, which the reports may not import.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_CODE_LIKE = re.compile(r"^\s|^(?:[-*] |[})\]]|#|//)|[{(\[]\s*$")


def minutes_text(seconds: int) -> str:
    """`30 min`, or `22 min 30 s` when the share is not whole minutes."""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"
