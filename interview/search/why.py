"""Why a question matched a query, in the words a person would use: its
title, a tag, its competency, or its prompt."""

from __future__ import annotations

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
    texts = {
        "title": normalize(question.title),
        "tag": normalize(" ".join(question.tags)),
        "competency": normalize(" ".join(question.competencies)),
        "prompt": normalize(question.prompt),
    }
    found = []
    for field in FIELDS:
        present = texts[field].split()
        if any(word.startswith(w) for w in words for word in present):
            found.append(field)
    return tuple(found)
