"""Transactions run on the pooled DBAPI connection, below Core's execution.

The answer-commit hot path (writes.py) has a budget of 1.3x a bare sqlite3
commit of the same rows (benchmarks/commit_bench.py). Core's per-statement
execution (an execution context, events, a result object) costs more than
SQLite spends on the statement itself, so these statements are still written
in Core, compiled once per dialect with SQLAlchemy's own compiler and type
processors, and then run on the DBAPI cursor of a connection from the
engine's pool. Driver errors leave as SQLAlchemy's DBAPIError subclasses,
exactly as Core would raise them, so callers handle one kind of error.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import Executable

Processor = Callable[[Any], Any]

# Each statement's SQL at DEBUG, as SQLAlchemy's own engine logger would show
# it (Core's cursor events do not see these statements).
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A statement as the driver takes it: its SQL, its parameters in order
    (positional drivers) or by name, how each value and result column is
    converted, and the values built into it (`outcome == "graded"`)."""

    sql: str
    positional: bool
    plan: tuple[tuple[str, Processor | None], ...]  # every bind, in the statement's order
    fixed: dict[str, Any]
    returns_rows: bool
    results: tuple[Processor | None, ...]
    compiler: SQLCompiler

    def bound(self, values: dict[str, Any]) -> dict[str, Any] | list[Any]:
        """The driver's parameters, converted; KeyError names a missing one."""
        if self.fixed:
            values = {**self.fixed, **values}
        if self.positional:
            return [values[name] if convert is None else convert(values[name])
                    for name, convert in self.plan]
        return {name: values[name] if convert is None else convert(values[name])
                for name, convert in self.plan}


def _compile(statement: Executable, dialect: Dialect, keys: Sequence[str]) -> _Compiled:
    assert isinstance(statement, ClauseElement)
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    assert isinstance(compiled, SQLCompiler)
    order = compiled.positiontup if compiled.positional else list(compiled.binds)
    plan = tuple((name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
                 for name in order or ())
    fixed = {name: bind.effective_value for name, bind in compiled.binds.items()
             if not bind.required}
    columns = list(getattr(statement, "exported_columns", ()))
    results = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                    for column in columns)
    return _Compiled(compiled.string, bool(compiled.positional), plan, fixed, bool(columns),
                     results if any(results) else (), compiled)


class Prepared:
    """A Core statement built once at import, compiled once per dialect and
    set of parameter names (an INSERT's columns are the names it is given)."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        # Per dialect instance: engines on different drivers differ in
        # parameter style and in type processors (a JSON serializer, say).
        self._compiled: WeakKeyDictionary[Dialect, dict[tuple[str, ...], _Compiled]] = (
            WeakKeyDictionary())

    def compiled(self, dialect: Dialect, keys: Sequence[str]) -> _Compiled:
        for_dialect = self._compiled.get(dialect)
        if for_dialect is None:
            for_dialect = self._compiled.setdefault(dialect, {})
        key = tuple(keys)
        found = for_dialect.get(key)
        if found is None:  # two threads at once compile it twice, both right
            found = for_dialect[key] = _compile(self.statement, dialect, keys)
        return found


@dataclass(frozen=True, slots=True)
class Rows:
    """What a statement returned: the rows it produced and the rows it changed."""

    rows: list[tuple[Any, ...]]
    rowcount: int
    lastrowid: int | None  # an INSERT's new key, where the driver reports one

    def first(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def one(self) -> tuple[Any, ...]:
        if len(self.rows) != 1:
            raise LookupError(f"expected one row, got {len(self.rows)}")
        return self.rows[0]

    def scalar(self) -> Any:
        first = self.first()
        return None if first is None else first[0]


class DirectTransaction:
    """One transaction on one DBAPI connection; see `begin`."""

    def __init__(self, dialect: Dialect, cursor: Any) -> None:
        self.dialect = dialect
        self._cursor = cursor
        self._savepoints = itertools.count()

    def execute(self, statement: Prepared | Executable,
                params: dict[str, Any] | None = None) -> Rows:
        """Run a statement: a `Prepared` one from its compiled cache, any
        other (a rare lookup with its values inline) compiled for this call."""
        values = params or {}
        compiled = (statement.compiled(self.dialect, tuple(values))
                    if isinstance(statement, Prepared)
                    else _compile(statement, self.dialect, tuple(values)))
        try:
            arguments = compiled.bound(values)
        except KeyError:  # SQLAlchemy's own message names the missing parameter
            compiled.compiler.construct_params(values)
            raise
        _log.debug("%s", compiled.sql)
        cursor = self._cursor
        try:
            cursor.execute(compiled.sql, arguments)
            rows = cursor.fetchall() if compiled.returns_rows else []
        except self.dialect.loaded_dbapi.Error as exc:
            raise _translated(self.dialect, compiled.sql, arguments, exc) from exc
        if rows and compiled.results:
            rows = [tuple(v if p is None else p(v) for v, p in zip(row, compiled.results,
                                                                   strict=True))
                    for row in rows]
        return Rows(rows, cursor.rowcount, getattr(cursor, "lastrowid", None))

    def scalar(self, statement: Prepared | Executable,
               params: dict[str, Any] | None = None) -> Any:
        return self.execute(statement, params).scalar()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: rolled back alone if its block raises."""
        name = f"interview_{next(self._savepoints)}"
        self.run(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.run(f"ROLLBACK TO SAVEPOINT {name}")
            raise
        self.run(f"RELEASE SAVEPOINT {name}")

    def run(self, sql: str) -> None:
        """A statement without parameters or results (transaction control)."""
        _log.debug("%s", sql)
        try:
            self._cursor.execute(sql)
        except self.dialect.loaded_dbapi.Error as exc:
            raise _translated(self.dialect, sql, (), exc) from exc


def _translated(dialect: Dialect, sql: str | None, params: Any,
                exc: Exception) -> StatementError:
    """The driver's error as SQLAlchemy's (IntegrityError, OperationalError, ...),
    as Core would have raised it."""
    return DBAPIError.instance(sql, params, exc, dialect.loaded_dbapi.Error, dialect=dialect)


@contextmanager
def begin(engine: Engine) -> Iterator[DirectTransaction]:
    """A write transaction on a connection from `engine`'s pool, committed
    when the block ends and rolled back if it raises. On SQLite it takes the
    write lock up front (BEGIN IMMEDIATE), as db.py's writers do."""
    dialect = engine.dialect
    try:  # opening a connection (the pool may need a new one) fails as Core's would
        raw = engine.raw_connection()
    except dialect.loaded_dbapi.Error as exc:
        raise _translated(dialect, None, None, exc) from exc
    try:
        cursor = raw.cursor()
        transaction = DirectTransaction(dialect, cursor)
        try:
            if dialect.name == "sqlite":  # db.py takes transaction control from sqlite3
                transaction.run("BEGIN IMMEDIATE")
            yield transaction
            try:
                raw.commit()
            except dialect.loaded_dbapi.Error as exc:
                raise _translated(dialect, "COMMIT", (), exc) from exc
        except BaseException as exc:
            cursor.close()  # before a rollback that may close the connection
            _roll_back(dialect, raw, exc)
            raise
        cursor.close()
    except dialect.loaded_dbapi.Error as exc:  # the cursor could not be opened or closed
        raise _translated(dialect, None, None, exc) from exc
    finally:
        raw.close()  # back to the pool (or discarded, if invalidated)


def _roll_back(dialect: Dialect, raw: Any, exc: BaseException) -> None:
    """Undo the failed transaction; a connection the server dropped is
    discarded from the pool instead of being handed out again."""
    orig = exc.orig if isinstance(exc, DBAPIError) else None
    if orig is not None and dialect.is_disconnect(orig,  # type: ignore[arg-type]
                                                  raw.dbapi_connection, None):
        raw.invalidate(orig)
        return
    try:
        raw.rollback()
    except dialect.loaded_dbapi.Error:
        raw.invalidate()  # a connection that cannot roll back is not reused
