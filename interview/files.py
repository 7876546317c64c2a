"""Putting an output file in place safely (reports, exports, imported
drafts): never over a file unless asked, never half-written (a temporary
file in the same directory, synced, then os.replace)."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class OutputExists(FileExistsError):
    """The output file exists and replacing it was not asked for."""


class OutputError(OSError):
    """The output cannot be written; the message says why, in one line."""


def why_unusable(path: Path) -> str:
    """Why `path` cannot be used, in a few words to follow its name ("does not
    exist", "is a symbolic link loop", ...); "" when it exists."""
    try:
        path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return f"is a broken symbolic link (to {path.readlink()})"
        return "does not exist"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop"
        if exc.errno == errno.ENOTDIR:
            blocking = next((a for a in path.parents if a.exists() and not a.is_dir()), None)
            return f"cannot exist: {blocking or 'a part of its path'} is not a directory"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "cannot be reached (permission denied)"
        return f"cannot be used ({exc.strerror or exc})"
    return ""


def check_target(path: Path, *, force: bool, parents: bool = False) -> None:
    """Refuse early, before any work: an existing file without `force`, a directory,
    or a parent that is not a directory; a missing parent unless `parents`
    (then write_file makes it)."""
    if path.is_dir():
        raise OutputError(f"{path} is a directory")
    if path.exists() and not force:
        raise OutputExists(str(path))
    parent = path.parent
    if parent.is_dir():
        return
    why = why_unusable(parent)
    if why == "does not exist":
        if not parents:
            raise OutputError(f"cannot write {path}: the directory {parent} does not exist; "
                              "create it, or pass --parents to have it created")
        _check_ancestors(path, parent)
    elif why:
        raise OutputError(f"cannot write {path}: the directory {parent} {why}")
    else:
        raise OutputError(f"cannot write {path}: {parent} is not a directory")


def _check_ancestors(path: Path, parent: Path) -> None:
    """The nearest existing ancestor of a missing `parent` must be a directory."""
    for ancestor in parent.parents:
        why = why_unusable(ancestor)
        if why == "does not exist":
            continue
        if why:
            raise OutputError(f"cannot write {path}: {ancestor} {why}")
        if not ancestor.is_dir():
            raise OutputError(f"cannot write {path}: {ancestor} is not a directory")
        return


def write_file(path: Path, text: str, *, force: bool = False, parents: bool = False) -> None:
    """Write `text` (UTF-8) to `path`: complete, or not at all. Without `force`
    an existing file is never replaced, even one that appears meanwhile. With
    `parents` missing directories are made first (and removed again if the
    file cannot be written); without it a missing directory is an OutputError."""
    check_target(path, force=force, parents=parents)
    made = _make_parents(path) if parents else []
    try:
        _write_new_or_replace(path, text, force=force)
    except BaseException:
        _remove_directories(made)
        raise


def _make_parents(path: Path) -> list[Path]:
    """Make `path`'s missing directories; those made, outermost first."""
    missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
    made: list[Path] = []
    for directory in reversed(missing):
        try:
            directory.mkdir(exist_ok=True)
        except OSError as exc:
            _remove_directories(made)
            raise OutputError(f"cannot write {path}: cannot create {directory}: "
                              f"{exc.strerror or exc}") from exc
        made.append(directory)
    return made


def _remove_directories(made: list[Path]) -> None:
    for directory in reversed(made):
        with contextlib.suppress(OSError):
            directory.rmdir()  # only if still empty


def _write_new_or_replace(path: Path, text: str, *, force: bool) -> None:
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
