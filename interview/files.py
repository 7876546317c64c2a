"""Putting an output file in place safely (reports, exports, imported
drafts): never over a file unless asked, never half-written (a temporary
file in the same directory, synced, then os.replace)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputExists(FileExistsError):
    """The output file exists and replacing it was not asked for."""


class OutputError(OSError):
    """The output cannot be written; the message says why, in one line."""


def check_target(path: Path, *, force: bool) -> None:
    """Refuse early, before any work: an existing file without `force`, a directory,
    or a parent that is not a directory."""
    if path.is_dir():
        raise OutputError(f"{path} is a directory")
    if path.exists() and not force:
        raise OutputExists(str(path))
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: {parent} is not a directory")


def write_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path`: complete, or not at all. Without `force`
    an existing file is never replaced, even one that appears meanwhile."""
    check_target(path, force=force)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                        suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o666 & ~_umask())  # mkstemp makes it private
        if force:
            temporary.replace(path)  # os.replace: atomic on one file system
        else:
            _place_new(temporary, path)
    except OutputExists:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _place_new(temporary: Path, path: Path) -> None:
    """Move `temporary` to `path` only if `path` does not exist: link() refuses an
    existing target atomically; where links are not supported, check then replace."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise OutputExists(str(path)) from None
    except OSError:
        if path.exists():
            raise OutputExists(str(path)) from None
        temporary.replace(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
