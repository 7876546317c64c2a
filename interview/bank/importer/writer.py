"""Writing draft questions as a bank file (`competency:` plus `questions:`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from interview.bank.model import Question
from interview.files import OutputExists, write_file

__all__ = ["OutputExists", "question_data", "to_yaml", "write_new"]

FIELD_ORDER = ("id", "title", "kind", "roles", "levels", "minutes", "prompt", "follow_ups",
               "outline", "tags", "draft")


class BlockDumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, lists of short words inline."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


BlockDumper.add_representer(str, _text)


def question_data(question: Question) -> dict[str, Any]:
    content = question.content()
    data = {key: content[key] for key in FIELD_ORDER if content.get(key) not in (None, "", [])}
    data["draft"] = True
    return data


def to_yaml(questions: Sequence[Question], competency: str) -> str:
    header = ("# Draft questions imported by `interview bank import`. Review each one, add a\n"
              "# rubric, then remove `draft: true`.\n")
    body = {"competency": competency, "questions": [question_data(q) for q in questions]}
    text: str = yaml.dump(body, Dumper=BlockDumper, sort_keys=False, allow_unicode=True,
                          width=100, default_flow_style=False)
    return header + text


def write_new(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` (its directory made if need be), complete or not
    at all; refuse to replace a file unless `force` (interview.files)."""
    if path.exists() and not force:
        raise OutputExists(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, text, force=force)
