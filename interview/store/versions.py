"""Question versions: the exact text each session or scorecard showed.

Shared by practice sessions and scorecards. Several processes may record
the same new version at once (a team's first interviews on PostgreSQL), so
each insert runs in a savepoint and a lost race reads the winner's row.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from interview.practice.domain import ShownQuestion
from interview.store.direct import DirectTransaction
from interview.store.errors import StoreError
from interview.store.models import QuestionVersionRow

VersionKey = tuple[str, str]  # (question id, content hash)


class Versions:
    """Finds and records question versions, remembering ids once committed
    elsewhere: a version row never changes."""

    def __init__(self) -> None:
        self._ids: dict[VersionKey, int] = {}

    def record(self, orm: OrmSession, shown: Sequence[ShownQuestion]) -> dict[VersionKey, int]:
        """The id of every version in `shown`, inserting those not yet stored."""
        wanted = {(v.question_id, v.content_hash): v for v in shown}
        found = {key: self._ids[key] for key in wanted if key in self._ids}
        missing = {key: v for key, v in wanted.items() if key not in found}
        if missing:
            found.update(self._stored(orm, missing))
        for key, version in missing.items():
            if key in found:
                continue
            try:
                with orm.begin_nested():
                    row = QuestionVersionRow(
                        question_id=version.question_id, content_hash=version.content_hash,
                        title=version.title, content=dict(version.content))
                    orm.add(row)
                    orm.flush()
                found[key] = row.id
            except IntegrityError:  # another process recorded it first: use theirs
                found.update(self._stored(orm, {key: version}))
        return found

    def remember(self, ids: dict[VersionKey, int]) -> None:
        """Keep ids `record` gave, once the transaction that recorded them committed."""
        self._ids.update(ids)

    def id_of(self, orm: OrmSession | DirectTransaction, question_id: str,
              content_hash: str) -> int:
        key = (question_id, content_hash)
        cached = self._ids.get(key)
        if cached is not None:
            return cached
        found = orm.scalar(select(QuestionVersionRow.id).where(
            QuestionVersionRow.question_id == question_id,
            QuestionVersionRow.content_hash == content_hash))
        if found is None:
            raise StoreError(f"question {question_id} (version {content_hash[:12]}) was never "
                             "recorded as shown; start_session records the versions it shows")
        self._ids[key] = found
        return found

    def _stored(self, orm: OrmSession, keys: dict[VersionKey, ShownQuestion]
                ) -> dict[VersionKey, int]:
        rows = orm.execute(
            select(QuestionVersionRow.id, QuestionVersionRow.question_id,
                   QuestionVersionRow.content_hash)
            .where(QuestionVersionRow.question_id.in_(sorted({k[0] for k in keys}))))
        stored = {(qid, chash): vid for vid, qid, chash in rows if (qid, chash) in keys}
        self._ids.update(stored)  # committed by someone: safe to remember
        return stored
