"""Scorecards: what an interviewer records, committed as it is entered.

`ScorecardRepository` implements interview.practice.ports.ScorecardStore.
Each method is one use case owning its transaction; a scorecard's question
is written whole whenever anything on it changes (a tick, a hint, a grade),
notes are appended one by one, and a submitted scorecard never changes.
It enforces no reading rule: who may read whose scorecard is
interview.practice.interviewing.may_read, applied by the workspace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from interview.practice.domain import Grade, PlannedQuestion, ShownQuestion
from interview.practice.interviewing import (
    Closing,
    HintGiven,
    Note,
    QuestionScore,
    Recommendation,
    Scorecard,
    ScorecardStatus,
    ScorecardSummary,
)
from interview.store.errors import StoreError
from interview.store.models import (
    CandidateRow,
    CompetencyRatingRow,
    ProfileRow,
    QuestionVersionRow,
    ScorecardNoteRow,
    ScorecardRow,
    ScoredQuestionRow,
)
from interview.store.retry import retry_when_busy
from interview.store.versions import Versions


class ScorecardRepository:
    def __init__(self, reads: sessionmaker[OrmSession], writes: sessionmaker[OrmSession],
                 errors: Callable[[], AbstractContextManager[None]], versions: Versions,
                 busy_budget: float = 5.0,
                 read_errors: Callable[[], AbstractContextManager[None]] | None = None) -> None:
        self._reads, self._writes, self._errors, self._versions = reads, writes, errors, versions
        self._read_errors = read_errors or errors
        self.busy_budget = busy_budget

    # -- writes ---------------------------------------------------------------

    @retry_when_busy
    def start_scorecard(self, candidate: str, interviewer: str, plan: tuple[str, str],
                        target: tuple[str, str], items: Sequence[PlannedQuestion],
                        shown: Sequence[ShownQuestion], started_at: datetime,
                        self_graded: bool = False, profile: str | None = None) -> Scorecard:
        """Create the scorecard (and the candidate if new) with one open row
        per question. `plan` is (id, title), `target` (role, level);
        `profile` links a self-grading candidate to their practice profile."""
        with self._errors(), self._writes.begin() as orm:
            candidate_id = _candidate_id(orm, candidate, started_at, profile)
            versions = self._versions.record(orm, shown)
            row = ScorecardRow(
                candidate_id=candidate_id, interviewer=interviewer, plan_id=plan[0],
                plan_title=plan[1], role=target[0], level=target[1], self_graded=self_graded,
                status=ScorecardStatus.IN_PROGRESS.value, started_at=started_at,
                takeaways="", private_notes="")
            orm.add(row)
            orm.flush()
            for position, item in enumerate(items):
                score = QuestionScore(position, item)
                orm.add(ScoredQuestionRow(
                    scorecard_id=row.id, position=position,
                    question_version_id=versions[(item.question_id, item.content_hash)],
                    question_id=item.question_id, competency=item.competency,
                    item=item.to_dict(), **_question_values(score)))
            orm.flush()
            return _scorecard(orm, row, candidate)

    @retry_when_busy
    def save_question(self, scorecard_id: int, score: QuestionScore) -> None:
        with self._errors(), self._writes.begin() as orm:
            _open_row(orm, scorecard_id)
            row = orm.get(ScoredQuestionRow, (scorecard_id, score.position))
            if row is None:
                raise StoreError(f"scorecard {scorecard_id} has no question {score.position + 1}")
            for name, value in _question_values(score).items():
                setattr(row, name, value)

    @retry_when_busy
    def add_note(self, scorecard_id: int, note: Note) -> None:
        with self._errors(), self._writes.begin() as orm:
            _open_row(orm, scorecard_id)
            orm.add(ScorecardNoteRow(scorecard_id=scorecard_id, position=note.position,
                                     at_seconds=note.at_seconds, written_at=note.written_at,
                                     text=note.text))

    @retry_when_busy
    def save_closing(self, scorecard_id: int, closing: Closing) -> None:
        with self._errors(), self._writes.begin() as orm:
            _write_closing(orm, _open_row(orm, scorecard_id), closing)

    @retry_when_busy
    def submit_scorecard(self, scorecard_id: int, closing: Closing, at: datetime) -> None:
        """Write the closing form and submit, in one transaction."""
        with self._errors(), self._writes.begin() as orm:
            row = _open_row(orm, scorecard_id)
            _write_closing(orm, row, closing)
            row.status, row.submitted_at = ScorecardStatus.SUBMITTED.value, at

    @retry_when_busy
    def discard_scorecard(self, scorecard_id: int) -> None:
        """Delete an in-progress scorecard with everything on it."""
        with self._errors(), self._writes.begin() as orm:
            orm.delete(_open_row(orm, scorecard_id))

    # -- reads ----------------------------------------------------------------

    def scorecard(self, scorecard_id: int) -> Scorecard | None:
        with self._read_errors(), self._reads.begin() as orm:
            found = orm.execute(
                select(ScorecardRow, CandidateRow.name)
                .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
                .where(ScorecardRow.id == scorecard_id)).first()
            return _scorecard(orm, found[0], found[1]) if found else None

    def scorecards(self, candidate: str | None = None, interviewer: str | None = None,
                   status: ScorecardStatus | None = None) -> list[ScorecardSummary]:
        """Newest first."""
        graded = (select(ScoredQuestionRow.scorecard_id,
                         func.count(ScoredQuestionRow.grade).label("graded"),
                         func.count().label("questions"))
                  .group_by(ScoredQuestionRow.scorecard_id).subquery())
        query = (select(ScorecardRow, CandidateRow.name, graded.c.graded, graded.c.questions)
                 .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
                 .outerjoin(graded, graded.c.scorecard_id == ScorecardRow.id)
                 .order_by(ScorecardRow.started_at.desc(), ScorecardRow.id.desc()))
        if candidate is not None:
            query = query.where(CandidateRow.name == candidate)
        if interviewer is not None:
            query = query.where(ScorecardRow.interviewer == interviewer)
        if status is not None:
            query = query.where(ScorecardRow.status == status.value)
        with self._read_errors(), self._reads.begin() as orm:
            return [_summary(row, name, graded_count or 0, total or 0)
                    for row, name, graded_count, total in orm.execute(query)]

    def candidate_scorecards(self, candidate: str) -> list[Scorecard]:
        """Every scorecard of `candidate`, oldest first, whole."""
        with self._read_errors(), self._reads.begin() as orm:
            rows = orm.scalars(
                select(ScorecardRow).join(CandidateRow)
                .where(CandidateRow.name == candidate)
                .order_by(ScorecardRow.started_at, ScorecardRow.id))
            return [_scorecard(orm, row, candidate) for row in rows]

    def profile_scorecards(self, profile: str) -> list[Scorecard]:
        """The self-graded scorecards of candidates linked to `profile`, oldest first."""
        with self._read_errors(), self._reads.begin() as orm:
            rows = orm.execute(
                select(ScorecardRow, CandidateRow.name)
                .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
                .join(ProfileRow, ProfileRow.id == CandidateRow.profile_id)
                .where(ProfileRow.name == profile, ScorecardRow.self_graded.is_(True))
                .order_by(ScorecardRow.started_at, ScorecardRow.id))
            return [_scorecard(orm, row, name) for row, name in rows]

    def candidates(self) -> list[str]:
        with self._read_errors(), self._reads.begin() as orm:
            return list(orm.scalars(select(CandidateRow.name).order_by(CandidateRow.name)))

    def shown_questions(self, scorecard_id: int) -> dict[str, ShownQuestion]:
        """The questions exactly as the scorecard showed them, by id."""
        with self._read_errors(), self._reads.begin() as orm:
            rows = orm.scalars(
                select(QuestionVersionRow).join(
                    ScoredQuestionRow,
                    ScoredQuestionRow.question_version_id == QuestionVersionRow.id)
                .where(ScoredQuestionRow.scorecard_id == scorecard_id))
            return {row.question_id: ShownQuestion(row.question_id, row.content_hash,
                                                   row.title, dict(row.content))
                    for row in rows}


def _candidate_id(orm: OrmSession, name: str, now: datetime, profile: str | None) -> int:
    profile_id = None
    if profile is not None:
        profile_id = orm.scalar(select(ProfileRow.id).where(ProfileRow.name == profile))
        if profile_id is None:
            row = ProfileRow(name=profile, created_at=now)
            orm.add(row)
            orm.flush()
            profile_id = row.id
    found = orm.scalars(select(CandidateRow).where(CandidateRow.name == name)).first()
    if found is None:
        try:
            with orm.begin_nested():  # another interviewer may add the candidate at once
                found = CandidateRow(name=name, created_at=now, profile_id=profile_id)
                orm.add(found)
                orm.flush()
        except IntegrityError:
            found = orm.scalars(select(CandidateRow).where(CandidateRow.name == name)).one()
    if profile_id is not None and found.profile_id is None:
        found.profile_id = profile_id
    return found.id


def _open_row(orm: OrmSession, scorecard_id: int) -> ScorecardRow:
    row = orm.get(ScorecardRow, scorecard_id)
    if row is None:
        raise StoreError(f"no scorecard {scorecard_id}")
    if row.status != ScorecardStatus.IN_PROGRESS.value:
        raise StoreError(f"scorecard {scorecard_id} is submitted; it cannot change")
    return row


def _question_values(score: QuestionScore) -> dict[str, object]:
    return {
        "grade": int(score.grade) if score.grade is not None else None,
        "not_asked": score.not_asked,
        "self_grade": int(score.self_grade) if score.self_grade is not None else None,
        "signals": sorted(int(i) for i in score.signals),
        "red_flags": sorted(int(i) for i in score.red_flags),
        "hints": [[hint.index, float(hint.at_seconds)] for hint in score.hints],
        "seconds_used": float(score.seconds_used),
    }


def _write_closing(orm: OrmSession, row: ScorecardRow, closing: Closing) -> None:
    row.recommendation = closing.recommendation.value if closing.recommendation else None
    row.takeaways, row.private_notes = closing.takeaways, closing.private_notes
    orm.execute(delete(CompetencyRatingRow).where(CompetencyRatingRow.scorecard_id == row.id))
    for competency, rating in sorted(closing.ratings.items()):
        orm.add(CompetencyRatingRow(scorecard_id=row.id, competency=competency,
                                    rating=int(rating)))


def _scorecard(orm: OrmSession, row: ScorecardRow, candidate: str) -> Scorecard:
    questions = orm.scalars(select(ScoredQuestionRow)
                            .where(ScoredQuestionRow.scorecard_id == row.id)
                            .order_by(ScoredQuestionRow.position))
    notes = orm.scalars(select(ScorecardNoteRow)
                        .where(ScorecardNoteRow.scorecard_id == row.id)
                        .order_by(ScorecardNoteRow.id))
    ratings = orm.scalars(select(CompetencyRatingRow)
                          .where(CompetencyRatingRow.scorecard_id == row.id))
    closing = Closing(
        ratings={r.competency: Grade(r.rating) for r in ratings},
        recommendation=Recommendation(row.recommendation) if row.recommendation else None,
        takeaways=row.takeaways, private_notes=row.private_notes)
    return Scorecard(
        id=row.id, candidate=candidate, interviewer=row.interviewer, plan_id=row.plan_id,
        plan_title=row.plan_title, role=row.role, level=row.level, started_at=row.started_at,
        questions=tuple(_score(q) for q in questions), self_graded=row.self_graded,
        status=ScorecardStatus(row.status), submitted_at=row.submitted_at,
        notes=tuple(Note(n.position, n.at_seconds, n.written_at, n.text) for n in notes),
        closing=closing)


def _score(row: ScoredQuestionRow) -> QuestionScore:
    return QuestionScore(
        position=row.position, item=PlannedQuestion.from_dict(row.item),
        grade=Grade(row.grade) if row.grade is not None else None, not_asked=row.not_asked,
        signals=tuple(row.signals or ()), red_flags=tuple(row.red_flags or ()),
        hints=tuple(HintGiven(int(i), float(at)) for i, at in row.hints or ()),
        seconds_used=row.seconds_used,
        self_grade=Grade(row.self_grade) if row.self_grade is not None else None)


def _summary(row: ScorecardRow, candidate: str, graded: int, questions: int
             ) -> ScorecardSummary:
    return ScorecardSummary(
        id=row.id, candidate=candidate, interviewer=row.interviewer, plan_id=row.plan_id,
        plan_title=row.plan_title, status=ScorecardStatus(row.status),
        started_at=row.started_at, submitted_at=row.submitted_at,
        recommendation=Recommendation(row.recommendation) if row.recommendation else None,
        graded=graded, questions=questions)
