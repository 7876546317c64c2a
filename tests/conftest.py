"""Fixtures shared by the whole suite. Keep each one small and documented."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.bankfiles import FileContent, write_files

# Environment that would point the app at the user's own data or change how
# failures are shown; every test starts without it.
_USER_ENVIRONMENT = (
    "INTERVIEW_BANK",
    "INTERVIEW_PLANS",
    "INTERVIEW_DATABASE_URL",
    "INTERVIEW_DEBUG",
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


BankFactory = Callable[..., Path]


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
