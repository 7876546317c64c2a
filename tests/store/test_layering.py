"""Storage stays in its room: no UI imports in it, no storage imports in the
engine, and no SQLAlchemy/Alembic on the CLI's start-up path."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "interview"


def imported_modules(directory: Path) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in directory.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update((str(path), alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add((str(path), node.module))
    return found


def offenders(directory: Path, *forbidden: str) -> list[tuple[str, str]]:
    return sorted((path, module) for path, module in imported_modules(directory)
                  if any(module == f or module.startswith(f + ".") for f in forbidden))


def test_storage_never_imports_the_ui() -> None:
    assert offenders(PACKAGE / "store", "textual", "rich", "interview.tui", "interview.cli") == []


def test_the_engine_never_imports_storage() -> None:
    assert offenders(PACKAGE / "practice", "interview.store", "sqlalchemy", "alembic") == []


def test_the_cli_starts_without_loading_storage() -> None:
    code = ("import sys, interview.cli; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'psycopg') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
