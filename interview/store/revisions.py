"""The schema revisions this version ships, read from the migration scripts.

No Alembic or SQLAlchemy import: a database already at head is recognised by
comparing its alembic_version row with these (tests keep them equal to what
Alembic itself finds).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# `revision = "0002"` and `down_revision: str | None = "0001"` (an annotation is allowed).
_REVISION = re.compile(r"""^revision\s*(?::[^=]*)?=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision\s*(?::[^=]*)?=\s*(None|["']([^"']+)["'])""",
                            re.MULTILINE)


@cache
def shipped_revisions() -> tuple[str, ...]:
    """The revisions of the shipped migration scripts, oldest first, read from
    their `revision =` and `down_revision =` lines."""
    parents: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision and down:
            parents[revision.group(1)] = down.group(2)
    children = {parent: child for child, parent in parents.items()}
    chain: list[str] = []
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    return tuple(chain)


def head_revision() -> str:
    return shipped_revisions()[-1]
