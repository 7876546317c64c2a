"""Fixtures shared by the whole suite. Keep each one small and documented."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.bankfiles import BankFactory, FileContent, write_files
from tests.tuibank import tui_bank, tui_plans  # noqa: F401 - fixtures for every test

# Environment that would point the app at the user's own data or change how
# failures are shown; every test starts without it.
_USER_ENVIRONMENT = (
    "INTERVIEW_BANK",
    "INTERVIEW_PLANS",
    "INTERVIEW_DATABASE_URL",
    "INTERVIEW_DEBUG",
    "INTERVIEW_INTERVIEWER",
)


@pytest.fixture(autouse=True)
def interview_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private INTERVIEW_HOME (data, cache) per test; the user's own stays untouched."""
    home = tmp_path_factory.mktemp("interview-home")
    monkeypatch.setenv("INTERVIEW_HOME", str(home))
    for name in _USER_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def make_bank(tmp_path: Path) -> BankFactory:
    """Write a bank directory under tmp_path and return its path.

    `make_bank({"a.yaml": text_or_dict_or_bytes, ...}, taxonomy=None, name="bank")`:
    with `taxonomy` (a dict or YAML text) the bank gets its own taxonomy.yaml,
    otherwise the bundled taxonomy applies. Calling it again with the same
    name adds or overwrites files in the same directory.
    """

    def make(
        files: Mapping[str, FileContent],
        *,
        taxonomy: Mapping[str, Any] | str | None = None,
        name: str = "bank",
    ) -> Path:
        directory = tmp_path / name
        write_files(directory, files)
        if taxonomy is not None:
            write_files(directory, {"taxonomy.yaml": taxonomy})
        return directory

    return make


# -- storage backends ------------------------------------------------------------
# Storage tests take `database_url`: always a fresh SQLite file under tmp_path,
# and also a fresh PostgreSQL schema when INTERVIEW_TEST_POSTGRES_URL is set
# (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test).

POSTGRES_ENV = "INTERVIEW_TEST_POSTGRES_URL"
_BACKENDS = ["sqlite"] + (
    [pytest.param("postgres", marks=pytest.mark.postgres)] if os.environ.get(POSTGRES_ENV) else []
)


@pytest.fixture(params=_BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: `sqlite:///<tmp_path>/interview.db`, or a PostgreSQL
    schema of its own (search_path set in the URL), dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'interview.db'}"
        return
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(os.environ[POSTGRES_ENV])
    schema = f"test_{uuid.uuid4().hex[:16]}"
    plain = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with psycopg.connect(plain, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
