"""Storage failures as one line a user can act on.

Import-light on purpose: the CLI imports StoreError without SQLAlchemy.
"""

from __future__ import annotations


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

    `url` must already have its password hidden.
    """
    if isinstance(exc, StoreError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    reason = _first_line(orig)
    lowered = reason.lower()
    if isinstance(exc, ModuleNotFoundError):
        return driver_missing(url, exc.name or reason)
    if sqlite_path is not None:
        if "database is locked" in lowered or "database table is locked" in lowered:
            return StoreError(f"the database {sqlite_path} is locked by another process; "
                              "close it and try again")
        if "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered:
            return StoreError(f"cannot open the database at {sqlite_path}: {reason}")
        if "not a database" in lowered or "malformed" in lowered:
            return StoreError(f"the file {sqlite_path} is not a usable interview database: "
                              f"{reason}")
    kind = type(exc).__name__
    if kind in {"OperationalError", "InterfaceError"} and _is_connect_failure(orig, lowered):
        return StoreError(f"cannot connect to the database at {url}: {reason}")
    if kind == "IntegrityError":
        return StoreError(f"the database at {url} refused the change: {reason}")
    return StoreError(f"database error at {url}: {reason}")


def _is_connect_failure(orig: BaseException, lowered: str) -> bool:
    markers = ("connection", "connect", "could not", "timeout", "timed out", "refused",
               "no route", "name or service", "does not exist", "authentication", "password",
               "server closed", "terminating")
    return any(marker in lowered for marker in markers) or "Connection" in type(orig).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].strip()
