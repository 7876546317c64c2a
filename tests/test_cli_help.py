"""`interview --help` lists every command without importing them, and says
what each command's own help says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


_HELP_PROBE = ("import sys; sys.argv = ['interview', '--help']\n"
               "from interview.cli import main\nmain()\n"
               "sys.stderr.write('click imported' if 'click' in sys.modules else 'no click')")
# What click itself prints for `interview --help`.
_CLICK_HELP = ("from interview.cli.root import cli\n"
               "cli.main(['--help'], prog_name='interview')")


def help_run(home: Path, probe: str = _HELP_PROBE) -> tuple[str, str]:
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "INTERVIEW_HOME": str(home), "COLUMNS": "80"})
    return done.stdout, done.stderr


def test_help_is_printed_as_click_prints_it_and_the_second_time_without_click(
    tmp_path: Path,
) -> None:
    first, first_imports = help_run(tmp_path)
    second, second_imports = help_run(tmp_path)
    rendered, _ = help_run(tmp_path, _CLICK_HELP)
    assert first == second == rendered
    assert "Commands:\n  bank " in first
    assert (first_imports, second_imports) == ("click imported", "no click")


def test_help_kept_for_other_code_or_damaged_is_rendered_again(tmp_path: Path) -> None:
    first, _ = help_run(tmp_path)
    kept = tmp_path / "cache" / "help.txt"
    for damaged in ("another key\nUsage: something else", "", "\xff not even a key"):
        kept.write_text(damaged, encoding="utf-8", errors="surrogateescape")
        assert help_run(tmp_path) == (first, "click imported")
