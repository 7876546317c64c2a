"""Which database, and engines configured for it.

Nothing here runs at import time: engines are made by `make_engine`, called
when a store is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from interview.config import home_dir
from interview.store.errors import StoreError, driver_missing
from interview.store.location import (
    BUSY_TIMEOUT_MS,
    DEFAULT_FILE,
    ENV_URL,
    read_only_here,
    read_uri,
    writable_home_advice,
)

WRITE = "interview_write"  # execution option: this connection will write


@dataclass(frozen=True, slots=True)
class Database:
    """A resolved database: its URL and how to name it in messages.

    `read_only`: a SQLite file this process cannot write (it, or the directory
    holding it, is read-only): its engine opens it read-only, so history can
    still be read, and anything that would write says why it cannot.
    """

    url: URL
    read_only: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display(self) -> str:
        """The URL with its password hidden, for messages."""
        return self.url.render_as_string(hide_password=True)

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, or None for a server or an in-memory database."""
        name = self.url.database
        if not self.is_sqlite or not name or name == ":memory:" or name.startswith("file:"):
            return None
        return Path(name)


def resolve(explicit: str | None = None) -> Database:
    """`--database`, else INTERVIEW_DATABASE_URL, else SQLite in the user data directory."""
    text = explicit or os.environ.get(ENV_URL)
    if not text:
        directory = home_dir()
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot use {directory} as the data directory (INTERVIEW_HOME): "
                             f"{exc.strerror}") from exc
        return _sqlite_file(Database(URL.create("sqlite", database=str(directory / DEFAULT_FILE))),
                            home=True)
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {text!r} (expected e.g. sqlite:///path/to.db "
                         "or postgresql+psycopg://user@host/dbname)") from exc
    database = Database(url)
    if database.is_sqlite and (url.database or ":memory:") == ":memory:":
        # Each thread would get its own empty database, and the app works in threads.
        raise StoreError("an in-memory SQLite database cannot hold your history; give a "
                         "file, e.g. sqlite:///path/to/interview.db")
    path = database.sqlite_path
    if path is not None and not path.parent.exists():
        raise StoreError(f"cannot open the database at {path}: the directory "
                         f"{path.parent} does not exist")
    return _sqlite_file(database, home=False)


def _sqlite_file(database: Database, *, home: bool) -> Database:
    """`database`, marked read-only when it is a SQLite file this process can
    only read; StoreError when it does not exist and cannot be made."""
    path = database.sqlite_path
    if path is None or not read_only_here(path):
        return database
    if not path.exists():  # and its directory cannot be written
        raise StoreError(f"there is no database at {path} yet, and none can be made: "
                         f"{writable_home_advice(path, home=home)}")
    return Database(database.url, read_only=True)


def make_engine(database: Database, *, busy_timeout_ms: int | None = None) -> Engine:
    """An engine for the database; SQLite connections get WAL, synchronous=FULL,
    foreign keys and a busy timeout, and explicit BEGIN (IMMEDIATE for writers)."""
    from sqlalchemy import create_engine

    kwargs: dict[str, Any] = {} if database.is_sqlite else {"pool_pre_ping": True}
    timeout_ms = busy_timeout(database, busy_timeout_ms) if database.is_sqlite else 0
    if database.read_only and database.sqlite_path is not None:
        kwargs["creator"] = _read_only_connector(database.sqlite_path, timeout_ms)
    try:
        engine = create_engine(database.url, **kwargs)
    except NoSuchModuleError as exc:
        raise StoreError(f"unsupported database URL {database.display}: {exc}") from exc
    except ModuleNotFoundError as exc:
        raise driver_missing(database.display, exc.name or str(exc)) from exc
    if database.is_sqlite:
        _configure_sqlite(engine, timeout_ms, read_only=database.read_only)
    return engine


def _read_only_connector(path: Path, timeout_ms: int) -> Any:
    """Connections that read `path` and write nothing, not even beside it
    (interview.store.location.read_uri)."""
    import sqlite3

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(read_uri(path), uri=True, timeout=timeout_ms / 1000,
                               check_same_thread=False)  # SQLAlchemy's pool hands them out

    return connect


def busy_timeout(database: Database, explicit_ms: int | None = None) -> int:
    """How long (ms) SQLite waits for another process's lock: `explicit_ms`, else
    sqlite3's own `?timeout=SECONDS` in the URL, else BUSY_TIMEOUT_MS."""
    if explicit_ms is not None:
        return explicit_ms
    timeout = database.url.query.get("timeout")
    return int(float(str(timeout)) * 1000) if timeout is not None else BUSY_TIMEOUT_MS


def _configure_sqlite(engine: Engine, busy_timeout_ms: int, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module (it would not
        # BEGIN before SELECTs or DDL); SQLAlchemy's "begin" event does it below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if not read_only:  # switching to WAL writes; a reader keeps the file's mode
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the write lock up front, so it waits for the busy
        # timeout instead of failing when it upgrades a read snapshot.
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def session_factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """(readers, writers): writers begin with the write lock on SQLite."""
    readers = sessionmaker(engine, expire_on_commit=False)
    writers = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)
    return readers, writers
