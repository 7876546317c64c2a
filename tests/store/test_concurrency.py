"""Eight processes start and grade sessions at once on one new database,
SQLite and PostgreSQL alike: every process succeeds and every answer is kept.

Each child opens the new database (they migrate it among themselves), then,
all at once behind a barrier file, starts a session for the same new
profile with the same never-seen question versions, and records and grades
its answers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.builders import opened

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8
ANSWERS = 25

CHILD = """
import os, sys, time
from datetime import UTC, datetime, timedelta
from interview.practice.domain import Answer, Grade, Mode, Outcome, PlannedQuestion, SessionFilters
from interview.store.repository import open_store
from tests.store.builders import shown

url, go = sys.argv[1], sys.argv[2]
store = open_store(url)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
ids = [f"q{n}" for n in range({answers})]
items = [PlannedQuestion(qid, "networking", 600) for qid in ids]
now = datetime.now(UTC)
session = store.start_session("alice", Mode.PRACTICE, SessionFilters(), items,
                              [shown(qid) for qid in ids], now)
for position, qid in enumerate(ids):
    at = now + timedelta(seconds=position)
    answer = Answer(session.id, position, qid, shown(qid).content_hash, "networking",
                    at, at, 60.0, 600, "an answer", Outcome.GRADED, None, (), 0)
    store.record_answer(answer, None)
    store.grade_answer(Answer(session.id, position, qid, shown(qid).content_hash,
                              "networking", at, at, 60.0, 600, "an answer", Outcome.GRADED,
                              Grade.YES, (0,), 0), None)
print(session.id, flush=True)
store.close()
""".replace("{answers}", str(ANSWERS))


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_processes_starting_and_grading_at_once_lose_nothing(database_url: str,
                                                                    tmp_path: Path) -> None:
    go = tmp_path / "go"
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, database_url, str(go)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=environment, cwd=ROOT) for _ in range(PROCESSES)]
    for child in children:  # all have opened (and one has migrated) the new database
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
    go.touch()  # then they start their first sessions together
    results = [(child.wait(timeout=180), *child.communicate()) for child in children]
    failures = [(code, err) for code, _, err in results if code != 0]
    assert failures == []
    session_ids = sorted(int(out) for _, out, _ in results)
    assert len(set(session_ids)) == PROCESSES
    with opened(database_url) as store:
        answers = store.answers_by_session(session_ids)
        assert sum(len(found) for found in answers.values()) == PROCESSES * ANSWERS
        assert all(a.grade is not None for found in answers.values() for a in found)
        (totals,) = store.competency_stats("alice")
        assert totals.answers == PROCESSES * ANSWERS
