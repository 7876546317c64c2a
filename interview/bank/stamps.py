"""What stat says of files, for the caches keyed on them: a file whose stamp
changed may have changed. Kept apart from the bank cache so the home form's
cache (read before the first frame, which is budgeted) needs no bank model.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

from interview import __version__

Signature = tuple[object, ...]


class Stamp(NamedTuple):
    """What stat says of a file: if any of it changed, so may the content."""

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int


def stamp_of(path: Path) -> Stamp | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return Stamp(found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def signature(files: list[Path]) -> Signature | None:
    """The stat data of `files` and this code's version, for caches keyed on
    them (the home form's); None if a file cannot be read."""
    parts: list[object] = list(code_version())
    for path in files:
        found = stamp_of(path)
        if found is None:
            return None
        parts.append((str(path), tuple(found)))
    return tuple(parts)


@cache
def code_version() -> tuple[object, ...]:
    """The app's and Python's versions and the size and mtime of the bank
    package's modules: the validator's version, which every cache depends on."""
    return (__version__, sys.version_info[:2], module_stamps(Path(__file__).resolve().parent))


def module_stamps(package: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime) of a package's modules: a cache made by other code
    than what runs now is recognised and rebuilt."""
    stamps: list[tuple[str, int, int]] = []
    for module in sorted(package.glob("*.py")):
        try:
            stat = module.stat()
        except OSError:
            continue
        stamps.append((module.name, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
