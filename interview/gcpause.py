"""Pausing Python's cyclic garbage collector while building many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Build without collections, then file what was built as long-lived.

    Reading a bank or building an index makes hundreds of thousands of
    containers that all survive. Each generational pass would walk them
    again, and the first pass after the build (about a third of a warm bank
    start, measured) would walk them all only to find them alive. So they go
    straight to the oldest generation instead: freeze then unfreeze moves
    every tracked object there without walking any, and the full collections
    that walk the oldest generation still see them (and any garbage among
    them), so nothing is kept that should not be.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def keep_what_is_built() -> None:
    """File every object built so far as permanent: later collections skip it.

    Called once the app's modules are imported, before its first frame: what
    the imports built (modules, classes, functions, Textual's tables) lives as
    long as the process, yet the first full collection after them walked it
    all on the way to the home form, 20 ms of a start-up that is budgeted
    (measured with gc.callbacks). Garbage made later is collected as before.
    Only the first call freezes: a process that runs the app again (the
    snapshot tests) must not file each run's leftovers as permanent too.
    """
    global _built_kept
    if not _built_kept:
        _built_kept = True
        gc.freeze()


_built_kept = False
