"""Bytecode for the package before a whole-process benchmark times it.

An installed copy has its bytecode (pip compiles it on install) and an
editable checkout writes it on its first import, except where
PYTHONDONTWRITEBYTECODE is set, as on some CI machines: there every start
would compile the package's modules from source again (tens of ms of a
start-up), while the anchors, Textual's modules, have theirs. Timing
that would measure the machine's setting, not what a user waits for.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import interview

PACKAGE = Path(interview.__file__).parent


def compile_package() -> None:
    """Write the package's missing or stale .pyc files (quietly)."""
    compileall.compile_dir(PACKAGE, quiet=1)
