"""Reading one input file and choosing its layout by extension (or content)."""

from __future__ import annotations

import math
from pathlib import Path

from interview.bank.import_defaults import MAX_MEGABYTES
from interview.bank.importer.csv_rows import CsvLayoutError, questions_from_csv
from interview.bank.importer.drafts import Found
from interview.bank.importer.html_pages import questions_from_html
from interview.bank.importer.markdown import questions_from_markdown
from interview.bank.problems import Problem
from interview.bank.yamlio import read_text

CSV_SUFFIXES = (".csv", ".tsv")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MEGABYTE = 1_000_000


def over_limit(path: Path, megabytes: float = MAX_MEGABYTES) -> str | None:
    """Why `path` is too large to import (from its size on disk, before any
    reading), or None if it is not, or is not a file."""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return None  # read_source says what is wrong with it
    if size <= megabytes * MEGABYTE:
        return None
    shown = size / MEGABYTE
    decimals = 1
    while f"{shown:.{decimals}f}" == f"{megabytes:.{decimals}f}" and decimals < 6:
        decimals += 1  # 20.04 MB is not shown as "20.0 MB, over the 20 MB limit"
    enough = math.ceil(shown / 10) * 10
    return (f"{path} is {shown:.{decimals}f} MB, over the {megabytes:g} MB import limit; "
            f"--max-size {enough} raises it")


def read_source(path: Path) -> Found:
    """The drafts in one file, or a problem naming the file (and line)."""
    shown = str(path)
    found = Found(shown)
    if path.is_dir():
        found.problems.append(Problem(shown, 1, "-", "-", "is a directory, not a file"))
        return found
    if not path.exists():
        found.problems.append(Problem(shown, 1, "-", "-", "no such file"))
        return found
    text, problems = read_text(path, shown)
    if text is None:
        found.problems.extend(
            Problem(p.file, p.line, p.item, p.field, p.message.replace("YAML ", ""))
            for p in problems)
        return found
    suffix = path.suffix.lower()
    try:
        if suffix in CSV_SUFFIXES:
            found.drafts = questions_from_csv(text, shown)
            what = "no rows with a question"
        elif suffix in HTML_SUFFIXES:
            found.drafts = questions_from_html(text, shown)
            what = ("no questions found (expected list items, headings, <details> summaries or "
                    "a table column that read as questions)")
        else:
            found.drafts = questions_from_markdown(text, shown)
            what = ("no questions found (expected list items, headings, <details> summaries or "
                    "a table column that read as questions)")
    except CsvLayoutError as exc:
        found.problems.append(Problem(shown, 1, "-", "-", str(exc)))
        return found
    except RecursionError:
        found.problems.append(Problem(shown, 1, "-", "-", "nested too deeply to read"))
        return found
    if not found.drafts:
        found.problems.append(Problem(shown, 1, "-", "-", what))
    return found
