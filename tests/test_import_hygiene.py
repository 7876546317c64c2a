"""The core packages never import textual (DESIGN.md: arrows point downward only).

Each check runs in a fresh interpreter, so nothing this test process has
already imported (the TUI tests load textual) can hide or fake a leak.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TypedDict

import pytest

CORE_PACKAGES = ("interview.bank", "interview.search", "interview.practice", "interview.reports")

# Imports every module of the given packages, noting the first one after
# which textual shows up in sys.modules; import errors fail loudly.
SCRIPT = """
import importlib, json, pkgutil, sys

def leaked():
    return sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))

def fail(name):
    raise SystemExit(f"cannot import {name}")

imported, culprit = [], None
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    names = [name]
    if hasattr(package, "__path__"):
        names += [i.name for i in pkgutil.walk_packages(package.__path__, name + ".", fail)]
    for module in names:
        importlib.import_module(module)
        imported.append(module)
        if culprit is None and leaked():
            culprit = module
print(json.dumps({"imported": imported, "culprit": culprit, "textual": leaked()}))
"""


class Imports(TypedDict):
    """What SCRIPT prints."""

    imported: list[str]
    culprit: str | None
    textual: list[str]


def import_everything(*packages: str) -> Imports:
    done = subprocess.run([sys.executable, "-c", SCRIPT, *packages], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result: Imports = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_packages_never_import_textual(package: str) -> None:
    result = import_everything(package)
    assert result["culprit"] is None, f"{result['culprit']} imports textual"
    assert result["textual"] == []
    assert package in result["imported"]


def test_every_module_of_the_bank_is_imported() -> None:
    # Guards the walk itself: a test that imported nothing would always pass.
    imported = import_everything("interview.bank")["imported"]
    assert isinstance(imported, list)
    assert {"interview.bank.loader", "interview.bank.yamlio", "interview.bank.cache",
            "interview.bank.plans", "interview.bank.taxonomy"} <= set(imported)


def test_the_check_notices_textual() -> None:
    result = import_everything("interview.bank", "textual.app")  # a module: not walked
    assert result["culprit"] == "textual.app"
    assert "textual" in result["textual"]



def test_a_warm_bank_read_loads_no_yaml_reader(tmp_path: Path) -> None:
    """With the bank cache in place, listing the bank needs neither PyYAML nor
    the validators: they are for reading files, and there are none to read."""
    script = ("import sys, io, contextlib\n"
              "from interview.cli import cli\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    cli.main(['bank', 'list', '--format', 'json'], standalone_mode=False)\n"
              "print(sorted(m for m in sys.modules if m == 'yaml' or m in ("
              "'interview.bank.questions', 'interview.bank.yamlio')))\n")
    env = {"INTERVIEW_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in ("the first run writes the cache", "the second reads it"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=120, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]", f"a warm start loaded: {done.stdout}"


def test_the_app_is_imported_with_collections_paused_and_resumed() -> None:
    """`interview` imports the app with the collector off (start-up); the
    collector must be on again after, or a long session would never free a
    cycle."""
    script = ("import gc, interview.cli\n"
              "seen = []\n"
              "gc.callbacks.append(lambda phase, info: seen.append(phase))\n"
              "app = interview.cli.import_app()\n"
              "during = len(seen)\n"
              "gc.collect()\n"
              "print(app.__name__, gc.isenabled(), during, len(seen) > during)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.split() == ["interview.tui.app", "True", "0", "True"]
