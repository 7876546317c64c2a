"""`interview --help` lists every command without importing them, and says
what each command's own help says."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from interview.cli import cli
from interview.cli.root import COMMANDS, SUMMARIES


def test_every_command_has_its_own_short_help_as_its_summary() -> None:
    assert SUMMARIES.keys() == COMMANDS.keys()
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        assert SUMMARIES[name] == command.get_short_help_str(limit=10_000), name


def test_help_lists_every_command_as_click_would() -> None:
    listed = CliRunner().invoke(cli, ["--help"])
    assert listed.exit_code == 0
    commands = listed.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in commands if line.startswith("  ") and
            not line.startswith("   ")] == sorted(COMMANDS)
    assert "  run          Interview CANDIDATE with PLAN" in listed.output


def test_help_imports_no_command_module() -> None:
    probe = ("import sys; from interview.cli import cli\n"
             "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n"
             "    pass\nprint(sorted(m for m in sys.modules if m.startswith('interview.')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout
    assert "interview.cli.bank_io_commands" not in loaded
    assert "interview.bank.importer" not in loaded
    assert "interview.cli.scorecard_commands" not in loaded
