"""Bring a database to the schema this version of the app expects.

Runs the migrations shipped in interview/store/migrations with Alembic's
command API and a Config built here (no alembic.ini). Before an existing
SQLite database is migrated it is copied aside with sqlite3's backup API
(which includes whatever is still in the WAL). A database stamped with a
revision this app does not know was written by a newer version: it is
refused and left untouched.

The backup is written under a temporary name and renamed once complete, so
a failure (a full disk, say) leaves no partial backup that looks like a good
one. A database that cannot be written here (interview.store.db.Database.
read_only) is only ever read: one that needs migrating is refused, saying so.

Alembic is imported only when there is something to migrate: a database
already at head (every start but the first after an upgrade) is recognised
by reading its alembic_version row and comparing it with the revisions the
shipped scripts declare, which costs no Alembic import (~140 ms).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from interview.store.db import WRITE, Database
from interview.store.errors import (
    StoreError,
    disk_full,
    is_disk_full,
    not_valid_database,
    translate,
)
from interview.store.location import read_uri, wal_file, writable_home_advice
from interview.store.revisions import MIGRATIONS, head_revision, shipped_revisions

if TYPE_CHECKING:
    from alembic.config import Config

_PG_LOCK_KEY = 0x696E7476  # "intv": serialises concurrent first starts on PostgreSQL
# What a revision id can look like (Alembic's own are hex; ours are 0001...):
# anything else in alembic_version is damage, not a newer version.
_REVISION_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The database's revision (None for a new database), read with plain SQL."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def upgrade(engine: Engine, database: Database, target: str = "head") -> None:
    """Migrate to `target` (normally head) in one transaction holding the write lock.

    The common case, a database already at the target, only reads, so it
    works while another process is writing, and imports no Alembic.
    """
    wanted = head_revision() if target == "head" else target
    with engine.connect() as connection:
        current = current_revision(connection)
    check_known(current, database)
    if current == wanted:
        return
    if database.read_only and database.sqlite_path is not None:
        path = database.sqlite_path
        raise StoreError(f"the database {path} must be upgraded to this version of interview "
                         f"before use, which needs to write it: {writable_home_advice(path)}")
    from alembic import command

    connection = engine.connect().execution_options(**{WRITE: True})
    with connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        current = current_revision(connection)  # again, now that we hold the lock
        check_known(current, database)
        if current == wanted:
            return
        if database.sqlite_path is not None and _has_tables(connection):
            backup_sqlite(database.sqlite_path, current)
        command.upgrade(alembic_config(connection), target)


def check_known(revision: str | None, database: Database) -> None:
    if revision is None or revision in shipped_revisions():
        return
    if not _REVISION_ID.fullmatch(revision):
        path = database.sqlite_path
        if path is not None:
            raise not_valid_database(str(path))
        raise StoreError(f"the database at {database.display} has a damaged schema revision "
                         "(alembic_version); restore it from a backup")
    raise StoreError(
        f"the database at {database.display} was written by a newer version of interview "
        f"(schema revision {revision}; this version knows up to {head_revision()}); "
        "upgrade interview to open it"
    )


def refuse_newer_sqlite(database: Database, busy_timeout_ms: int) -> None:
    """Check an existing SQLite file's revision through a read-only connection,
    before the engine's connections (which switch on WAL) can touch it."""
    path = database.sqlite_path
    if path is None or not path.is_file():
        return
    try:
        peek = sqlite3.connect(read_uri(path), uri=True, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error:
        return  # the engine will report why it cannot be opened
    try:
        rows = peek.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            # We already waited the whole busy timeout; waiting again in the
            # engine would double it before saying the same thing.
            raise translate(exc, database.display, str(path)) from exc
        return  # not ours yet, or unreadable: the normal path decides
    except sqlite3.Error:
        return
    finally:
        peek.close()
    if rows:
        check_known(rows[0][0], database)


def _has_tables(connection: Connection) -> bool:
    return bool(inspect(connection).get_table_names())


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """Copy the database (WAL included) to `<db>.backup-<revision>-<UTC timestamp>`.

    The copy is made under a hidden temporary name and renamed when complete;
    on any failure it is removed, and the failure is a StoreError (a full disk
    says how much room the copy needs)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.backup-{revision or 'none'}-{stamp}")
    partial = target.with_name(f".{target.name}.partial")
    try:
        source = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        _remove_partial(partial)
        raise _backup_failure(exc, path) from exc
    except BaseException:
        _remove_partial(partial)
        raise
    return target


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, partial.with_name(f"{partial.name}-journal"), wal_file(partial),
                     partial.with_name(f"{partial.name}-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _backup_failure(exc: BaseException, path: Path) -> StoreError:
    if is_disk_full(exc):
        return disk_full(path)
    if isinstance(exc, sqlite3.Error):
        translated = translate(exc, f"sqlite:///{path}", str(path))
        if str(translated).startswith("not a valid database"):
            return translated
        reason = str(translated)
    else:
        reason = f"{path}: {exc.strerror if isinstance(exc, OSError) else exc}"
    return StoreError(f"the database was not upgraded, because backing it up first failed: "
                      f"{reason}")
