"""Where the database lives: bad locations get one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_database_is_refused(url: str) -> None:
    result = CliRunner().invoke(cli, ["--database", url, "history"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "interview: error: an in-memory SQLite database cannot hold your history; give a "
        "file, e.g. sqlite:///path/to/interview.db")


def test_an_interview_home_that_is_a_file_is_explained(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_directory = tmp_path / "home"
    not_a_directory.write_text("")
    monkeypatch.setenv("INTERVIEW_HOME", str(not_a_directory))
    result = CliRunner().invoke(cli, ["stats"])
    assert result.exit_code == 1
    assert result.output.startswith(
        f"interview: error: cannot use {not_a_directory} as the data directory (INTERVIEW_HOME)")
    assert "Traceback" not in result.output
