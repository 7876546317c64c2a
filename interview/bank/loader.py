"""Loading and checking a whole bank: every file, every problem, unique ids."""

from __future__ import annotations

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
from interview.bank.taxonomy import Taxonomy, load_taxonomy
from interview.files import why_unusable


@dataclass
class Bank:
    """The usable questions of a bank, plus the problems found loading it.

    Invalid questions are left out so the rest of the bank stays usable; the
    app shows `problems` as a warning and `interview bank check` fails on them.
    """

    root: str
    taxonomy: Taxonomy
    questions: Mapping[str, Question]  # a dict, or StoredQuestions from the cache
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

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
    """Load the active bank (or `directory`). Raises BankError only if unusable."""
    root = active_bank_dir(directory)
    if not root.is_dir():
        why = why_unusable(root) or "is not a directory"
        raise BankError([Problem(str(root), 1, "-", "-", f"the bank directory {why}")])
    taxonomy_file = taxonomy_path_for(root)
    files = yaml_files(root)
    signature = cache.signature([taxonomy_file, *files]) if use_cache else None
    if signature is not None:
        cached = cache.read(root, signature, lambda: _validate_again(root))
        if cached is not None:
            return Bank(str(root), cached.taxonomy, cached.questions, cached.problems,
                        cached.files)
    taxonomy, problems = load_taxonomy(taxonomy_file)
    if taxonomy is None:
        raise BankError(problems)
    questions: dict[str, Question] = {}
    _add_files(questions, problems, taxonomy, files)
    if signature is not None:
        cache.write(root, signature, cache.Snapshot(taxonomy, questions, problems, len(files)))
    return Bank(str(root), taxonomy, questions, problems, len(files))


def _validate_again(root: Path) -> Mapping[str, Question]:
    """The questions of a bank whose cache turned out damaged: validated, not cached."""
    cache.discard(root)
    return load_bank(root, use_cache=False).questions


def _add_files(questions: dict[str, Question], problems: list[Problem], taxonomy: Taxonomy,
               files: Iterable[Path]) -> None:
    # The readers and validators load only when a file must be read: a warm
    # start from the cache (every command's usual case) needs neither, nor YAML.
    from interview.bank.questions import parse_question_file
    from interview.bank.yamlio import read_document

    for path in files:
        parsed = parse_question_file(read_document(path), taxonomy)
        problems.extend(parsed.problems)
        for question in parsed.questions:
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
        _add_files(combined, problems, taxonomy, members)
        files += len(members)
    return CheckResult(files, list(combined.values()), problems)
