"""Calibration: how well grades agree, across raters and across time.

Three questions, each answered from scorecards alone (docs/calibration.md
says the same in prose, with worked examples):

* Self-calibration: in a self-graded loop the candidate grades each answer
  too. Mean gap = self minus interviewer (positive = the candidate is more
  lenient with themselves); agreement is Cohen's kappa with quadratic
  weights, so a 1-point miss costs far less than a 3-point one.
* Interviewer severity: on questions that two or more interviewers graded
  for the same candidate, how far each one sits from the mean of the
  others (leave-one-out, so nobody is compared with themselves).
* Question disagreement: how often a panel's grades on one question are
  `SPLIT` or more points apart, a hint that its rubric reads differently
  to different people.

`interviewer_graded` turns a rehearsal's interviewer grades into answer
records, so readiness can count them.

Severity and disagreement use submitted scorecards only. Self-grade pairs
are taken from every card whatever its status; a caller that wants
submitted rehearsals only filters the cards first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from interview.practice.domain import Mode, Outcome
from interview.practice.interviewing import Scorecard
from interview.store.views import AnswerRecord

SPLIT = 2  # grades this many points apart on one question are a split panel
ALL = "all"  # the competency name of the every-pair calibration row


def weighted_kappa(pairs: Sequence[tuple[int, int]],
                   categories: Sequence[int] = (1, 2, 3, 4)) -> float | None:
    """Cohen's kappa with quadratic weights over the ordered `categories`.

    kappa = 1 - sum(d * observed) / sum(d * expected), where d = (i - j)^2
    for category positions i and j, observed is the share of pairs in each
    cell and expected the product of the two raters' marginal shares. None
    when undefined: no pairs, or no disagreement is expected (both raters
    always give the same single category).
    """
    index = {category: position for position, category in enumerate(categories)}
    if len(index) != len(categories):
        raise ValueError(f"categories repeat: {tuple(categories)}")
    for pair in pairs:
        for value in pair:
            if value not in index:
                raise ValueError(f"grade {value} is not one of {tuple(categories)}")
    if not pairs:
        return None
    k = len(categories)
    first = [0] * k
    second = [0] * k
    observed = 0
    for a, b in pairs:
        first[index[a]] += 1
        second[index[b]] += 1
        observed += (index[a] - index[b]) ** 2
    # Counts, not shares, so the sums stay exact integers: scaling both
    # terms by n^2 leaves their ratio unchanged.
    expected = sum(first[i] * second[j] * (i - j) ** 2 for i in range(k) for j in range(k))
    if expected == 0:
        return None
    return 1 - observed * len(pairs) / expected


def mean_gap(pairs: Sequence[tuple[int, int]]) -> float | None:
    """Mean of first minus second; None with no pairs."""
    if not pairs:
        return None
    return sum(a - b for a, b in pairs) / len(pairs)


@dataclass(frozen=True, slots=True)
class GradePair:
    """One question graded by both the candidate and the interviewer."""

    competency: str
    at: datetime  # when the scorecard's interview started
    self_grade: int
    interviewer_grade: int
    scorecard_id: int


def self_grade_pairs(cards: Sequence[Scorecard]) -> list[GradePair]:
    """Every question with both grades, on any card whatever its status,
    ordered by interview start, then scorecard id, then position."""
    found = [
        (card.started_at, card.id, q.position,
         GradePair(q.competency, card.started_at, int(q.self_grade), int(q.grade), card.id))
        for card in cards for q in card.questions
        if q.self_grade is not None and q.grade is not None
    ]
    found.sort(key=lambda row: row[:3])
    return [pair for *_, pair in found]


@dataclass(frozen=True, slots=True)
class CompetencyCalibration:
    """How a candidate's own grades compare with the interviewer's in one competency."""

    competency: str  # or ALL for every pair
    pairs: int
    mean_gap: float | None  # self minus interviewer: positive = lenient with oneself
    kappa: float | None  # quadratic-weighted, self against interviewer
    trend: tuple[float, ...]  # mean gap per scorecard, oldest first


def self_calibration(pairs: Sequence[GradePair]) -> list[CompetencyCalibration]:
    """ALL first, then one entry per competency by name; empty without pairs."""
    if not pairs:
        return []
    by_competency: dict[str, list[GradePair]] = {}
    for pair in pairs:
        by_competency.setdefault(pair.competency, []).append(pair)
    return [_calibration(ALL, pairs)] + [
        _calibration(name, by_competency[name]) for name in sorted(by_competency)]


def _calibration(competency: str, pairs: Sequence[GradePair]) -> CompetencyCalibration:
    grades = [(p.self_grade, p.interviewer_grade) for p in pairs]
    by_card: dict[tuple[datetime, int], list[tuple[int, int]]] = {}
    for p, grade in zip(pairs, grades, strict=True):
        by_card.setdefault((p.at, p.scorecard_id), []).append(grade)
    trend = tuple(gap for key in sorted(by_card) if (gap := mean_gap(by_card[key])) is not None)
    return CompetencyCalibration(competency, len(pairs), mean_gap(grades),
                                 weighted_kappa(grades), trend)


@dataclass(frozen=True, slots=True)
class InterviewerSeverity:
    """How an interviewer grades next to the rest of their panels."""

    interviewer: str
    items: int  # shared (candidate, question) items that count
    candidates: int  # distinct candidates among them
    severity: float  # mean of own grade minus the others' mean: negative = harsher


def interviewer_severity(cards: Sequence[Scorecard]) -> list[InterviewerSeverity]:
    """Leave-one-out severity over submitted cards, harshest first, ties by
    name; interviewers who never shared a graded question are left out."""
    deviations: dict[str, list[float]] = {}
    candidates: dict[str, set[str]] = {}
    for (candidate, _), grades in _panels(cards).items():
        if len(grades) < 2:
            continue
        total = sum(grades.values())
        for interviewer, grade in grades.items():
            others = (total - grade) / (len(grades) - 1)
            deviations.setdefault(interviewer, []).append(grade - others)
            candidates.setdefault(interviewer, set()).add(candidate)
    found = [InterviewerSeverity(name, len(devs), len(candidates[name]), sum(devs) / len(devs))
             for name, devs in deviations.items()]
    return sorted(found, key=lambda s: (s.severity, s.interviewer))


@dataclass(frozen=True, slots=True)
class QuestionDisagreement:
    """How often panels that graded one question split on it."""

    question_id: str
    panels: int  # candidates whose question two or more interviewers graded
    split: int  # those panels whose grades were SPLIT or more points apart

    @property
    def rate(self) -> float:
        return self.split / self.panels


def question_disagreement(cards: Sequence[Scorecard]) -> list[QuestionDisagreement]:
    """Per question over submitted cards: highest split rate first, then
    more splits, then id. Questions no panel shared are left out."""
    panels: dict[str, int] = {}
    splits: dict[str, int] = {}
    for (_, question_id), grades in _panels(cards).items():
        if len(grades) < 2:
            continue
        panels[question_id] = panels.get(question_id, 0) + 1
        split = max(grades.values()) - min(grades.values()) >= SPLIT
        splits[question_id] = splits.get(question_id, 0) + int(split)
    found = [QuestionDisagreement(qid, count, splits[qid]) for qid, count in panels.items()]
    return sorted(found, key=lambda d: (-d.rate, -d.split, d.question_id))


def _panels(cards: Sequence[Scorecard]) -> dict[tuple[str, str], dict[str, int]]:
    """(candidate, question id) -> interviewer -> grade, from submitted cards.

    Cards are read oldest first by start (then id) and later grades replace
    earlier ones, so an interviewer who graded the same question for the
    same candidate twice counts once, with their latest card.
    """
    panels: dict[tuple[str, str], dict[str, int]] = {}
    for card in sorted((c for c in cards if c.submitted), key=lambda c: (c.started_at, c.id)):
        for q in sorted(card.questions, key=lambda q: q.position):
            if q.grade is not None:
                panel = panels.setdefault((card.candidate, q.question_id), {})
                panel[card.interviewer] = int(q.grade)
    return panels


def interviewer_graded(cards: Sequence[Scorecard], signals_total: Callable[[str], int]
                       ) -> list[AnswerRecord]:
    """The questions of `cards` an interviewer graded, as answer records with
    the interviewer's grade (readiness trusts it over a self-grade where both
    exist), oldest first. `signals_total` gives a question's rubric size (0
    when unknown). A question's time is its card's start: scorecards keep no
    per-question clock time."""
    records = [
        AnswerRecord(
            session_id=card.id, mode=Mode.INTERVIEWER, role=card.role, level=card.level,
            question_id=score.question_id, competency=score.competency,
            answered_at=card.started_at, outcome=Outcome.GRADED, grade=score.grade,
            seconds_used=score.seconds_used, time_limit_seconds=score.item.seconds,
            hints_used=len(score.hints), signals_hit=len(score.signals),
            signals_total=signals_total(score.question_id))
        for card in cards for score in card.questions if score.grade is not None]
    return sorted(records, key=lambda r: (r.answered_at, r.session_id))


def calibration_sentence(calibration: CompetencyCalibration) -> str:
    """One line a candidate can read: "+0.50 (you grade yourself higher);
    agreement (weighted kappa) 0.41; 12 answers; by interview +1.00, +0.00"."""
    gap = calibration.mean_gap
    if gap is None:
        return "no answers graded by both yet"
    leaning = ("you grade yourself higher" if gap > 0 else
               "you grade yourself lower" if gap < 0 else "no lean either way")
    kappa = calibration.kappa
    agreement = f"{kappa:.2f}" if kappa is not None else "not defined (one grade throughout)"
    trend = ", ".join(f"{g:+.2f}" for g in calibration.trend[-5:])
    return (f"{gap:+.2f} ({leaning}); agreement (weighted kappa) {agreement}; "
            f"{calibration.pairs} answer(s); by interview {trend}")
