"""A warm-start cache of a validated bank, keyed on its files' size and mtime.

An unchanged bank then loads in milliseconds instead of being re-validated.
The cache lives in the user's cache directory; any trouble reading it simply
means validating again, so it can never make a bad bank look good for long.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from interview import __version__
from interview.config import cache_dir

Signature = tuple[object, ...]


def signature(files: list[Path]) -> Signature | None:
    parts: list[object] = [__version__, sys.version_info[:2]]
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            return None
        parts.append((str(path.resolve()), stat.st_mtime_ns, stat.st_size))
    return tuple(parts)


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"bank-{key}.pickle"


def read(root: Path, expected: Signature) -> object | None:
    try:
        with _cache_file(root).open("rb") as handle:
            stored_signature, payload = pickle.load(handle)
    except Exception:  # noqa: BLE001 - any unreadable cache just means "rebuild"
        return None
    return payload if stored_signature == expected else None


def write(root: Path, current: Signature, payload: object) -> None:
    target = _cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump((current, payload), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(target)
    except OSError:
        pass  # a read-only cache directory costs speed, not correctness
