"""What a shareable report holds, gathered once from the store and the bank.

`gather` reads the store (sessions page by page, their answers many sessions
at a time, each question version as shown once, and the review states) and
returns a `ReportData`: plain, immutable values that the Markdown, HTML and
CSV writers only format.

The trends, readiness and calendar rules take `AnswerRecord`s. Those are
built here from the answers just read, exactly as `Store.answer_records`
builds them (the session's mode and target, the shown rubric's size), rather
than read a second time: with 10,000 answers the second read alone would
take a third of the report's one-second budget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from interview.coding.results import TestRun
from interview.practice.domain import (
    Answer,
    Grade,
    Mode,
    Outcome,
    ReviewState,
    Status,
)
from interview.reports.calendar import current_streak, heatmap_weeks, practice_days
from interview.reports.readiness import Readiness, last_target, readiness
from interview.reports.trends import CompetencyTrend, competency_trends
from interview.store.views import AnswerRecord, SessionSummary

if TYPE_CHECKING:
    from interview.bank.model import Question
    from interview.store.repository import Store

SESSION_PAGE = 500  # sessions per list_sessions call
HEATMAP_WEEKS = 26


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """One answer as the report shows it: the question as it was shown then."""

    position: int
    question_id: str
    title: str  # as shown; the bank's title, else the id, if the version is missing
    competency: str
    outcome: Outcome
    grade: Grade | None
    awaiting_grade: bool
    signals_hit: tuple[str, ...]  # the ticked rubric signals' texts
    signals_missed: tuple[str, ...]  # the rubric signals not ticked
    hints_used: int
    seconds_used: float
    time_limit_seconds: int
    answered_at: datetime  # UTC
    text: str | None  # None when the report leaves answers out
    tests: TestRun | None = None  # a coding answer's test run

    @property
    def over_time(self) -> bool:
        return self.seconds_used > self.time_limit_seconds

    @property
    def signals_total(self) -> int:
        return len(self.signals_hit) + len(self.signals_missed)


@dataclass(frozen=True, slots=True)
class SessionSection:
    """One session and its answers (those in the report's period)."""

    id: int
    mode: Mode
    status: Status
    role: str | None
    level: str | None
    description: str  # the plan, or what was asked for
    started_at: datetime
    finished_at: datetime | None
    planned: int
    answers: tuple[AnswerLine, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    profile: str
    since: date | None  # the --since day (local), None for all history
    first_answer: datetime | None
    last_answer: datetime | None
    sessions: int
    sessions_by_mode: tuple[tuple[Mode, int], ...]  # every mode, in Mode order
    answers: int
    graded: int
    average_grade: float | None
    streak: int  # days of practice in a row, ending today (or yesterday)


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """The grades of one competency over time, for its line chart."""

    competency: str
    points: tuple[tuple[datetime, int], ...]  # (answered at, grade), oldest first


@dataclass(frozen=True, slots=True)
class ReportData:
    generated_at: datetime  # UTC
    tz: tzinfo  # the zone local times and calendar days are shown in
    today: date  # in `tz`
    summary: Summary
    trends: tuple[CompetencyTrend, ...]  # weakest first
    readiness: Readiness | None
    readiness_note: str  # why there is no readiness section ("" when there is one)
    target_from_history: bool  # the target was the last one practised, not --role/--level
    series: tuple[ChartSeries, ...]  # competencies with at least 2 grades, as `trends`
    days: Mapping[date, int]  # answers per local day
    heatmap: tuple[tuple[int | None, ...], ...]  # weeks (Mon..Sun), oldest first
    sessions: tuple[SessionSection, ...]  # newest first
    include_answers: bool


def gather(store: Store, questions: Iterable[Question], profile: str, *,
           since: datetime | None, since_day: date | None = None,
           target: tuple[str, str] | None, now: datetime, tz: tzinfo,
           include_answers: bool = True) -> ReportData:
    """Everything the report shows for `profile`'s answers at or after `since`
    (`since_day` is the local day it stands for, as the report names it).

    `target` is the (role, level) for readiness; None takes the last one
    practised (`last_target`). `questions` is the bank: readiness counts the
    loop's questions, and a title missing from history falls back to it.
    """
    bank = {q.id: q for q in questions}
    reviews = store.review_states(profile)
    versions = _Versions(store, bank)
    sections: list[SessionSection] = []
    records: list[tuple[datetime, int, AnswerRecord]] = []
    for page in _pages(_sessions(store, profile, since), SESSION_PAGE):
        answers = store.answers_by_session([s.id for s in page])
        for summary in page:
            lines = []
            for answer in answers.get(summary.id, ()):
                if since is not None and answer.answered_at < since:
                    continue
                line = _line(answer, versions, include_answers)
                lines.append(line)
                records.append((answer.answered_at, answer.id or 0,
                                _record(answer, summary, line.signals_total)))
            if lines or since is None or summary.started_at >= since:
                sections.append(_section(summary, tuple(lines)))
    records.sort(key=lambda item: item[:2])  # as Store.answer_records: oldest first
    return _report(profile, since_day, [record for *_key, record in records], reviews,
                   bank.values(), sections, target, now, tz, include_answers)


def _report(profile: str, since_day: date | None, records: Sequence[AnswerRecord],
            reviews: Mapping[str, ReviewState], questions: Iterable[Question],
            sections: Sequence[SessionSection], target: tuple[str, str] | None,
            now: datetime, tz: tzinfo, include_answers: bool) -> ReportData:
    """The figures over the period's records (trends, readiness, calendar)."""
    today = now.astimezone(tz).date()
    days = practice_days(records, tz)
    trends = tuple(competency_trends(records, reviews, now))
    found_target = target or last_target(records)
    chosen = readiness(records, questions, *found_target) if found_target else None
    note = "" if chosen else (
        "No readiness: no target role and level was given (--role, --level) and no "
        "session in this period named both.")
    return ReportData(
        generated_at=now,
        tz=tz,
        today=today,
        summary=_summary(profile, since_day, records, sections, days, today),
        trends=trends,
        readiness=chosen,
        readiness_note=note,
        target_from_history=target is None and chosen is not None,
        series=_series(records, trends),
        days=days,
        heatmap=tuple(tuple(week) for week in heatmap_weeks(days, today, HEATMAP_WEEKS)),
        sessions=tuple(sections),
        include_answers=include_answers,
    )


def _sessions(store: Store, profile: str, since: datetime | None) -> list[SessionSummary]:
    """The profile's sessions that may have answers at or after `since`, newest
    first: every session, less (with `since`) those that had ended before it."""
    found: list[SessionSummary] = []
    offset = 0
    while True:
        page = store.list_sessions(profile, limit=SESSION_PAGE, offset=offset)
        found += [s for s in page if since is None or s.finished_at is None
                  or s.finished_at >= since]
        offset += len(page)
        if len(page) < SESSION_PAGE:
            return found


def _pages(items: Sequence[SessionSummary], size: int) -> Iterable[Sequence[SessionSummary]]:
    for first in range(0, len(items), size):
        yield items[first:first + size]


@dataclass(frozen=True, slots=True)
class _Version:
    """What the report needs of a question as it was shown."""

    title: str
    signals: tuple[str, ...]  # the rubric's signals, in order


class _Versions:
    """Each question version an answer was shown, looked up once: the bank's
    question when its content hash says it is that version (as resuming a
    session does), else the version history kept (`Store.shown_question`).
    Which signals were hit and missed is worked out once per set of ticks."""

    def __init__(self, store: Store, bank: Mapping[str, Question]) -> None:
        self._store = store
        self._bank = bank
        self._found: dict[tuple[str, str], _Version] = {}
        self._hashes: dict[str, str] = {}
        self._ticks: dict[tuple[str, str, tuple[int, ...]],
                          tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def version(self, answer: Answer) -> _Version:
        key = (answer.question_id, answer.question_hash)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._look_up(*key)
        return found

    def signals(self, answer: Answer) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(signals hit, signals missed) as texts."""
        key = (answer.question_id, answer.question_hash, answer.signals_hit)
        found = self._ticks.get(key)
        if found is None:
            signals = self.version(answer).signals
            hit = set(answer.signals_hit)
            found = self._ticks[key] = (
                tuple(signals[i] for i in sorted(hit) if 0 <= i < len(signals)),
                tuple(signal for i, signal in enumerate(signals) if i not in hit))
        return found

    def _look_up(self, question_id: str, content_hash: str) -> _Version:
        question = self._bank.get(question_id)
        if question is not None:
            current = self._hashes.get(question_id)
            if current is None:
                current = self._hashes[question_id] = question.content_hash()
            if current == content_hash:
                return _Version(question.title,
                                question.rubric.signals if question.rubric else ())
        shown = self._store.shown_question(question_id, content_hash)
        if shown is not None:
            return _Version(shown.title, _signal_texts(shown.content))
        return _Version(question.title if question else question_id, ())


def _line(answer: Answer, versions: _Versions, include_answers: bool) -> AnswerLine:
    hit, missed = versions.signals(answer)
    return AnswerLine(
        position=answer.position,
        question_id=answer.question_id,
        title=versions.version(answer).title,
        competency=answer.competency,
        outcome=answer.outcome,
        grade=answer.grade,
        awaiting_grade=answer.awaiting_grade,
        signals_hit=hit,
        signals_missed=missed,
        hints_used=answer.hints_used,
        seconds_used=answer.seconds_used,
        time_limit_seconds=answer.time_limit_seconds,
        answered_at=answer.answered_at,
        text=answer.text if include_answers else None,
        tests=TestRun.from_dict(answer.test_run) if answer.test_run else None,
    )


def _signal_texts(content: Mapping[str, Any] | None) -> tuple[str, ...]:
    rubric = content.get("rubric") if content else None
    signals = rubric.get("signals") if isinstance(rubric, Mapping) else None
    return tuple(str(s) for s in signals) if isinstance(signals, list) else ()


def _record(answer: Answer, session: SessionSummary, signals_total: int) -> AnswerRecord:
    """The answer as `Store.answer_records` reads it, from what the report has
    already read (one pass over the answers, not two)."""
    return AnswerRecord(
        session_id=answer.session_id, mode=session.mode, role=session.filters.role,
        level=session.filters.level, question_id=answer.question_id,
        competency=answer.competency, answered_at=answer.answered_at,
        outcome=answer.outcome, grade=answer.grade, seconds_used=answer.seconds_used,
        time_limit_seconds=answer.time_limit_seconds, hints_used=answer.hints_used,
        signals_hit=len(answer.signals_hit), signals_total=signals_total)


def _section(summary: SessionSummary, answers: tuple[AnswerLine, ...]) -> SessionSection:
    return SessionSection(
        id=summary.id, mode=summary.mode, status=summary.status, role=summary.filters.role,
        level=summary.filters.level, description=summary.description,
        started_at=summary.started_at, finished_at=summary.finished_at,
        planned=summary.planned, answers=answers)


def _summary(profile: str, since_day: date | None, records: Sequence[AnswerRecord],
             sections: Sequence[SessionSection], days: Mapping[date, int],
             today: date) -> Summary:
    grades = [int(r.grade) for r in records if r.grade is not None]
    by_mode = {mode: 0 for mode in Mode}
    for section in sections:
        by_mode[section.mode] += 1
    return Summary(
        profile=profile,
        since=since_day,
        first_answer=records[0].answered_at if records else None,
        last_answer=records[-1].answered_at if records else None,
        sessions=len(sections),
        sessions_by_mode=tuple(by_mode.items()),
        answers=len(records),
        graded=len(grades),
        average_grade=sum(grades) / len(grades) if grades else None,
        streak=current_streak(days, today),
    )


def _series(records: Sequence[AnswerRecord],
            trends: Sequence[CompetencyTrend]) -> tuple[ChartSeries, ...]:
    """Grades over time for each competency with at least two, in `trends` order."""
    points: dict[str, list[tuple[datetime, int]]] = {}
    for record in records:
        if record.grade is not None:
            points.setdefault(record.competency, []).append((record.answered_at,
                                                             int(record.grade)))
    return tuple(ChartSeries(t.competency, tuple(points[t.competency]))
                 for t in trends if len(points.get(t.competency, ())) >= 2)
