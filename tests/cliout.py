"""What every CLI failure must look like: one line on stderr, exit 1."""

from __future__ import annotations

from click.testing import Result


def assert_clean_failure(result: Result, *fragments: str) -> None:
    """Exit 1, nothing on stdout, one `interview: error: ...` line holding
    every fragment, and never a traceback."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.output
