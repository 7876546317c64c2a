"""Helpers for writing small bank and plan files in tests.

Fixtures that use these live in conftest.py; tests that need exact line
numbers write YAML text themselves (`textwrap.dedent`) instead of dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

# A taxonomy small enough to read at a glance, for banks that bring their own.
SMALL_TAXONOMY: dict[str, dict[str, str]] = {
    "roles": {"builder": "Builds things.", "fixer": "Fixes things."},
    "levels": {"junior": "Learns.", "lead": "Leads."},
    "competencies": {"widgets": "Making widgets.", "gadgets": "Making gadgets."},
    "kinds": {"chat": "A conversation.", "puzzle": "A puzzle."},
}

FileContent = str | bytes | Mapping[str, Any] | list[Any]
BankFactory = Callable[..., Path]  # the type of the `make_bank` fixture


def question(qid: str = "q-one", **overrides: Any) -> dict[str, Any]:
    """A valid question for the bundled taxonomy; `None` in overrides drops a field."""
    data: dict[str, Any] = {
        "id": qid,
        "title": f"Title of {qid}",
        "kind": "technical",
        "roles": ["software-engineer"],
        "levels": ["senior"],
        "minutes": 20,
        "prompt": f"Explain {qid}.",
        "rubric": {"signals": ["Says something true."]},
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def question_file(
    *questions: Mapping[str, Any], competency: str = "coding-craft"
) -> dict[str, Any]:
    return {"competency": competency, "questions": list(questions)}


def dump(data: Mapping[str, Any] | list[Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_files(directory: Path, files: Mapping[str, FileContent]) -> Path:
    """Write each file (text as is, bytes as is, dicts and lists as YAML)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = directory / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_text(dump(content), encoding="utf-8")
    return directory
