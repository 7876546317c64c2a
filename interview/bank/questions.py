"""Parsing one competency file (`questions/<competency>.yaml`) into Questions.

One set of rules, two ways of reading. The fast way (fastread) parses the
file's values without lines and validates them; a file with nothing wrong
(nearly every file) is done, each question's line found from its `- id:`
line. A file with anything to report is read again by the line-numbered
reader (yamlio) only to say where: the same values, validated again with that
reader's lines. A file the fast way cannot read (refused, or holding a tag) is
read, validated and explained by the line-numbered reader alone.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from interview.bank.fastread import Values, read_values, read_values_soon
from interview.bank.fields import FieldReader
from interview.bank.model import CODING, LANGUAGES, Exercise, Question, Rubric
from interview.bank.problems import Problem, errors
from interview.bank.taxonomy import Taxonomy
from interview.bank.yamlio import Document, YList, YMap, parse_events

FILE_FIELDS = ("competency", "questions")
QUESTION_FIELDS = (
    "id", "title", "kind", "roles", "levels", "competency", "also", "minutes", "prompt",
    "hints", "follow_ups", "rubric", "outline", "tags", "draft", "exercise",
)
RUBRIC_FIELDS = ("signals", "red_flags", "by_level", "below_bar")
EXERCISE_FIELDS = ("language", "signature", "constraints", "starter", "tests", "reference",
                   "stretch")
_IN_QUESTION = re.compile(r"^questions\[(\d+)\](?:\.(.+))?$")
# An item of the `questions` list that starts with its id: `- id: x` (block
# style) or `- {"id": "x", ...}` (flow style, as JSON is written).
_ID_LINE = re.compile(r"- (?:\{[ \t]*)?(?:id|\"id\"|'id')[ \t]*:[ \t]*"
                      r"(\"[^\"\n]*\"|'[^'\n]*'|[^\s,}#]+)[ \t]*(?=[,}\n]|#|\Z)")


@dataclass
class ParsedFile:
    questions: list[Question]
    problems: list[Problem]


def parse_question_file(document: Document, taxonomy: Taxonomy) -> ParsedFile:
    """Validate every question in a file, reporting all problems, not the first."""
    return _parse(document, _values_of(document), taxonomy)


def parse_question_files(documents: Sequence[Document], taxonomy: Taxonomy
                         ) -> Iterator[ParsedFile]:
    """parse_question_file of each document, in order. yaml-rs lets go of the
    GIL while it parses, so the next files are parsed on the parser thread
    while this one is validated: a third quicker on two cores."""
    queued = iter(documents)
    # A few files ahead, not all: parsed values are several times the text.
    ahead: deque[tuple[Document, Future[Values | None] | None]] = deque(
        (document, _values_soon(document)) for document in itertools.islice(queued, 3))
    while ahead:
        document, values = ahead.popleft()
        following = next(queued, None)
        if following is not None:
            ahead.append((following, _values_soon(following)))
        yield _parse(document, values.result() if values is not None else None, taxonomy)


def _values_soon(document: Document) -> Future[Values | None] | None:
    return read_values_soon(document.text) if document.text is not None else None


def _values_of(document: Document) -> Values | None:
    return read_values(document.text) if document.text is not None else None


def _parse(document: Document, values: Values | None, taxonomy: Taxonomy) -> ParsedFile:
    text = document.text
    if text is None:  # unreadable, or parsed already
        return _as_read(document, taxonomy)
    if values is None:
        return _as_read(parse_events(text, document.file), taxonomy)
    id_lines = _id_lines(values.root, text)
    if id_lines is not None:
        quick = _validate(document.file, values.root, None, taxonomy, values.controls, [],
                          id_lines)
        if not quick.problems:
            return quick
    explained = parse_events(text, document.file)
    if explained.root is None or explained.problems:
        # The line reader finds the YAML itself at fault (too deep, say): it explains alone.
        return _as_read(explained, taxonomy)
    return _validate(document.file, values.root, explained.root, taxonomy, values.controls, [])


def _as_read(document: Document, taxonomy: Taxonomy) -> ParsedFile:
    """A file as the line-numbered reader read it: its values, lines and YAML problems."""
    return _validate(document.file, document.root, document.root, taxonomy, True,
                     document.problems)


def _id_lines(root: Any, text: str) -> list[int] | None:
    """The line of each question in the file's values: where its `- id:` is.

    Items of one block list all start in one column, and a block scalar's
    lines are indented deeper than the key they belong to: so a prompt line
    that reads `- id: q-two` is never taken for the question. None if some
    question's line is not found this way (its `id` is not its first key,
    say): the line reader then says where each one is.
    """
    entries = root.get("questions") if isinstance(root, dict) else None
    if not isinstance(entries, list):
        return None
    lines: list[int] = []
    line, position, column = 1, 0, -1
    candidates = _ID_LINE.finditer(text)
    for entry in entries:
        wanted = entry.get("id") if isinstance(entry, dict) else None
        for found in candidates:
            begins = text.rfind("\n", 0, found.start()) + 1
            indent = found.start() - begins
            if found.group(1).strip("'\"") != wanted or \
                    text[begins:found.start()].strip(" ") or column not in (-1, indent):
                continue
            line += text.count("\n", position, found.start())
            position, column = found.start(), indent
            lines.append(line)
            break
        else:
            return None
    return lines


def _validate(shown: str, root: Any, lines: YMap | None, taxonomy: Taxonomy, controls: bool,
              from_yaml: list[Problem], id_lines: list[int] | None = None) -> ParsedFile:
    """The questions of a file's values (`root`), with every problem in them.

    `lines` is the same document from the line reader, or None when reading
    fast (every problem then at line 0, each question at its `id_lines`);
    `from_yaml` is what that reader found wrong with the YAML itself.
    """
    problems, inside = _by_question(from_yaml)
    if root is None:
        return ParsedFile([], problems)
    if not isinstance(root, dict):
        problems.append(Problem(shown, 1, "-", "-", "expected a mapping with a `questions` list"))
        return ParsedFile([], problems)
    refused = {p.field for p in problems} - {"-"}
    start = len(problems)
    top = FieldReader(shown, "-", root, problems=problems, lines=lines, controls=controls)
    top.reject_unknown(FILE_FIELDS)
    default = top.choice("competency", taxonomy.competencies, "competency", required=False)
    entries = root.get("questions")
    if not isinstance(entries, list) or not entries:
        top.report("questions", "the file has no questions (expected a non-empty list)")
        entries = []
    # A value refused while reading YAML (a tag) already has its problem.
    problems[start:] = [p for p in problems[start:] if p.field not in refused]
    found_lines = lines.get("questions") if lines is not None else None
    entry_lines = found_lines if isinstance(found_lines, YList) else None
    # Equal tag lists become one tuple: fewer objects to build from the cache
    # (marshal keeps one copy) and for the collector to walk.
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    questions = []
    for index, entry in enumerate(entries):
        found = inside.pop(index, None) or []
        where = _Where(shown, index, top.line, entry_lines, id_lines)
        if not isinstance(entry, dict):
            problems.extend(found)
        question = _parse_question(where, entry, default, taxonomy, problems, found, controls,
                                   shared)
        if question is not None:
            questions.append(question)
    problems.extend(p for rest in inside.values() for p in rest)  # e.g. a repeated `questions`
    return ParsedFile(questions, problems)


@dataclass(frozen=True)
class _Where:
    """Where one entry of the `questions` list is: its file, index and lines."""

    file: str
    index: int
    file_line: int
    entries: YList | None  # the list as the line reader read it, if it did
    id_lines: list[int] | None  # else, each entry's line as the fast path found it

    @property
    def line(self) -> int:
        if self.entries is not None:
            return self.entries.line_of(self.index)
        return self.id_lines[self.index] if self.id_lines is not None else self.file_line

    @property
    def lines(self) -> YMap | None:
        if self.entries is None or self.index >= len(self.entries):
            return None
        found = self.entries[self.index]
        return found if isinstance(found, YMap) else YMap(self.line)


def _parse_question(
    where: _Where,
    entry: object,
    default_competency: str,
    taxonomy: Taxonomy,
    problems: list[Problem],
    from_yaml: list[Problem],
    controls: bool,
    shared: dict[tuple[str, ...], tuple[str, ...]],
) -> Question | None:
    shown, index = where.file, where.index
    if not isinstance(entry, dict):
        problems.append(Problem(shown, where.line, "-", f"questions[{index}]",
                                "must be a mapping"))
        return None
    raw_id = entry.get("id")
    item = raw_id if isinstance(raw_id, str) and raw_id.strip() else f"questions[{index}]"
    before = len(problems)
    from_yaml = [replace(p, item=item, field=_field_in_question(p.field)) for p in from_yaml]
    problems.extend(from_yaml)
    read = FieldReader(shown, item, entry, problems=problems, lines=where.lines,
                       controls=controls)
    read.reject_unknown(QUESTION_FIELDS)
    qid = read.slug("id")
    title = read.text("title")
    kind = read.choice("kind", taxonomy.kinds, "kind")
    def share(value: tuple[str, ...]) -> tuple[str, ...]:
        return shared.setdefault(value, value)

    roles = share(read.choices("roles", taxonomy.roles, "role", required=True))
    levels = share(read.choices("levels", taxonomy.levels, "level", required=True))
    if entry.get("competency") is None:  # absent or empty: the file's default applies
        competency = default_competency
        if not competency:
            read.report("competency", "missing here, and the file has no valid `competency`")
    else:
        competency = read.choice("competency", taxonomy.competencies, "competency")
    also = share(read.choices("also", taxonomy.competencies, "competency", required=False))
    if competency and competency in also:
        read.report("also", f"repeats the question's own competency {competency!r}")
    minutes = read.positive_int("minutes")
    prompt = read.text("prompt")
    draft = read.flag("draft")
    rubric = _parse_rubric(read, levels, taxonomy, draft)
    exercise = _parse_exercise(read, kind)
    question = Question(
        id=qid,
        title=title,
        kind=kind,
        roles=roles,
        levels=levels,
        competency=competency,
        minutes=minutes,
        prompt=prompt,
        also=also,
        hints=read.text_list("hints"),
        follow_ups=read.text_list("follow_ups"),
        rubric=rubric,
        outline=read.text("outline", required=False),
        tags=share(tuple(map(sys.intern, read.text_list("tags")))),
        draft=draft,
        source=shown,
        line=where.line,
        exercise=exercise,
    )
    # A value the YAML layer refused (a tag, say) then reads as missing or
    # mistyped here; its field already has a problem, so don't report it twice.
    refused = {p.field for p in from_yaml}
    start = before + len(from_yaml)
    problems[start:] = [p for p in problems[start:] if p.field not in refused]
    # Warnings (control characters, say) keep the question; errors leave it out.
    return question if not errors(problems[before:]) else None


def _by_question(found: list[Problem]) -> tuple[list[Problem], dict[int, list[Problem]]]:
    """Split YAML-level problems into file-wide ones and those inside each question."""
    whole_file: list[Problem] = []
    inside: dict[int, list[Problem]] = {}
    for problem in found:
        match = _IN_QUESTION.match(problem.field)
        if match is None:
            whole_file.append(problem)
        else:
            inside.setdefault(int(match.group(1)), []).append(problem)
    return whole_file, inside


def _field_in_question(path: str) -> str:
    """`questions[2].rubric.signals` -> `rubric.signals` (`-` for the question itself)."""
    match = _IN_QUESTION.match(path)
    return (match.group(2) or "-") if match else path


def _parse_rubric(
    read: FieldReader, levels: tuple[str, ...], taxonomy: Taxonomy, draft: bool
) -> Rubric | None:
    if "rubric" not in read.mapping:
        if not draft:
            read.report("rubric", "required unless the question is marked `draft: true`")
        return None
    rubric = read.child("rubric")
    if rubric is None:
        return None
    rubric.reject_unknown(RUBRIC_FIELDS)
    signals = rubric.text_list("signals", required=True)
    red_flags = rubric.text_list("red_flags")
    by_level: dict[str, str] = {}
    if "by_level" in rubric.mapping:
        table = rubric.child("by_level")
        if table is not None:
            for level in table.mapping:
                text = table.text(level)
                if level not in taxonomy.levels:
                    table.report(level, f"{level!r} is not a level in the taxonomy")
                elif levels and level not in levels:
                    table.report(level, f"the question is not tagged with level {level!r}")
                elif text:
                    by_level[level] = text
    return Rubric(signals, red_flags, by_level, rubric.text("below_bar", required=False))


def _parse_exercise(read: FieldReader, kind: str) -> Exercise | None:
    """A coding question's exercise (required there, refused on other kinds)."""
    if "exercise" not in read.mapping:
        if kind == CODING:
            read.report("exercise", "required on a `coding` question (language, signature, "
                                    "starter, tests, reference)")
        return None
    if kind and kind != CODING:
        read.report("exercise", f"only a `coding` question has an exercise, not a {kind!r} one")
        return None
    exercise = read.child("exercise")
    if exercise is None:
        return None
    exercise.reject_unknown(EXERCISE_FIELDS)
    language = exercise.text("language")
    if language and language not in LANGUAGES:
        exercise.report("language", f"{language!r} is not one of {', '.join(LANGUAGES)}")
        language = ""
    return Exercise(
        language=language,
        signature=exercise.text("signature"),
        starter=_code(exercise, "starter"),
        tests=_code(exercise, "tests"),
        reference=_code(exercise, "reference"),
        constraints=exercise.text_list("constraints"),
        stretch=exercise.text("stretch", required=False),
    )


def _code(read: FieldReader, key: str) -> str:
    """A source file as written (indentation kept), ending in one newline."""
    text = read.text(key)  # reports a missing or empty one
    raw = read.mapping.get(key)
    return raw.rstrip() + "\n" if text and isinstance(raw, str) else ""
