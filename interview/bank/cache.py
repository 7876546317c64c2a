"""The bank cache: each question file's validated questions, kept by content.

An entry holds one file's questions and problems, under a key made of the
file's content hash (SHA-256), the name it was read under (questions carry it
as `source`), the taxonomy's hash and the schema (the bank package's code), so
editing one file re-validates that file only, and an entry can never stand
for other content or other rules. Entries hold plain values (marshal, not
pickle; see records.py); any trouble reading one means validating that file
again, never an error.

Hashing every file on every start would cost more than reading the entries,
so each bank has an index that remembers every file's stat data beside its
hash, as git's index does, and trusts an unchanged stamp. Not one taken in
the RACY_SECONDS after the file changed: file-system clocks are coarse, so a
further edit that soon can keep both size and mtime; such a file is hashed
again on the next start. The stamp also holds the inode and ctime, which tools
that restore an old mtime cannot restore.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from interview.bank.model import Question
from interview.bank.problems import Problem
from interview.bank.records import from_record, problem_from, problem_record, to_record
from interview.bank.stamps import Stamp, code_version
from interview.bank.taxonomy import Taxonomy
from interview.config import cache_dir

# Longer than any file-system timestamp granularity (FAT: 2 s).
RACY_SECONDS = 3.0
_MAGIC = b"IVBANK\x00\x03"


def schema() -> str:
    """Everything besides a file's content and taxonomy that its entry depends on."""
    return hashlib.sha256(repr(code_version()).encode()).hexdigest()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _index_file(root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"bank-{key}.index"


def _entry_file(name: str) -> Path:
    return cache_dir() / "bank-files" / f"{name}.bin"


def companion_file(root: Path, kind: str, suffix: str) -> Path:
    """Where another cache of the bank at `root` (a search index, say) is kept:
    beside the bank's index, keyed by the bank's path the same way."""
    index = _index_file(root)
    return index.with_name(f"{kind}-{index.stem.removeprefix('bank-')}{suffix}")


class Entry(NamedTuple):
    """One file's validated content."""

    questions: list[Question]
    problems: list[Problem]


class _Known(NamedTuple):
    """The index's memory of one file."""

    stamp: Stamp
    digest: str
    settled: bool  # the stamp was taken long enough after the last change to trust


@dataclass
class BankCache:
    """The cache of the bank at `root`: read on opening, written by `save`."""

    root: Path
    schema: str = field(default_factory=schema)
    _files: dict[str, _Known] = field(default_factory=dict)
    _taxonomy: tuple[str, Any] | None = None  # (hash, plain values)
    _seen: dict[str, _Known] = field(default_factory=dict)
    _entries: set[str] = field(default_factory=set)
    _old_entries: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path) -> BankCache:
        opened = cls(root)
        with contextlib.suppress(Exception):  # an unreadable index just means hashing again
            found = _unpack(_index_file(root).read_bytes())
            if found is not None and found[0] == opened.schema:
                _, taxonomy, files, entries = found
                opened._taxonomy = taxonomy
                opened._files = {name: _Known(Stamp(*known[0]), known[1], known[2])
                                 for name, known in files.items()}
                opened._old_entries = set(entries)
        return opened

    def known_digest(self, path: Path, stamp: Stamp) -> str | None:
        """The content hash of `path` if its stamp is one the index can trust."""
        known = self._files.get(str(path.resolve()))
        if known is None or not known.settled or known.stamp != stamp:
            return None
        self._seen[str(path.resolve())] = known
        return known.digest

    def hashed(self, path: Path, stamp: Stamp, digest: str) -> None:
        """Remember `digest` as the content of `path` as it stood at `stamp`."""
        newest = max(stamp.mtime_ns, stamp.ctime_ns)
        settled = time.time_ns() - newest >= RACY_SECONDS * 1e9
        self._seen[str(path.resolve())] = _Known(stamp, digest, settled)

    def taxonomy(self, digest: str) -> tuple[Taxonomy, list[Problem]] | None:
        if self._taxonomy is None or self._taxonomy[0] != digest:
            return None
        values, problems = self._taxonomy[1]
        return Taxonomy(*values), [problem_from(p) for p in problems]

    def keep_taxonomy(self, digest: str, taxonomy: Taxonomy, problems: list[Problem]) -> None:
        values = dataclasses.astuple(taxonomy)  # its fields in order, as Taxonomy(*values) takes
        self._taxonomy = (digest, (values, [problem_record(p) for p in problems]))

    def entry_name(self, shown: str, digest: str, taxonomy_digest: str) -> str:
        key = "\x00".join((self.schema, taxonomy_digest, shown, digest))
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def entry(self, name: str) -> Entry | None:
        """The entry called `name`, or None if there is none or it is damaged."""
        try:
            found = _unpack(_entry_file(name).read_bytes())
            if found is None:
                return None
            records, problems = found
            entry = Entry([from_record(r) for r in records], [problem_from(p) for p in problems])
        except Exception:  # missing, cut short, from other code: validate again
            return None
        self._entries.add(name)
        return entry

    def keep(self, name: str, entry: Entry) -> None:
        records = [to_record(q) for q in entry.questions]
        _write(_entry_file(name), _pack((records, [problem_record(p) for p in entry.problems])))
        self._entries.add(name)

    def save(self) -> None:
        """Write the index if anything changed; drop entries no longer used."""
        if self._seen == self._files and self._entries == self._old_entries:
            return
        files = {name: (tuple(known.stamp), known.digest, known.settled)
                 for name, known in self._seen.items()}
        if _write(_index_file(self.root),
                  _pack((self.schema, self._taxonomy, files, sorted(self._entries)))):
            for stale in self._old_entries - self._entries:
                with contextlib.suppress(OSError):
                    _entry_file(stale).unlink()


def _pack(value: Any) -> bytes:
    body = marshal.dumps(value)
    return _MAGIC + zlib.crc32(body).to_bytes(4, "little") + body


def _unpack(data: bytes) -> Any:
    """What _pack packed, or None if `data` is not that (damaged, or another format)."""
    head = len(_MAGIC)
    body = memoryview(data)[head + 4:]
    if data[:head] != _MAGIC or int.from_bytes(data[head:head + 4], "little") != \
            zlib.crc32(body):
        return None
    return marshal.loads(body)


def _write(target: Path, data: bytes) -> bool:
    """Write `data` to `target` atomically; False if the cache cannot be written
    (a read-only cache directory costs speed, not correctness)."""
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True
