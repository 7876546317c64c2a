"""Loading and checking a whole bank: every file, every problem, unique ids."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from interview.bank import cache
from interview.bank.filters import QuestionFilter
from interview.bank.locations import (
    TAXONOMY_FILE,
    active_bank_dir,
    taxonomy_path_for,
    yaml_files,
)
from interview.bank.model import Question
from interview.bank.problems import BankError, Problem, errors
from interview.bank.stamps import stamp_of
from interview.bank.taxonomy import Taxonomy, load_taxonomy
from interview.files import why_unusable
from interview.gcpause import collection_paused


@dataclass
class Bank:
    """The usable questions of a bank, plus the problems found loading it.

    Invalid questions are left out so the rest of the bank stays usable; the
    app shows `problems` as a warning and `interview bank check` fails on them.
    """

    root: str
    taxonomy: Taxonomy
    questions: Mapping[str, Question]
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # A digest of what the questions were read from (each file's name and
    # content hash, the taxonomy's): caches of the bank (the search index) key on it.
    key: str = ""

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions.values())

    def get(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def select(self, where: QuestionFilter | None = None) -> list[Question]:
        """Questions `where` accepts (all of them without one), in bank order."""
        if where is None or not where.narrows:
            return list(self.questions.values())
        return [q for q in self.questions.values() if where.matches(q)]


def load_bank(directory: Path | None = None, *, use_cache: bool = True) -> Bank:
    """Load the active bank (or `directory`). Raises BankError only if unusable.

    Every question is read here (from the cache where a file is unchanged):
    a Bank's questions are a plain dict.
    """
    root = active_bank_dir(directory)
    if not root.is_dir():
        why = why_unusable(root) or "is not a directory"
        raise BankError([Problem(str(root), 1, "-", "-", f"the bank directory {why}")])
    store = cache.BankCache.open(root) if use_cache else None
    with collection_paused():  # a bank is many small objects that all survive
        taxonomy, problems, taxonomy_digest = _taxonomy(taxonomy_path_for(root), store)
        if taxonomy is None:
            raise BankError(problems)
        files = yaml_files(root)
        questions: dict[str, Question] = {}
        key = hashlib.sha256(f"{cache.schema()}\x00{taxonomy_digest}".encode())
        found = [_cached_file(path, taxonomy_digest, store) for path in files]
        unread = [file for file in found if file.entry is None]
        for file, entry in zip(unread, _validate_files(unread, taxonomy) if unread else (),
                               strict=True):
            file.entry = entry
            if store is not None and file.data is not None and file.name:
                store.keep(file.name, entry)
        for file in found:
            assert file.entry is not None
            key.update(f"\x00{file.path}\x00{file.digest}".encode())
            problems.extend(file.entry.problems)
            _add_questions(questions, problems, file.entry.questions)
    if store is not None:
        store.save()
    return Bank(str(root), taxonomy, questions, problems, len(files), key.hexdigest())


def _taxonomy(path: Path, store: cache.BankCache | None
              ) -> tuple[Taxonomy | None, list[Problem], str]:
    """The taxonomy at `path` (from the cache if its content is unchanged), its
    problems, and its content hash."""
    try:
        data = path.read_bytes()
    except OSError:
        data = b""  # load_taxonomy says why it cannot be read
    digest = cache.content_hash(data)
    cached = store.taxonomy(digest) if store is not None else None
    if cached is not None:
        return cached[0], cached[1], digest
    taxonomy, problems = load_taxonomy(path)
    if taxonomy is not None and store is not None:
        store.keep_taxonomy(digest, taxonomy, problems)
    return taxonomy, problems, digest


@dataclass
class _File:
    """A question file on its way in: from the cache, or read to be validated."""

    path: Path
    digest: str  # the content's hash
    data: bytes | None = None  # read, when it must be validated
    name: str = ""  # its cache entry's name
    entry: cache.Entry | None = None


def _cached_file(path: Path, taxonomy_digest: str, store: cache.BankCache | None) -> _File:
    """A file and its content hash, with its entry when the cache holds this
    content, else with its bytes to validate."""
    stamp = stamp_of(path)
    digest = store.known_digest(path, stamp) if store is not None and stamp else None
    data = None
    if digest is None:
        data = _read_or_none(path)
        if data is None:
            return _File(path, "unreadable")
        digest = cache.content_hash(data)
        if store is not None and stamp is not None:
            store.hashed(path, stamp, digest)
    if store is None:
        return _File(path, digest, data)
    name = store.entry_name(str(path), digest, taxonomy_digest)
    entry = store.entry(name)
    if entry is None and data is None:  # known by its stamp, but its entry is gone
        data = _read_or_none(path)
        if data is None or cache.content_hash(data) != digest:
            return _File(path, digest, data)  # changed after all: validated, not kept
    return _File(path, digest, data, name, entry)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _validate_files(files: list[_File], taxonomy: Taxonomy) -> Iterator[cache.Entry]:
    """Each file's questions and problems, in order."""
    # The readers and validators load only when a file must be read: a warm
    # start from the cache (every command's usual case) needs neither, nor YAML.
    from interview.bank.questions import parse_question_files
    from interview.bank.yamlio import Document, decode_text, read_document

    documents = []
    for file in files:
        if file.data is None:
            documents.append(read_document(file.path))  # says why it cannot be read
        else:
            text, problems = decode_text(file.data, str(file.path))
            documents.append(Document(str(file.path), None, problems, text))
    for parsed in parse_question_files(documents, taxonomy):
        yield cache.Entry(parsed.questions, parsed.problems)


def _add_questions(questions: dict[str, Question], problems: list[Problem],
                   found: Iterable[Question]) -> None:
    for question in found:
        first = questions.get(question.id)
        if first is not None:
            message = f"duplicate id; first used at {first.source}:{first.line}"
            problems.append(Problem(question.source, question.line, question.id, "id",
                                    message))
            continue
        questions[question.id] = question


def missing_path(path: Path) -> str:
    """What a check says of a path it cannot read: "no such file or directory",
    or the truth when it is something else (a symbolic link loop, say)."""
    why = why_unusable(path)
    return "no such file or directory" if why in ("", "does not exist") else f"this path {why}"


@dataclass
class CheckResult:
    files: int
    questions: list[Question]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def check_paths(paths: Iterable[Path]) -> CheckResult:
    """Validate files and directories as `interview bank check PATH...` does.

    Each directory uses its own taxonomy.yaml when it has one, otherwise the
    bundled taxonomy; a file uses the taxonomy beside it on the same rule. Ids
    must be unique across everything checked together.
    """
    # Keyed by resolved path, so `questions questions/a.yaml $PWD/questions`
    # checks each file (and each taxonomy) once rather than reporting every
    # id in it as a duplicate of itself.
    groups: dict[Path, tuple[Path, list[Path]]] = {}
    seen: set[Path] = set()
    problems: list[Problem] = []

    def group(taxonomy_file: Path) -> list[Path]:
        return groups.setdefault(taxonomy_file.resolve(), (taxonomy_file, []))[1]

    def add(taxonomy_file: Path, file: Path) -> None:
        if file.resolve() not in seen:
            seen.add(file.resolve())
            group(taxonomy_file).append(file)

    for path in paths:
        if path.is_dir():
            found = yaml_files(path)
            if not found:
                problems.append(Problem(str(path), 1, "-", "-", "no question files (*.yaml) here"))
            group(taxonomy_path_for(path))
            for file in found:
                add(taxonomy_path_for(path), file)
        elif path.is_file() and path.name == TAXONOMY_FILE:
            group(path)  # a taxonomy named on its own is checked as one
        elif path.is_file():
            add(taxonomy_path_for(path.parent), path)
        else:
            problems.append(Problem(str(path), 1, "-", "-", missing_path(path)))
    combined: dict[str, Question] = {}
    files = 0
    for taxonomy_file, members in groups.values():
        taxonomy, taxonomy_problems = load_taxonomy(taxonomy_file)
        problems.extend(taxonomy_problems)
        if taxonomy is None:
            continue
        read = [_File(member, "", _read_or_none(member)) for member in members]
        for entry in _validate_files(read, taxonomy):
            problems.extend(entry.problems)
            _add_questions(combined, problems, entry.questions)
        files += len(members)
    return CheckResult(files, list(combined.values()), problems)
