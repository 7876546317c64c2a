"""How questions and queries become searchable text.

Everything is normalised with rapidfuzz's `default_process` (lower case, every
non-alphanumeric character turned into a space, trimmed), so "Rate-Limiter!"
and "rate limiter" are the same words to the index and to the scorer.
"""

from __future__ import annotations

from rapidfuzz import utils

from interview.bank.model import Question


def normalize(text: str) -> str:
    """Lower case, punctuation to spaces, runs of spaces collapsed."""
    processed: str = utils.default_process(text)
    return " ".join(processed.split()) if "  " in processed else processed


def key_text(question: Question) -> str:
    """What the ranking scores: the title, then the tags and competencies.

    Short enough (tens of characters) for WRatio to be meaningful and cheap;
    the prompt is matched by words separately (see SearchIndex).
    """
    tags = " ".join(question.tags)
    return normalize(f"{question.title} {tags} {' '.join(question.competencies)}")


def prompt_text(question: Question) -> str:
    return normalize(question.prompt)
