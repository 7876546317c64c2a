"""The `interview` command line. Commands live in sibling modules (the group in
root.py); this one is the console-script entry, which turns unexpected
failures into one readable line.

Plain `interview` opens the app without loading click at all: the start-up
budget (DESIGN.md) has no room for it, and the app reads the same
INTERVIEW_* variables the global options would.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


def main() -> None:
    """Console-script entry: exit codes 0 ok, 1 invalid input, 2 usage error."""
    if len(sys.argv) == 1:
        _guarded(_open_app)
    elif sys.argv[1:] in (["--help"], ["-h"]):
        _guarded(_print_help)
    else:
        _guarded(_run_command_line)


def _print_help() -> None:
    """The top-level help, from the last time click rendered it if it can
    be (see helpcache): no click to import."""
    from interview.cli import helpcache

    text = helpcache.saved()
    if text is None:
        import click

        from interview.cli.root import cli

        with click.Context(cli, info_name="interview", **cli.context_settings) as context:
            text = cli.get_help(context)
        helpcache.keep(text)
    sys.stdout.write(f"{text}\n")


def _open_app() -> None:
    from interview.workspace import Workspace

    import_app().run_app(Workspace())


def import_app() -> ModuleType:
    """interview.tui.app (with Textual), imported with the garbage collector
    paused: the imports build only what lives as long as the process, and
    the collections they set off walked it all again and again, about 9 ms
    of a start-up that is budgeted (a bare Textual import with and without
    collections, measured). The app files it as permanent when it runs."""
    from interview.gcpause import collection_paused

    with collection_paused():
        from interview.tui import app
    return app


def _run_command_line() -> None:
    from interview.cli.root import cli

    cli.main(prog_name="interview", standalone_mode=True)


def _guarded(action: Callable[[], None]) -> None:
    try:
        action()
    except KeyboardInterrupt:
        sys.stderr.write("interview: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: no tracebacks
        if os.environ.get("INTERVIEW_DEBUG"):
            raise
        sys.stderr.write(f"interview: error: {exc.__class__.__name__}: {exc} "
                         "(set INTERVIEW_DEBUG=1 for details)\n")
        sys.exit(1)


def __getattr__(name: str) -> Any:
    # `from interview.cli import cli` (tests, embedding) without paying for
    # click on the app's start-up path.
    if name == "cli":
        from interview.cli.root import cli

        return cli
    raise AttributeError(f"module 'interview.cli' has no attribute {name!r}")
