"""Bad input an audit found (reliability issue, items 5 and 6): each is one
plain line on stderr with exit 1, never a traceback, and never costs anything
already recorded.

a. numbers too large for SQL; b. a full disk during the backup before an
upgrade; c. a damaged database file; d. paths that are not what they seem
(a symbolic link loop, an empty bank, a missing plans directory, --out into
a missing directory); e. a read-only INTERVIEW_HOME.

Read-only homes are made with chmod, which does not stop root: those tests
skip when the directory is still writable after it. Their `_reported_`
twins make the home read as unwritable to interview (monkeypatching
interview.store.location.can_write, where every read-only decision is made)
and check what interview does with that decision.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.practice.domain import Grade
from interview.store import location, migrate
from interview.store.db import make_engine, resolve
from interview.store.revisions import head_revision, shipped_revisions
from tests.cliout import assert_clean_failure
from tests.store.builders import answer, opened, start

SECRET = "my confidential answer about the outage"
TOO_BIG = "99999999999999999999"


def run(*args: str | Path, database: Path | None = None) -> Result:
    options = ["--database", f"sqlite:///{database}"] if database is not None else []
    return CliRunner().invoke(cli, [*options, *map(str, args)])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed(path: Path) -> Path:
    """A database at head with one session of alice's, answered with SECRET."""
    with opened(f"sqlite:///{path}") as store:
        session = start(store)
        store.record_answer(answer(session, 0, Grade.YES, text=SECRET), None)
    return path


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    return seed(tmp_path / "interview.db")


# -- a. numbers too large for SQL ------------------------------------------------

@pytest.mark.parametrize("args", [
    ("history", "--offset", TOO_BIG),
    ("history", "--limit", TOO_BIG),
    ("history", "show", TOO_BIG),
    ("history", "--offset", "-1"),
    ("history", "show", "0"),
], ids=" ".join)
def test_a_number_sql_cannot_hold_is_refused_with_its_range(recorded: Path,
                                                            args: tuple[str, ...]) -> None:
    before = digest(recorded)
    result = run(*args, database=recorded)
    assert_clean_failure(result, "is not in the range", str(2**62))
    assert "OverflowError" not in result.output
    assert digest(recorded) == before


def test_the_largest_offset_and_limit_allowed_still_work(recorded: Path) -> None:
    result = run("history", "--offset", str(2**62), "--limit", str(2**62), database=recorded)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "no more sessions"


# -- b. a full disk during the backup before an upgrade ------------------------------

@pytest.fixture
def older(tmp_path: Path) -> Path:
    """A database one revision behind head, with a profile in it: opening it
    backs it up, then migrates it."""
    path = tmp_path / "interview.db"
    url = f"sqlite:///{path}"
    engine = make_engine(resolve(url))
    try:
        migrate.upgrade(engine, resolve(url), shipped_revisions()[-2])
        with engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO profiles (id, name, created_at) "
                                       "VALUES (1, 'alice', '2026-01-05 09:00:00')")
    finally:
        engine.dispose()
    return path


def fill_the_disk_for_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite file opened for a backup gets room for 2 pages: SQLite
    itself then fails the copy with SQLITE_FULL, "database or disk is full",
    after creating the file, just as on a full disk."""
    connect = sqlite3.connect

    def connect_with_a_full_disk(database: Any, *args: Any, **kwargs: Any) -> Any:
        connection = connect(database, *args, **kwargs)
        if ".backup-" in str(database):
            connection.execute("PRAGMA max_page_count = 2")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_with_a_full_disk)


def fail_renames_with_enospc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Putting the finished backup in place fails with the OS's ENOSPC."""
    replace = Path.replace

    def no_space(self: Path, target: Any) -> Path:
        if ".backup-" in str(target):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", no_space)


@pytest.mark.parametrize("full_disk", [fill_the_disk_for_backups, fail_renames_with_enospc],
                         ids=["sqlite-full", "enospc"])
def test_a_full_disk_during_the_backup_says_what_to_free_and_leaves_nothing_behind(
        older: Path, monkeypatch: pytest.MonkeyPatch,
        full_disk: Callable[[pytest.MonkeyPatch], None]) -> None:
    before = digest(older)
    full_disk(monkeypatch)
    result = run("history", database=older)
    megabytes = max(1, -(-older.stat().st_size // 1_000_000))
    assert_clean_failure(result, f"the disk holding {older} is full", "free some space",
                         f"about {megabytes} MB", "try again")
    assert digest(older) == before, "the refused upgrade changed the database"
    assert sorted(p.name for p in older.parent.iterdir()) == ["interview.db"], \
        "a partial backup was left behind"
    monkeypatch.undo()
    with closing(sqlite3.connect(older)) as check:  # at its old revision, its rows intact
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (shipped_revisions()[-2],)]
        assert check.execute("SELECT name FROM profiles").fetchall() == [("alice",)]


def test_a_successful_backup_keeps_only_the_complete_copy(older: Path) -> None:
    assert run("history", database=older).exit_code == 0
    backups = [p.name for p in older.parent.iterdir() if p.name != "interview.db"]
    assert len(backups) == 1 and backups[0].startswith(
        f"interview.db.backup-{shipped_revisions()[-2]}-"), backups
    copy = sqlite3.connect(older.parent / backups[0])
    try:
        assert copy.execute("SELECT name FROM profiles").fetchall() == [("alice",)]
    finally:
        copy.close()


# -- c. a damaged database file ---------------------------------------------------

def damage_a_page(path: Path) -> None:
    with path.open("r+b") as handle:  # the second page: a b-tree sqlite reads first
        handle.seek(4096)
        handle.write(b"\0" * 4096)


def damage_the_schema(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'profiles'",
                    (f"CREATE TABLE profiles ({SECRET}",))


def damage_a_row(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("UPDATE sessions SET started_at = ?", (SECRET,))


DAMAGED = [(damage, command)
           for damage in (damage_a_page, damage_the_schema)
           for command in (("history",), ("history", "show", "1"), ("stats", "--profile", "alice"))
           ] + [(damage_a_row, ("history",)),  # rows are decoded by the quick reader there
                (damage_a_row, ("history", "show", "1"))]  # and by the Store here


@pytest.mark.parametrize(("damage", "command"), DAMAGED,
                         ids=[f"{d.__name__}-{'-'.join(c)}" for d, c in DAMAGED])
def test_a_damaged_database_is_named_never_quoted_with_how_to_restore_the_last_backup(
        recorded: Path, damage: Callable[[Path], None], command: tuple[str, ...]) -> None:
    older_backup = recorded.with_name("interview.db.backup-0005-20260101T000000000000Z")
    last_backup = recorded.with_name("interview.db.backup-0006-20260301T000000000000Z")
    shutil.copy(recorded, older_backup)
    shutil.copy(recorded, last_backup)
    damage(recorded)
    result = run(*command, database=recorded)
    assert_clean_failure(result, f"not a valid database: {recorded}", "restore the last backup",
                         f"cp {last_backup} {recorded}")
    for words in (SECRET, "confidential", "cannot connect", "Invalid isoformat"):
        assert words not in result.stderr
    shutil.copy(last_backup, recorded)  # what the message says to do
    restored = run("history", "show", "1", database=recorded)
    assert restored.exit_code == 0 and SECRET in restored.stdout


def test_a_damaged_database_without_a_backup_says_there_is_none(recorded: Path) -> None:
    damage_a_page(recorded)
    assert_clean_failure(run("history", database=recorded),
                         f"not a valid database: {recorded}", "no backup of it was found")


# -- d. paths that are not what they seem -------------------------------------------

@pytest.fixture
def loop(tmp_path: Path) -> Path:
    first, second = tmp_path / "first", tmp_path / "second"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def test_a_symbolic_link_loop_as_the_bank_says_so(loop: Path) -> None:
    assert_clean_failure(run("--bank", loop, "bank", "list"),
                         f"the bank directory {loop} is a symbolic link loop")


def test_a_symbolic_link_loop_as_the_plans_says_so(loop: Path) -> None:
    assert_clean_failure(run("--plans", loop, "plan", "list"),
                         f"the plans directory {loop} is a symbolic link loop")


@pytest.mark.parametrize("command", ["bank", "plan"])
def test_checking_a_symbolic_link_loop_does_not_call_it_missing(loop: Path, command: str) -> None:
    result = run(command, "check", loop)
    assert result.exit_code == 1
    assert result.stdout == f"{loop}:1: -: -: this path is a symbolic link loop\n"
    assert "no such file" not in result.output and "Traceback" not in result.output


def test_practising_from_an_empty_bank_says_it_is_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bank"
    empty.mkdir()
    assert_clean_failure(run("--bank", empty, "practice"),
                         f"the bank at {empty} has no question files (*.yaml)")


def test_a_missing_plans_directory_is_an_error(tmp_path: Path) -> None:
    assert_clean_failure(run("--plans", tmp_path / "nowhere", "plan", "list"),
                         f"the plans directory {tmp_path / 'nowhere'} does not exist")


def test_plan_new_may_start_a_plans_directory_that_does_not_exist_yet(tmp_path: Path) -> None:
    from interview.cli.context import load_plans
    from interview.workspace import Workspace

    workspace = Workspace(plans_dir=tmp_path / "new-plans")
    assert load_plans(workspace, missing_ok=True).plans == []
    with pytest.raises(SystemExit):
        load_plans(workspace)


@pytest.mark.parametrize("args", [
    ("bank", "export", "--format", "csv"),
    ("report", "--format", "md"),
    ("kit", "software-engineer-senior-drill", "--format", "md"),
], ids=lambda args: args[0])
def test_out_into_a_missing_directory_is_refused_and_nothing_is_made(
        tmp_path: Path, args: tuple[str, ...]) -> None:
    target = tmp_path / "missing" / "dir" / "out.txt"
    result = run(*args, "--out", target)
    assert_clean_failure(result, f"cannot write {target}: the directory {target.parent} "
                                 "does not exist", "--parents")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("args", [
    ("report", "--format", "md"),
    ("kit", "software-engineer-senior-drill", "--format", "md"),
], ids=lambda args: args[0])
def test_out_with_parents_makes_the_missing_directories(tmp_path: Path,
                                                        args: tuple[str, ...]) -> None:
    target = tmp_path / "missing" / "dir" / "out.md"
    result = run(*args, "--out", target, "--parents")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_out_with_parents_through_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me")
    target = blocker / "dir" / "out.md"
    assert_clean_failure(run("report", "--format", "md", "--out", target, "--parents"),
                         f"{blocker} is not a directory")
    assert blocker.read_text() == "keep me"


# -- e. a read-only INTERVIEW_HOME ---------------------------------------------------

@pytest.fixture
def read_only_home(interview_home: Path) -> Iterator[Path]:
    """INTERVIEW_HOME with its database, then chmod 555; skipped where that
    does not stop this process writing (root)."""
    seed(interview_home / "interview.db")
    interview_home.chmod(0o555)
    try:
        if os.access(interview_home, os.W_OK):
            pytest.skip("chmod does not make a directory read-only for this user (root)")
        yield interview_home
    finally:
        interview_home.chmod(0o755)


@pytest.fixture
def empty_read_only_home(interview_home: Path) -> Iterator[Path]:
    interview_home.chmod(0o555)
    try:
        if os.access(interview_home, os.W_OK):
            pytest.skip("chmod does not make a directory read-only for this user (root)")
        yield interview_home
    finally:
        interview_home.chmod(0o755)


def reported_unwritable(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """interview is told the home and everything in it cannot be written."""
    real = location.can_write
    monkeypatch.setattr(location, "can_write",
                        lambda path: real(path) and path != home and home not in path.parents)


def database_files(home: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in home.iterdir() if p.name.startswith("interview.db")}


READS = [("history",), ("history", "show", "1"), ("due", "--profile", "alice"),
         ("stats", "--profile", "alice"), ("report", "--format", "csv", "--out", "-")]


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_the_read_commands_work_in_a_read_only_home(read_only_home: Path,
                                                    command: tuple[str, ...]) -> None:
    before = database_files(read_only_home)
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert database_files(read_only_home) == before


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_a_home_reported_unwritable_is_read_only_through_read_only_connections(
        interview_home: Path, monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, ...]) -> None:
    seed(interview_home / "interview.db")
    before = database_files(interview_home)
    reported_unwritable(interview_home, monkeypatch)
    opened_as: list[str] = []
    connect = sqlite3.connect

    def recording(database: Any, *args: Any, **kwargs: Any) -> Any:
        opened_as.append(str(database))
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", recording)
    result = run(*command)
    assert result.exit_code == 0, result.output
    ours = [name for name in opened_as if "interview.db" in name]
    assert ours and all("mode=ro" in name and "immutable=1" in name for name in ours), ours
    assert database_files(interview_home) == before


def test_writing_to_a_home_reported_unwritable_says_it_needs_a_writable_home(
        interview_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interview.store.errors import StoreError

    seed(interview_home / "interview.db")
    before = database_files(interview_home)
    reported_unwritable(interview_home, monkeypatch)
    with opened(None) as store:  # type: ignore[arg-type]  # the default: in INTERVIEW_HOME
        assert [s.id for s in store.list_sessions()] == [1]
        with pytest.raises(StoreError) as refused:
            start(store)
    message = str(refused.value)
    assert f"{interview_home} (INTERVIEW_HOME) cannot be written" in message
    assert "set INTERVIEW_HOME to a directory you can write" in message
    assert database_files(interview_home) == before


@pytest.mark.parametrize("command", ["practice", "run"])
def test_recording_commands_refuse_a_home_reported_unwritable_in_one_line(
        interview_home: Path, monkeypatch: pytest.MonkeyPatch, command: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    # practice and run check with require_writable before the app opens.
    from interview.cli.context import require_writable
    from interview.workspace import Workspace

    reported_unwritable(interview_home, monkeypatch)
    with pytest.raises(SystemExit) as exited:
        require_writable(Workspace(), command)
    assert exited.value.code == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line == (f"interview: error: {command} needs a writable home: {interview_home} "
                    "(INTERVIEW_HOME) cannot be written; make it writable, or set "
                    "INTERVIEW_HOME to a directory you can write")
    monkeypatch.undo()
    require_writable(Workspace(), command)  # a writable home: nothing to say


EMPTY_READS = [(("history",), "no sessions recorded yet"),
               (("due",), "nothing due for"),
               (("stats",), "no answers recorded for"),
               (("review",), "no sessions recorded yet"),
               (("report", "--format", "md", "--out", "-"), "| Sessions | 0 |")]


@pytest.mark.parametrize(("command", "says"), EMPTY_READS, ids=lambda v: " ".join(v)
                         if isinstance(v, tuple) else "")
def test_an_empty_read_only_home_has_no_history_yet(empty_read_only_home: Path,
                                                    command: tuple[str, ...], says: str) -> None:
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert says in result.stdout
    assert not (empty_read_only_home / "interview.db").exists()


@pytest.mark.parametrize(("command", "says"), EMPTY_READS, ids=lambda v: " ".join(v)
                         if isinstance(v, tuple) else "")
def test_an_empty_home_reported_unwritable_has_no_history_yet_and_stays_empty(
        interview_home: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...],
        says: str) -> None:
    reported_unwritable(interview_home, monkeypatch)
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert says in result.stdout
    assert database_files(interview_home) == {}


def test_showing_a_session_in_an_empty_home_reported_unwritable(
        interview_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reported_unwritable(interview_home, monkeypatch)
    assert_clean_failure(run("history", "show", "1"), "no session 1", "no sessions recorded yet")
    assert database_files(interview_home) == {}


def test_a_database_to_upgrade_in_a_home_reported_unwritable_is_left_as_it_is(
        interview_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = interview_home / "interview.db"
    url = f"sqlite:///{path}"
    engine = make_engine(resolve(url))
    try:
        migrate.upgrade(engine, resolve(url), shipped_revisions()[-2])
    finally:
        engine.dispose()
    before = database_files(interview_home)
    reported_unwritable(interview_home, monkeypatch)
    assert_clean_failure(run("history"), f"the database {path} must be upgraded",
                         f"{interview_home} (INTERVIEW_HOME) cannot be written")
    assert database_files(interview_home) == before
    assert head_revision() != shipped_revisions()[-2]
