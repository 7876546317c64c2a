"""Why a question matched a query, in the words a person would use: its
title, a tag, its competency, or its prompt."""

from __future__ import annotations

from functools import lru_cache

from interview.bank.model import Question
from interview.search.text import normalize

FIELDS = ("title", "tag", "competency", "prompt")


def matched_fields(question: Question, query: str) -> tuple[str, ...]:
    """The fields (in FIELDS order) holding a word of `query` exactly, or as
    the beginning of one (the word being typed, or a longer form of it).
    Empty when only a close spelling matched: the index found it by typo."""
    words = [w for w in normalize(query).split() if len(w) >= 2]
    if not words:
        return ()
    fields = _words(question.title, question.tags, question.competencies, question.prompt)
    return tuple(field for field, present in zip(FIELDS, fields, strict=True)
                 if any(word.startswith(w) for w in words for word in present))


@lru_cache(maxsize=4096)
def _words(title: str, tags: tuple[str, ...], competencies: tuple[str, ...],
           prompt: str) -> tuple[frozenset[str], ...]:
    """Each field's distinct words, kept for the questions shown lately: the
    same results come back keystroke after keystroke."""
    return (frozenset(normalize(title).split()), frozenset(normalize(" ".join(tags)).split()),
            frozenset(normalize(" ".join(competencies)).split()),
            frozenset(normalize(prompt).split()))
