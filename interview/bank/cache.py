"""A warm-start cache of a validated bank, keyed on its files' stat data.

An unchanged bank then loads in milliseconds instead of being re-validated.
The cache lives in the user's cache directory; any trouble reading it simply
means validating again.

It must never serve a stale bank. Size and mtime alone are not enough: file
system clocks are coarse, so an edit made soon after the previous write can
keep both. Like git's "racily clean" rule, a bank with any file changed in the
last RACY_SECONDS is validated but not cached, so a cached stamp is always
older than any later edit could be; the stamp also holds the inode and ctime
(which tools that restore an old mtime cannot restore), and the validator's
own files, so a changed validator re-validates.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from functools import cache
from pathlib import Path
from typing import NamedTuple

from interview import __version__
from interview.config import cache_dir

Signature = tuple[object, ...]

# Longer than any file-system timestamp granularity (FAT: 2 s).
RACY_SECONDS = 3.0


class _Stamp(NamedTuple):
    shown: str  # as named: questions' `source` comes from it
    resolved: str
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int


def signature(files: list[Path]) -> Signature | None:
    parts: list[object] = [__version__, sys.version_info[:2], _code_stamp()]
    for path in files:
        try:
            stat = path.stat()
            resolved = str(path.resolve())
        except OSError:
            return None
        parts.append(_Stamp(str(path), resolved, stat.st_ino, stat.st_size, stat.st_mtime_ns,
                            stat.st_ctime_ns))
    return tuple(parts)


@cache
def _code_stamp() -> tuple[object, ...]:
    """Size and mtime of the bank package's modules: the validator's version."""
    here = Path(__file__).resolve().parent
    stamps: list[object] = []
    for module in sorted(here.glob("*.py")):
        try:
            stat = module.stat()
        except OSError:
            continue
        stamps.append((module.name, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"bank-{key}.pickle"


def read(root: Path, expected: Signature) -> object | None:
    try:
        with _cache_file(root).open("rb") as handle:
            stored_signature, payload = pickle.load(handle)
    except Exception:  # any unreadable cache just means "rebuild"
        return None
    return payload if stored_signature == expected else None


def _settled(current: Signature) -> bool:
    """True if no file changed so recently that a further edit could keep its stamp."""
    changed = [max(p.mtime_ns, p.ctime_ns) for p in current if isinstance(p, _Stamp)]
    return not changed or time.time_ns() - max(changed) >= RACY_SECONDS * 1e9


def write(root: Path, current: Signature, payload: object) -> None:
    if not _settled(current):
        return
    target = _cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump((current, payload), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(target)
    except OSError:
        pass  # a read-only cache directory costs speed, not correctness
