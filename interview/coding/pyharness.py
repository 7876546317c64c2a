"""Run a Python exercise's tests: `python -I pyharness.py` in the run's directory.

Imports `test_solution` (which imports `solution`) from the current directory,
calls every function whose name starts with `test`, in the order written, and
prints one line each: `PASS name` or `FAIL name: why`. No pytest needed: the
app does not depend on it. When the sandbox could not cut the network, the
socket module is disabled before the candidate's code is imported.

Standard library only, and never imported by the app: it runs as a script.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

TESTS = "test_solution"


def _no_network() -> None:
    import socket

    def refused(*_: object, **__: object) -> None:
        raise OSError("the network is not available to exercises")

    for name in ("socket", "create_connection", "getaddrinfo", "socketpair", "fromfd"):
        setattr(socket, name, refused)


def _why(error: BaseException) -> str:
    """The failing line of the test file, or the error and where it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    in_tests = [f for f in frames if Path(f.filename).name == f"{TESTS}.py"]
    line = f" (line {in_tests[-1].lineno}: {in_tests[-1].line})" if in_tests else ""
    if isinstance(error, AssertionError):
        detail = str(error) or "assertion failed"
    else:
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return " ".join(f"{detail}{line}".split())  # one line


def main() -> int:
    sys.path.insert(0, str(Path.cwd()))
    sys.dont_write_bytecode = True
    if os.environ.get("INTERVIEW_SANDBOX_NETWORK") != "none":
        _no_network()
    try:
        module = __import__(TESTS)
    except BaseException as error:  # the candidate's code may raise anything on import
        print(f"ERROR import: {_why(error)}", flush=True)
        traceback.print_exc()
        return 2
    for name, test in list(vars(module).items()):
        if not name.startswith("test") or not callable(test):
            continue
        try:
            test()
        except BaseException as error:  # a test that calls exit() or raises anything fails
            if isinstance(error, KeyboardInterrupt):
                raise
            print(f"FAIL {name}: {_why(error)}", flush=True)
        else:
            print(f"PASS {name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
