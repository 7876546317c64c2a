"""Every invalid input is one line on stderr with exit 1; usage errors keep exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli


def run(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database", f"sqlite:///{tmp_path / 'e.db'}", *args])


@pytest.mark.parametrize(("args", "says"), [
    (("bank", "list", "--role", "nonsense"), "Invalid value for --role: 'nonsense'"),
    (("practice", "--plan", "nope"), "Invalid value for --plan: no plan 'nope'; known plans: "),
    (("history", "show", "abc"), "Invalid value for 'SESSION': 'abc' is not a valid integer"),
    (("history", "--limit", "0"), "Invalid value for '--limit'"),
    (("practice", "--count", "-3"), "Invalid value for '--count'"),
], ids=lambda value: " ".join(value) if isinstance(value, tuple) else "")
def test_a_bad_value_is_one_line_and_exit_1(tmp_path: Path, args: tuple[str, ...],
                                            says: str) -> None:
    result = run(tmp_path, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("interview: error: ") and says in line
    assert "Usage:" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args", [("bank", "list", "--no-such-option"), ("search",),
                                  ("history", "show"), ("frobnicate",)], ids=" ".join)
def test_usage_errors_keep_clicks_usage_and_exit_2(tmp_path: Path,
                                                   args: tuple[str, ...]) -> None:
    result = run(tmp_path, *args)
    assert result.exit_code == 2, result.output
    assert "Usage: " in result.stderr and "Error:" in result.stderr


def test_help_and_version_still_exit_0(tmp_path: Path) -> None:
    assert run(tmp_path, "--help").exit_code == 0
    assert run(tmp_path, "history", "--help").exit_code == 0
    version = run(tmp_path, "--version")
    assert version.exit_code == 0 and "version" in version.stdout
