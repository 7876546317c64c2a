"""Storage failures as one line a user can act on.

Import-light on purpose: the CLI imports StoreError without SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path


class StoreError(Exception):
    """A storage failure with a one-line, user-facing message."""


def driver_missing(url: str, module: str) -> StoreError:
    if "psycopg" in module or url.startswith("postgres"):
        return StoreError(
            f"the database at {url} needs the PostgreSQL driver (psycopg), which is not "
            "installed; install interview[postgres]"
        )
    return StoreError(f"the database at {url} needs the Python module {module!r}, "
                      "which is not installed")


def translate(exc: BaseException, url: str, sqlite_path: str | None) -> StoreError:
    """Turn a driver or SQLAlchemy error into a StoreError naming the database.

    `url` must already have its password hidden. The driver's own words are
    kept only where they cannot hold the database's content: a damaged file
    is named, never quoted.
    """
    if isinstance(exc, StoreError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    reason = _first_line(orig)
    lowered = reason.lower()
    if isinstance(exc, ModuleNotFoundError):
        return driver_missing(url, exc.name or reason)
    if sqlite_path is not None or url.startswith("sqlite"):
        return _sqlite_error(orig, reason, sqlite_path or url)
    kind = type(exc).__name__
    if kind in {"OperationalError", "InterfaceError"} and _is_connect_failure(orig, lowered):
        return StoreError(f"cannot connect to the database at {url}: {reason}")
    if kind == "IntegrityError":
        return StoreError(f"the database at {url} refused the change: {reason}")
    return StoreError(f"database error at {url}: {reason}")


def _sqlite_error(orig: BaseException, reason: str, path: str) -> StoreError:
    """A SQLite file is not a server: nothing here is a failure to connect."""
    from interview.store.location import creatable, read_only_here, writable_home_advice

    code = str(getattr(orig, "sqlite_errorname", ""))
    lowered = reason.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return StoreError(f"the database {path} is locked by another process; "
                          "close it and try again")
    if (code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or any(mark in lowered for mark in ("not a database", "malformed", "encrypted"))):
        return not_valid_database(path)
    if is_disk_full(orig):
        return disk_full(Path(path))
    file = Path(path)
    if code.startswith("SQLITE_READONLY") or "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"cannot write to the database {path}: {writable_home_advice(file)}")
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in lowered:
        if read_only_here(file) or not (file.exists() or creatable(file)):
            return StoreError(f"cannot open the database at {path}: "
                              f"{writable_home_advice(file)}")
        return StoreError(f"cannot open the database at {path}: {reason}")
    if type(orig).__name__ == "IntegrityError":
        return StoreError(f"the database {path} refused the change: {reason}")
    return StoreError(f"database error at {path}: {reason}")


def not_valid_database(path: str) -> StoreError:
    """A damaged or foreign file where the database should be, and how to get
    the last backup back (migrate.backup_sqlite names them)."""
    file = Path(path)
    # A -wal left beside it would be replayed into whatever is put in its place.
    journals = [j.name for j in (file.with_name(f"{file.name}-wal"),
                                 file.with_name(f"{file.name}-shm")) if j.exists()]
    also = f", with {' and '.join(journals)}" if journals else ""
    backup = latest_backup(file)
    if backup is None:
        restore = (f"no backup of it was found ({file.name}.backup-*, made before each "
                   f"upgrade); move it aside{also} to start a new history")
    else:
        restore = (f"to restore the last backup, move it aside{also} (mv {path} "
                   f"{path}.damaged) and copy the backup in its place (cp {backup} {path})")
    return StoreError(f"not a valid database: {path}; {restore}")


def latest_backup(path: Path) -> Path | None:
    """The newest `<db>.backup-<revision>-<UTC timestamp>` beside `path`."""
    try:
        found = list(path.parent.glob(f"{_glob_escape(path.name)}.backup-*"))
    except OSError:
        return None
    complete = [p for p in found if p.is_file() and p.stat().st_size > 0]
    return max(complete, key=lambda p: p.name.rsplit("-", 1)[-1], default=None)


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL), or ENOSPC from the OS."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    code = str(getattr(exc, "sqlite_errorname", ""))
    return code.startswith("SQLITE_FULL") or "disk is full" in str(exc).lower()


def disk_full(path: Path) -> StoreError:
    """The disk holding the database is full: say how much room it needs."""
    size = 0
    for file in (path, path.with_name(f"{path.name}-wal")):
        with contextlib.suppress(OSError):
            size += file.stat().st_size
    megabytes = max(1, -(-size // 1_000_000))
    return StoreError(f"the disk holding {path} is full: free some space (the database needs "
                      f"about {megabytes} MB) and try again")


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _is_connect_failure(orig: BaseException, lowered: str) -> bool:
    markers = ("connection", "connect", "could not", "timeout", "timed out", "refused",
               "no route", "name or service", "does not exist", "authentication", "password",
               "server closed", "terminating")
    return any(marker in lowered for marker in markers) or "Connection" in type(orig).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].strip()
