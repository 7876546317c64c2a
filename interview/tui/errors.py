"""One readable line for anything a worker raised."""

from __future__ import annotations

from interview.safetext import for_terminal


def describe(error: BaseException | None) -> str:
    if error is None:
        return "the operation was cancelled"
    message = str(error.args[0]) if error.args else ""
    # Our own errors are written for users; others get their type named.
    ours = type(error).__module__.startswith("interview.")
    # Either may quote a name or a path from the database or the bank.
    return for_terminal(message if ours and message else f"{type(error).__name__}: {error}")
