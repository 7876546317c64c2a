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
