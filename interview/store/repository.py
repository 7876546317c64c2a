"""`Store`: the SessionStore the engine writes through, and the history read side.

Every public method is one use case that owns its transaction and returns
domain objects (or read models) built before its SQLAlchemy session closes;
the answer-commit writes run below Core, on the DBAPI connection (writes.py).
Every database failure leaves as a StoreError with a one-line message.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session as OrmSession

from interview.practice.domain import (
    Answer,
    Draft,
    Mode,
    PlannedQuestion,
    ReviewState,
    Session,
    SessionFilters,
    ShownQuestion,
    Status,
)
from interview.store import convert, direct, history, writes
from interview.store.db import (
    Database,
    busy_timeout,
    make_engine,
    resolve,
    session_factories,
)
from interview.store.direct import DirectTransaction
from interview.store.errors import StoreError, not_valid_database, translate
from interview.store.models import (
    AnswerRow,
    DraftRow,
    ProfileRow,
    QuestionVersionRow,
    ReviewStateRow,
    SessionRow,
)
from interview.store.retry import retry_when_busy
from interview.store.scorecards import ScorecardRepository
from interview.store.versions import Versions
from interview.store.views import (
    AnswerRecord,
    CompetencyStats,
    DueQuestion,
    QuestionPractice,
    SessionQuery,
    SessionSummary,
)


def open_store(url: str | None = None, *, busy_timeout_ms: int | None = None,
               migrate: bool = True) -> Store:
    """Open (creating and migrating if needed) the database at `url`, else
    INTERVIEW_DATABASE_URL, else SQLite in the user data directory."""
    database = resolve(url)
    if migrate:
        from interview.store.migrate import refuse_newer_sqlite

        refuse_newer_sqlite(database, busy_timeout(database, busy_timeout_ms))
    engine = make_engine(database, busy_timeout_ms=busy_timeout_ms)
    store = Store(engine, database, busy_timeout(database, busy_timeout_ms) / 1000)
    try:
        if migrate:
            with store._errors():
                from interview.store.migrate import upgrade

                upgrade(engine, database)
    except BaseException:
        store.close()
        raise
    return store


class Store:
    """Implements interview.practice.ports.SessionStore over SQLAlchemy."""

    def __init__(self, engine: Engine, database: Database, busy_budget: float = 5.0) -> None:
        self._engine = engine
        self._database = database
        self.busy_budget = busy_budget  # seconds a write may wait on a busy database in all
        self._reads, self._writes = session_factories(engine)
        # Profiles, question versions and a session's profile never change once
        # committed, so their ids are remembered.
        self._profile_ids: dict[str, int] = {}
        self._versions = Versions()
        # Each competency's totals as this store last committed them, so the
        # next answer updates them without reading them (writes.add_to_totals).
        self._totals: dict[tuple[int, str], writes.Totals] = {}
        self.scorecards = ScorecardRepository(self._reads, self._writes, self._errors,
                                              self._versions, busy_budget, self._read_errors)
        self._session_profiles: dict[int, tuple[int, str]] = {}

    @classmethod
    def open(cls, url: str | None = None, *, busy_timeout_ms: int | None = None,
             migrate: bool = True) -> Store:
        """Same as `open_store`."""
        return open_store(url, busy_timeout_ms=busy_timeout_ms, migrate=migrate)

    @property
    def database(self) -> Database:
        return self._database

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the engine's port (interview.practice.ports.SessionStore) -----------

    @retry_when_busy
    def start_session(self, profile: str, mode: Mode, filters: SessionFilters,
                      items: Sequence[PlannedQuestion], shown: Sequence[ShownQuestion],
                      started_at: datetime) -> Session:
        # A profile or question version new to the database is inserted in a
        # savepoint, so processes starting their first sessions at once all succeed.
        with self._errors(), self._writes.begin() as orm:
            profile_id = self._profile_id(orm, profile, create=True, now=started_at)
            assert profile_id is not None
            version_ids = self._versions.record(orm, shown)
            row = SessionRow(
                profile_id=profile_id, mode=Mode(mode).value,
                status=Status.IN_PROGRESS.value, filters=filters.to_dict(),
                items=[item.to_dict() for item in items], started_at=started_at,
                role=filters.role, level=filters.level,
            )
            orm.add(row)
            orm.flush()
            session = convert.session(row, profile)
        # Committed: what the session's answers will look up is remembered.
        self._versions.remember(version_ids)
        self._session_profiles[session.id] = (profile_id, profile)
        return session

    @retry_when_busy
    def record_answer(self, answer: Answer, review: ReviewState | None,
                      finished_at: datetime | None = None) -> Answer:
        # The hot path: one transaction on one DBAPI connection (see
        # writes.py), committed before this returns.
        with self._errors(), direct.begin(self._engine) as connection:
            version_id = self._versions.id_of(connection, answer.question_id,
                                              answer.question_hash)
            profile_id, profile = self._session_profile(connection, answer.session_id)
            answer_id = writes.insert_answer(connection, answer, version_id)
            totals = None
            if not answer.awaiting_grade:  # totals count an answer once it is final
                totals = self._add_to_totals(connection, profile_id, answer)
            self._review_and_finish(connection, profile_id, profile, answer, review, finished_at)
            writes.delete_draft(connection, answer.session_id, answer.position)
        self._committed(profile_id, answer, totals)
        return replace(answer, id=answer_id, started_at=answer.started_at.astimezone(UTC),
                       answered_at=answer.answered_at.astimezone(UTC))

    @retry_when_busy
    def grade_answer(self, answer: Answer, review: ReviewState | None,
                     finished_at: datetime | None = None) -> Answer:
        if answer.grade is None:
            raise ValueError("grade_answer needs a grade")
        with self._errors(), direct.begin(self._engine) as connection:
            profile_id, profile = self._session_profile(connection, answer.session_id)
            answer_id = writes.grade_answer(connection, answer)
            if answer_id is None:
                raise StoreError(f"answer {answer.position + 1} of session {answer.session_id} "
                                 "is not awaiting a grade")
            totals = self._add_to_totals(connection, profile_id, answer)
            self._review_and_finish(connection, profile_id, profile, answer, review, finished_at)
        self._committed(profile_id, answer, totals)
        return replace(answer, id=answer_id, started_at=answer.started_at.astimezone(UTC),
                       answered_at=answer.answered_at.astimezone(UTC))

    @retry_when_busy
    def save_signals(self, session_id: int, position: int, signals: tuple[int, ...]) -> None:
        with self._errors(), direct.begin(self._engine) as connection:
            writes.save_signals(connection, session_id, position, signals)

    def _add_to_totals(self, connection: DirectTransaction, profile_id: int,
                       answer: Answer) -> writes.Totals:
        return writes.add_to_totals(connection, profile_id, answer,
                                    self._totals.get((profile_id, answer.competency)))

    def _committed(self, profile_id: int, answer: Answer, totals: writes.Totals | None) -> None:
        """Remember the totals a transaction wrote, once it has committed (a
        rolled-back one leaves the store's memory as the database is)."""
        if totals is not None:
            self._totals[profile_id, answer.competency] = totals

    def _review_and_finish(self, connection: DirectTransaction, profile_id: int, profile: str,
                           answer: Answer, review: ReviewState | None,
                           finished_at: datetime | None) -> None:
        if review is not None:
            if review.profile != profile:  # the engine reviews for the session's profile
                raise ValueError(f"review for {review.profile!r} in a session of {profile!r}")
            writes.put_review(connection, profile_id, review)
        if finished_at is not None:  # the last answer completes the session atomically
            self._finish(connection, answer.session_id, Status.COMPLETED, finished_at)

    @retry_when_busy
    def save_draft(self, draft: Draft) -> None:
        with self._errors(), direct.begin(self._engine) as connection:
            writes.upsert(connection, writes.DRAFTS,
                          {"session_id": draft.session_id, "position": draft.position},
                          {"text": draft.text, "saved_at": draft.saved_at,
                           "hints_shown": draft.hints_shown,
                           "seconds_used": draft.seconds_used})

    @retry_when_busy
    def finish_session(self, session_id: int, status: Status, finished_at: datetime) -> None:
        with self._errors(), direct.begin(self._engine) as connection:
            self._finish(connection, session_id, status, finished_at)

    def review_states(self, profile: str) -> dict[str, ReviewState]:
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            if profile_id is None:
                return {}
            rows = orm.scalars(select(ReviewStateRow)
                               .where(ReviewStateRow.profile_id == profile_id))
            return {row.question_id: convert.review_state(row, profile) for row in rows}

    # -- reads for the TUI and the CLI ---------------------------------------

    def get_session(self, session_id: int) -> Session | None:
        with self._read_errors(), self._reads.begin() as orm:
            found = orm.execute(
                select(SessionRow, ProfileRow.name)
                .join(ProfileRow, ProfileRow.id == SessionRow.profile_id)
                .where(SessionRow.id == session_id)
            ).first()
            return convert.session(found[0], found[1]) if found else None

    def in_progress_sessions(self, profile: str) -> list[Session]:
        """Sessions that can be resumed, newest first."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            rows = orm.scalars(
                select(SessionRow)
                .where(SessionRow.profile_id == profile_id,
                       SessionRow.status == Status.IN_PROGRESS.value)
                .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
            )
            return [convert.session(row, profile) for row in rows]

    def answers(self, session_id: int) -> list[Answer]:
        with self._read_errors(), self._reads.begin() as orm:
            rows = orm.execute(
                select(AnswerRow, QuestionVersionRow.content_hash)
                .join(QuestionVersionRow, QuestionVersionRow.id == AnswerRow.question_version_id)
                .where(AnswerRow.session_id == session_id)
                .order_by(AnswerRow.position)
            )
            return [convert.answer(row, content_hash) for row, content_hash in rows]

    def drafts(self, session_id: int) -> dict[int, Draft]:
        with self._read_errors(), self._reads.begin() as orm:
            rows = orm.scalars(select(DraftRow).where(DraftRow.session_id == session_id))
            return {row.position: convert.draft(row) for row in rows}

    def shown_question(self, question_id: str, content_hash: str) -> ShownQuestion | None:
        with self._read_errors(), self._reads.begin() as orm:
            row = orm.scalars(select(QuestionVersionRow).where(
                QuestionVersionRow.question_id == question_id,
                QuestionVersionRow.content_hash == content_hash)).first()
            return convert.shown_question(row) if row else None

    def profiles(self) -> list[str]:
        with self._read_errors(), self._reads.begin() as orm:
            return list(orm.scalars(select(ProfileRow.name).order_by(ProfileRow.name)))

    def list_sessions(self, profile: str | None = None, limit: int = 100,
                      offset: int = 0, status: Status | None = None,
                      where: SessionQuery | None = None) -> list[SessionSummary]:
        """Newest first; one page of the sessions `where` (and `status`) asks
        for, aggregating only their answers; time used includes the autosaved
        time of questions not yet answered."""
        query = _with_status(where, status)
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = None
            if profile is not None:
                profile_id = self._profile_id(orm, profile)
                if profile_id is None:
                    return []
            return history.list_sessions(orm, profile_id, limit, offset, query)

    def count_sessions(self, profile: str | None = None, where: SessionQuery | None = None,
                       cap: int | None = None) -> int:
        """How many sessions `list_sessions` pages through (at most `cap`)."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = None
            if profile is not None:
                profile_id = self._profile_id(orm, profile)
                if profile_id is None:
                    return 0
            return history.count_sessions(orm, profile_id, where or SessionQuery(), cap)

    def competency_stats(self, profile: str) -> list[CompetencyStats]:
        """Answers, average grade and trend per competency, weakest first."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            return [] if profile_id is None else history.competency_stats(orm, profile_id)

    def due_reviews(self, profile: str, now: datetime) -> list[ReviewState]:
        """Review states due at `now`, soonest first."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            return ([] if profile_id is None
                    else history.due_reviews(orm, profile_id, profile, now))

    def due_questions(self, profile: str, now: datetime) -> list[DueQuestion]:
        """`due_reviews` with each question's competency and title from history."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            return ([] if profile_id is None
                    else history.due_questions(orm, profile_id, profile, now))

    def answer_records(self, profile: str, since: datetime | None = None) -> list[AnswerRecord]:
        """Every answer of `profile` (since `since`), oldest first, with its
        session's mode and target and its rubric's size: what reports read."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            return [] if profile_id is None else history.answer_records(orm, profile_id, since)

    def question_practice(self, profile: str, question_id: str) -> QuestionPractice:
        """How often `profile` answered the question, and the latest grade."""
        with self._read_errors(), self._reads.begin() as orm:
            profile_id = self._profile_id(orm, profile)
            return (QuestionPractice(0, None, None) if profile_id is None
                    else history.question_practice(orm, profile_id, question_id))

    def answers_by_session(self, session_ids: Sequence[int]) -> dict[int, list[Answer]]:
        """`answers` of many sessions at once (every id asked for is a key, an
        unknown one with no answers): what an export of a whole history reads."""
        with self._read_errors(), self._reads.begin() as orm:
            return history.answers_by_session(orm, session_ids)

    @retry_when_busy
    def abandon_session(self, session_id: int, at: datetime | None = None) -> None:
        """Mark an in-progress session abandoned (idempotent); completed ones are kept."""
        with self._errors(), self._writes.begin() as orm:
            row = self._session_row(orm, session_id)
            if row.status == Status.COMPLETED.value:
                raise StoreError(f"session {session_id} is completed; it cannot be abandoned")
            if row.status == Status.IN_PROGRESS.value:
                row.status = Status.ABANDONED.value
                row.finished_at = at or datetime.now(UTC)

    # -- helpers --------------------------------------------------------------

    @contextmanager
    def _read_errors(self) -> Iterator[None]:
        """`_errors`, and a value stored rows cannot be read back as (a damaged
        date, an unknown mode) is a damaged database, never a row quoted."""
        with self._errors():
            try:
                yield
            except ValueError as exc:
                path = self._database.sqlite_path
                if path is not None:
                    raise not_valid_database(str(path)) from exc
                raise StoreError(f"the database at {self._database.display} holds a value "
                                 "this version cannot read; it may be damaged") from exc

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:  # the database failed; programming errors stay as they are
            path = self._database.sqlite_path
            raise translate(exc, self._database.display,
                            str(path) if path is not None else None) from exc

    def _profile_id(self, orm: OrmSession, name: str, *, create: bool = False,
                    now: datetime | None = None) -> int | None:
        cached = self._profile_ids.get(name)
        if cached is not None:
            return cached
        found = orm.scalar(select(ProfileRow.id).where(ProfileRow.name == name))
        if found is None:
            if not create:
                return None
            try:
                with orm.begin_nested():  # another process may add the profile at once
                    row = ProfileRow(name=name, created_at=now or datetime.now(UTC))
                    orm.add(row)
                    orm.flush()
                return row.id  # not remembered: this transaction may still roll back
            except IntegrityError:
                found = orm.scalar(select(ProfileRow.id).where(ProfileRow.name == name))
                if found is None:
                    raise
        self._profile_ids[name] = found
        return found

    def _session_profile(self, connection: DirectTransaction, session_id: int) -> tuple[int, str]:
        """(profile id, name) of a session; remembered, since it never changes."""
        cached = self._session_profiles.get(session_id)
        if cached is not None:
            return cached
        found = connection.execute(
            select(SessionRow.profile_id, ProfileRow.name)
            .join(ProfileRow, ProfileRow.id == SessionRow.profile_id)
            .where(SessionRow.id == session_id)).first()
        if found is None:
            raise StoreError(f"no session {session_id} in the database at "
                             f"{self._database.display}")
        self._session_profiles[session_id] = (found[0], found[1])
        return found[0], found[1]

    def _finish(self, connection: DirectTransaction, session_id: int, status: Status,
                finished_at: datetime) -> None:
        if not writes.finish_session(connection, session_id, Status(status).value, finished_at):
            raise StoreError(f"no session {session_id} in the database at "
                             f"{self._database.display}")

    def _session_row(self, orm: OrmSession, session_id: int) -> SessionRow:
        row = orm.get(SessionRow, session_id)
        if row is None:
            raise StoreError(f"no session {session_id} in the database at "
                             f"{self._database.display}")
        return row


def _with_status(where: SessionQuery | None, status: Status | None) -> SessionQuery:
    query = where or SessionQuery()
    return query if status is None else replace(query, status=status)
