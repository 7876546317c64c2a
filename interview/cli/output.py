"""Printing for the CLI: plain tables, JSON, and one-line errors."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

EXIT_INVALID = 1


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print one readable line to stderr and exit; never a traceback."""
    click.echo(f"interview: error: {message}", err=True)
    sys.exit(code)


def check_output(path: Path, *, force: bool, parents: bool = False) -> None:
    """Refuse an --out that cannot be written before any work is done: an
    existing file needs `force`, a missing directory `parents` (--parents)."""
    from interview.files import OutputError, OutputExists, check_target

    try:
        check_target(path, force=force, parents=parents)
    except OutputExists:
        fail(_EXISTS.format(path=path))
    except OutputError as exc:
        fail(str(exc))


def write_output(path: Path, text: str, *, force: bool, parents: bool = False) -> None:
    """Put a command's output file in place (interview.files), or exit 1 with
    one line saying why; an existing file needs `force`, and a missing
    directory is made only with `parents`."""
    from interview.files import OutputError, OutputExists, write_file

    try:
        write_file(path, text, force=force, parents=parents)
    except OutputExists:
        fail(_EXISTS.format(path=path))
    except OutputError as exc:
        fail(str(exc))


# For every command with --out: its value goes to check_output/write_output as `parents`.
PARENTS_OPTION = click.option(
    "--parents", is_flag=True,
    help="Create the missing directories of --out (without it they are an error).")

_EXISTS = "{path} already exists; choose another --out or pass --force to replace it"


def warn(message: str) -> None:
    click.echo(f"interview: warning: {message}", err=True)


def print_json(data: Any) -> None:
    text = json_text(data)
    # json_text has already escaped everything the terminal guard on stdout
    # (interview.safetext.TerminalStream) would show visibly, so the text
    # skips a second scan: megabytes of JSON for `bank list` at 10,000 questions.
    stream = sys.stdout
    click.echo(text, file=getattr(stream, "unguarded", stream))


def json_text(data: Any) -> str:
    """Indented JSON, non-ASCII text as is, but every control or invisible
    character escaped (json escapes C0 itself; C1, DEL and the bidi and
    zero-width marks too here), so it is exact and safe on a terminal."""
    import json

    from interview.safetext import escape_for_json

    return escape_for_json(json.dumps(data, indent=2, ensure_ascii=False))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Left-aligned columns sized to their content; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(value))
    numeric = [all(isinstance(row[i], int | float) for row in rows) if rows else False
               for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    click.echo(line(list(headers)))
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo(line(row))


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value).replace("\n", " ")


FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output as a table for people or JSON for scripts.",
)
