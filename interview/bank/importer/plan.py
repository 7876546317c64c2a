"""From found drafts to draft Questions: ids, defaults, and what to skip.

A draft is skipped when the bank (or an earlier draft in this import) already
has it: the same text, or a near-duplicate prompt by the rule the caller passes
in (the CLI uses the one `interview bank check` warns about). Each draft is
compared with the bank and with the drafts kept before it, never with one
already skipped, so a list of 3,000 copies costs 3,000 comparisons.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rapidfuzz import utils

from interview.bank.import_defaults import DEFAULT_KIND, DEFAULT_LEVELS
from interview.bank.importer.drafts import Draft, NotQuestion
from interview.bank.importer.plaintext import guess_kind, slug, title_for
from interview.bank.importer.rules import split_difficulty
from interview.bank.model import Question

MINUTES = {"design": 35, "debugging": 30, "code-review": 25, "technical": 15, "behavioral": 15}


class Pair(Protocol):
    """Two questions with near-duplicate prompts (interview.search.dupes.DuplicatePair)."""

    @property
    def first(self) -> Question: ...
    @property
    def second(self) -> Question: ...
    @property
    def score(self) -> float: ...


class NearDuplicates(Protocol):
    """Finds near-duplicate prompts among `questions`, in pairs with at least one
    question from `among`; with `drop_matched`, takes those in order and reports
    each one that matches the others or an earlier kept one once, as `second`,
    with its best match as `first`, and compares no later one with it. The CLI
    passes interview.search.dupes.near_duplicates (bank sits below search, so
    it does not import it)."""

    def __call__(self, questions: Sequence[Question], *, among: Collection[int],
                 drop_matched: bool) -> Iterable[Pair]: ...


@dataclass(frozen=True)
class ImportOptions:
    competency: str
    roles: tuple[str, ...]
    levels: tuple[str, ...] = DEFAULT_LEVELS
    kind: str | None = None  # None: guessed from the wording, else DEFAULT_KIND
    kinds: tuple[str, ...] = (DEFAULT_KIND,)  # the taxonomy's kinds


@dataclass(frozen=True)
class Skip:
    source: str
    line: int
    title: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "line": self.line, "title": self.title,
                "reason": self.reason}


@dataclass
class ImportPlan:
    questions: list[Question] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    not_questions: list[NotQuestion] = field(default_factory=list)  # read, not questions


def plan_import(drafts: Iterable[Draft], bank: Sequence[Question], options: ImportOptions,
                near_duplicates: NearDuplicates | None = None) -> ImportPlan:
    """Questions to import from `drafts`, and the drafts skipped with the reason."""
    plan = ImportPlan()
    by_text = {_key(q.prompt): q for q in bank}
    by_text.update({_key(q.title): q for q in bank})
    taken = {q.id for q in bank}
    tried: dict[str, int] = {}
    fresh: list[Question] = []
    seen: dict[str, Question] = {}
    for draft in drafts:
        plan.not_questions.extend(draft.passed_over)
        question = _question(draft, options, taken, tried)
        key = _key(question.prompt)
        if key in by_text:
            plan.skipped.append(_skip(question, f"already in the bank as {by_text[key].id}"))
        elif key in seen:
            first = seen[key]
            plan.skipped.append(_skip(question, f"repeats {first.source}:{first.line}"))
        else:
            seen[key] = question
            taken.add(question.id)
            fresh.append(question)
    if near_duplicates is None:
        plan.questions = fresh
        return plan
    plan.questions, near = _drop_near_duplicates(fresh, bank, near_duplicates)
    plan.skipped.extend(near)
    return plan


def _drop_near_duplicates(fresh: list[Question], bank: Sequence[Question],
                          near_duplicates: NearDuplicates) -> tuple[list[Question], list[Skip]]:
    """Each fresh question compared with the bank and the fresh ones kept before it;
    one that matches is skipped, with its best match named."""
    new_ids = {q.id for q in fresh}
    everything = [*bank, *fresh]
    matched = {pair.second.id: pair for pair in near_duplicates(
        everything, among=range(len(bank), len(everything)), drop_matched=True)}
    kept: list[Question] = []
    skipped: list[Skip] = []
    for question in fresh:
        pair = matched.get(question.id)
        if pair is None:
            kept.append(question)
            continue
        other = pair.first
        if other.id not in new_ids:
            reason = f"near-duplicate of {other.id} in the bank (score {pair.score:.0f})"
        else:
            reason = (f"near-duplicate of {other.source}:{other.line} in this import "
                      f"(score {pair.score:.0f})")
        skipped.append(_skip(question, reason))
    return kept, skipped


def _question(draft: Draft, options: ImportOptions, taken: set[str],
              tried: dict[str, int]) -> Question:
    text, difficulty = split_difficulty(draft.text.strip())
    heading, marked = split_difficulty(draft.title.strip())
    tags = [*draft.tags, *(mark for mark in (difficulty or marked,) if mark)]
    kind = options.kind or guess_kind(text) or DEFAULT_KIND
    if kind not in options.kinds:
        kind = DEFAULT_KIND if DEFAULT_KIND in options.kinds else options.kinds[0]
    title = title_for(heading or text)
    return Question(
        id=_unique_id(options.competency, title, text, taken, tried),
        title=title,
        kind=kind,
        roles=options.roles,
        levels=options.levels,
        competency=options.competency,
        minutes=MINUTES.get(kind, 20),
        prompt=text,
        follow_ups=tuple(dict.fromkeys(f for f in draft.follow_ups if f and f != text)),
        outline="\n".join(line for line in draft.outline if line).strip(),
        tags=tuple(dict.fromkeys(t for t in (slug(tag, 40) for tag in tags) if t)),
        draft=True,
        source=draft.source,
        line=draft.line,
    )


def _unique_id(competency: str, title: str, text: str, taken: set[str],
               tried: dict[str, int]) -> str:
    """A stable slug: the competency's first word, then the title's words, then
    the first of -2, -3 ... not taken. `tried` keeps, for each slug, the number
    below which all are taken (taken only grows), so that 3,000 questions with
    one title do not each try every number again."""
    prefix = competency.split("-", 1)[0]
    base = slug(title.rstrip("?…"))
    if not base:
        base = "question-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    candidate = f"{prefix}-{base}"
    if candidate not in taken:
        return candidate
    stem = candidate
    number = tried.get(stem, 2)
    while (candidate := f"{stem}-{number}") in taken:
        number += 1
    tried[stem] = number
    return candidate


def _key(text: str) -> str:
    return " ".join(utils.default_process(text).split())


def _skip(question: Question, reason: str) -> Skip:
    return Skip(question.source, question.line, question.title, reason)
