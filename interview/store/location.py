"""Where the default database lives, without importing SQLAlchemy.

Shared by the engine setup (interview.store.db) and the stdlib reader
(interview.store.quickread), which must agree on the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from interview.config import home_dir

ENV_URL = "INTERVIEW_DATABASE_URL"
DEFAULT_FILE = "interview.db"
BUSY_TIMEOUT_MS = 5000
_SQLITE_FILE_URL = "sqlite:///"


def plain_sqlite_file(explicit: str | None = None) -> Path | None:
    """The SQLite file that `explicit` (else INTERVIEW_DATABASE_URL, else the
    default) names, when it is a plain one: `sqlite:///path` with no query or
    escapes. None for anything else (a server, options): let SQLAlchemy read it."""
    text = explicit or os.environ.get(ENV_URL)
    if not text:
        return home_dir() / DEFAULT_FILE
    if not text.startswith(_SQLITE_FILE_URL):
        return None
    name = text[len(_SQLITE_FILE_URL):]
    if not name or name == ":memory:" or any(mark in name for mark in "?%#"):
        return None
    return Path(name)


# -- read-only homes -------------------------------------------------------------
# SQLite writes beside the database (its -wal, -shm and journal files), so a
# file in a directory that cannot be written can only be read, even when the
# file itself could be. Read commands then open it read-only (read_uri); the
# commands that record say so before they start (unwritable_database).

def can_write(path: Path) -> bool:
    """Whether this process may write `path` (a file, or a directory's entries).
    The one place the read-only decisions below ask."""
    return os.access(path, os.W_OK | os.X_OK if path.is_dir() else os.W_OK)


def wal_file(path: Path) -> Path:
    return path.with_name(f"{path.name}-wal")


def read_only_here(path: Path) -> bool:
    """Whether this process can only read the SQLite file at `path`: the file,
    or the directory SQLite keeps its journal files in, cannot be written."""
    if not can_write(path.parent):
        return True
    return path.exists() and not can_write(path)


def creatable(path: Path) -> bool:
    """Whether a file could be made at `path`, directories and all: its
    nearest existing ancestor is a directory this process can write."""
    ancestor = _nearest_existing(path)
    return ancestor is not None and ancestor.is_dir() and can_write(ancestor)


def no_database_yet(path: Path | None) -> bool:
    """Whether the SQLite file `path` does not exist and cannot be made here
    for want of permission (a read-only INTERVIEW_HOME): there is no history
    to read, and none can be recorded until it can be. (A path through a
    file is not this: the store explains that.)"""
    if path is None or path.exists():
        return False
    ancestor = _nearest_existing(path)
    return ancestor is not None and ancestor.is_dir() and not can_write(ancestor)


def _nearest_existing(path: Path) -> Path | None:
    return next((ancestor for ancestor in path.parents if ancestor.exists()), None)


def read_uri(path: Path) -> str:
    """A sqlite3 URI (uri=True) that reads `path` and writes nothing: mode=ro;
    with immutable=1 as well when its directory cannot be written and it has
    no -wal file. SQLite cannot make a WAL database's shared memory there, and
    with no WAL there is nothing to read but the file, which no writer with
    our permissions can change (it would need a -wal or journal file beside it)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not can_write(path.parent) and not wal_file(path).exists():
        uri += "&immutable=1"
    return uri


def is_home_database(path: Path) -> bool:
    """Whether `path` is the default database in INTERVIEW_HOME (no URL given)."""
    return not os.environ.get(ENV_URL) and path == home_dir() / DEFAULT_FILE


def writable_home_advice(path: Path, *, home: bool | None = None) -> str:
    """What to do about the SQLite file `path` when it cannot be written here,
    naming the file or its directory; `home`: it is the default database in
    INTERVIEW_HOME (None: guess from the path)."""
    if home is None:
        home = is_home_database(path)
    elsewhere = ("set INTERVIEW_HOME to a directory you can write" if home
                 else "choose another --database")
    if can_write(path.parent):
        return f"{path} is read-only; make it writable, or {elsewhere}"
    where = (f"{path.parent} (INTERVIEW_HOME)" if home
             else f"{path.parent}, which holds {path.name},")
    return f"{where} cannot be written; make it writable, or {elsewhere}"


def unwritable_database(explicit: str | None = None) -> str | None:
    """Why nothing could be recorded in the database `explicit` names (else
    INTERVIEW_DATABASE_URL, else the default), as words to follow a command's
    name ("needs a writable home: ..."); None when it can be written, or when
    it is not a plain SQLite file (the store then says what is wrong)."""
    path = plain_sqlite_file(explicit)
    if path is None:
        return None
    home = not (explicit or os.environ.get(ENV_URL))
    if path.parent.is_dir():
        if not read_only_here(path):
            return None
        what = "a writable home" if home else "a writable database"
        return f"needs {what}: {writable_home_advice(path, home=home)}"
    if not home or creatable(path):
        return None  # made on first use, or the store says the directory is missing
    return (f"needs a writable home: {path.parent} (INTERVIEW_HOME) does not exist and cannot "
            "be created; set INTERVIEW_HOME to a directory you can write")
