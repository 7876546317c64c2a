"""A warm-start cache of a validated bank, keyed on its files' stat data.

An unchanged bank then loads in milliseconds instead of being re-validated:
the cache holds plain values (marshal, not pickle) and questions are read
from it only when used (storedquestions). The cache lives in the user's cache
directory; any trouble reading it simply means validating again.

It must never serve a stale bank. Size and mtime alone are not enough: file
system clocks are coarse, so an edit made soon after the previous write can
keep both. Like git's "racily clean" rule, a bank with any file changed in the
last RACY_SECONDS is validated but not cached, so a cached stamp is always
older than any later edit could be; the stamp also holds the inode and ctime
(which tools that restore an old mtime cannot restore), and the validator's
own files, so a changed validator re-validates.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import struct
import sys
import time
import zlib
from array import array
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from interview import __version__
from interview.bank.model import Question
from interview.bank.problems import Problem
from interview.bank.storedquestions import Records, StoredQuestions, pack, to_record
from interview.bank.taxonomy import Taxonomy
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
    return module_stamps(Path(__file__).resolve().parent)


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


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    # Named .pickle for history (and the tests that look for it); see _MAGIC.
    return cache_dir() / f"bank-{key}.pickle"


def companion_file(root: Path, kind: str, suffix: str) -> Path:
    """Where another cache of the bank at `root` (a search index, say) is kept:
    beside the bank cache, keyed by the bank's path the same way."""
    bank_file = _cache_file(root)
    return bank_file.with_name(f"{kind}-{bank_file.stem.removeprefix('bank-')}{suffix}")


def records_key(questions: Mapping[str, Question]) -> str | None:
    """A digest of the cached records `questions` are read from: their ids in
    order and each record's CRC-32, so any change to any question changes it
    (short of a CRC-32 collision).

    Only for a warm start's questions (StoredQuestions, not re-validated since):
    it names their content without reading one. None for any other mapping.
    """
    if not isinstance(questions, StoredQuestions) or questions._reloaded is not None:
        return None
    digest = hashlib.sha256()
    digest.update("\x00".join(questions._index).encode())
    digest.update(b"\x00")
    digest.update(questions._checksums.tobytes())
    return digest.hexdigest()


def expected_records_key(questions: Mapping[str, Question]) -> str:
    """`records_key` of the cache that `write` would make of `questions` (read
    back from it as StoredQuestions): it can name a freshly validated bank the
    way its warm starts will. Marshal output can differ between runs for equal
    values, so this may fail to match; it cannot match other content (short of
    a CRC-32 collision)."""
    digest = hashlib.sha256()
    digest.update("\x00".join(questions).encode())
    digest.update(b"\x00")
    checksums = array("I", (zlib.crc32(marshal.dumps(to_record(q)))
                            for q in questions.values()))
    digest.update(checksums.tobytes())
    return digest.hexdigest()


class Snapshot(NamedTuple):
    """What the cache gives back: a validated bank, its questions read when used."""

    taxonomy: Taxonomy
    questions: Mapping[str, Question]
    problems: list[Problem]
    files: int


# The file: _MAGIC, the header's length and CRC-32, the header (a marshalled
# tuple of plain values: signature, taxonomy, problems, question index), then
# the question records (see storedquestions).
_MAGIC = b"IVBANK\x00\x02"
_PREFIX = struct.Struct("<8sQI")


def _plain(signature: Signature) -> tuple[object, ...]:
    """The signature as marshal can store it (stamps as plain tuples)."""
    return tuple(tuple(part) if isinstance(part, _Stamp) else part for part in signature)


def read(root: Path, expected: Signature,
         reload: Callable[[], Mapping[str, Question]]) -> Snapshot | None:
    """The cached bank if the cache matches `expected`, else None.

    Only the header is read for a stale cache. A damaged record found later
    makes the questions validate again through `reload`.
    """
    try:
        handle = _cache_file(root).open("rb")
    except OSError:
        return None
    try:
        magic, size, checksum = _PREFIX.unpack(handle.read(_PREFIX.size))
        header = handle.read(size)
        if magic != _MAGIC or len(header) != size or zlib.crc32(header) != checksum:
            raise ValueError("not a bank cache, or a damaged one")
        (signature, taxonomy, problems, files, ids, ends, checksums,
         records_size) = marshal.loads(header)
        if signature != _plain(expected):
            raise ValueError("a cache of the bank as it was")
        # The file stays open until the records are first read: a cache
        # written meanwhile by another process replaces it, not its content.
        questions = StoredQuestions(Records(handle, records_size), ids, ends, checksums,
                                    reload)
        return Snapshot(Taxonomy(*taxonomy), questions, [Problem(*p) for p in problems], files)
    except Exception:  # any unreadable cache just means "rebuild"
        handle.close()
        return None


def _settled(current: Signature) -> bool:
    """True if no file changed so recently that a further edit could keep its stamp."""
    changed = [max(p.mtime_ns, p.ctime_ns) for p in current if isinstance(p, _Stamp)]
    return not changed or time.time_ns() - max(changed) >= RACY_SECONDS * 1e9


def write(root: Path, current: Signature, snapshot: Snapshot) -> None:
    if not _settled(current):
        return
    taxonomy = snapshot.taxonomy
    records, ids, ends, checksums = pack(snapshot.questions)
    fields: Any = (  # plain values only: marshal refuses anything else
        _plain(current),
        (taxonomy.roles, taxonomy.levels, taxonomy.competencies, taxonomy.kinds,
         taxonomy.source),
        [_problem_fields(p) for p in snapshot.problems],
        snapshot.files, ids, ends, checksums, len(records),
    )
    header = marshal.dumps(fields)
    target = _cache_file(root)
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            handle.write(_PREFIX.pack(_MAGIC, len(header), zlib.crc32(header)))
            handle.write(header)
            handle.write(records)
        temporary.replace(target)
    except OSError:  # a read-only cache directory costs speed, not correctness
        temporary.unlink(missing_ok=True)


def discard(root: Path) -> None:
    """Remove the cache (say, when part of it turned out damaged)."""
    with contextlib.suppress(OSError):
        _cache_file(root).unlink(missing_ok=True)


def _problem_fields(problem: Problem) -> tuple[object, ...]:
    return (problem.file, problem.line, problem.item, problem.field, problem.message,
            problem.severity)
