"""One call into a running session at a time.

The UI thread (submit, ticks, notes) and the workers (autosave, grading)
never interleave between a check and a write: every public method of a run
that reads and changes its state takes the run's re-entrant lock.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Concatenate, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Locked(Protocol):
    @property
    def lock(self) -> AbstractContextManager[bool]: ...


S = TypeVar("S", bound=Locked)


def serialised(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    @functools.wraps(method)
    def locked(run: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with run.lock:
            return method(run, *args, **kwargs)

    return locked
