"""`interview --help` as click last rendered it, printed without click.

Rendering the top-level help means importing click, two thirds of the
command's time (its budget is 0.3x of `import textual.app`, DESIGN.md). The
text depends only on this code and the width click wraps to, so it is kept in
the cache directory under a key made of the app's version, the size and
mtime of the CLI's modules, and the terminal's width; any other key, or a
file that cannot be read, means rendering it again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from interview import __version__
from interview.config import cache_dir

_PACKAGE = Path(__file__).resolve().parent


def saved() -> str | None:
    """The help kept for this code and terminal width, if there is one."""
    try:
        key, _, text = _file().read_text(encoding="utf-8").partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return text if key == _key() and text else None


def keep(text: str) -> None:
    """Keep `text` for the next `--help`; a cache that cannot be written is skipped."""
    target = _file()
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(f"{_key()}\n{text}", encoding="utf-8")
        temporary.replace(target)
    except OSError:
        temporary.unlink(missing_ok=True)


def _file() -> Path:
    return cache_dir() / "help.txt"


def _key() -> str:
    parts = [__version__, str(shutil.get_terminal_size().columns)]
    with os.scandir(_PACKAGE) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith(".py"):
                stat = entry.stat()
                parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()
