"""Retrying a use case that met a busy SQLite database.

SQLite waits up to its busy timeout for the write lock, but some conflicts
(a lock upgrade while another process checkpoints, say) come back busy at
once, before the timeout is spent. Every write use case owns one
transaction, rolled back whole when it fails, so running it again is safe:
a few short retries with backoff, within the busy timeout, keep "database
is locked" from reaching the user under a burst of writers.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from interview.store.errors import StoreError

P = ParamSpec("P")
R = TypeVar("R")

BACKOFF_SECONDS = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8)


class Budgeted(Protocol):
    @property
    def busy_budget(self) -> float:
        """Seconds a use case may spend waiting on a busy database in all."""
        ...


S = TypeVar("S", bound=Budgeted)


def is_busy(error: StoreError) -> bool:
    cause = str(error.__cause__ or "").lower()
    return "database is locked" in cause or "database table is locked" in cause


def retry_when_busy(use_case: Callable[Concatenate[S, P], R]
                    ) -> Callable[Concatenate[S, P], R]:
    """Run the use case again, after a short pause, while the database is
    busy and its owner's busy budget (the busy timeout) is not spent."""
    @functools.wraps(use_case)
    def retried(owner: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        deadline = time.monotonic() + owner.busy_budget
        for pause in BACKOFF_SECONDS:
            try:
                return use_case(owner, *args, **kwargs)
            except StoreError as error:
                if not is_busy(error) or time.monotonic() + pause >= deadline:
                    raise
            time.sleep(pause)
        return use_case(owner, *args, **kwargs)  # the last try reports its failure as it is

    return retried
