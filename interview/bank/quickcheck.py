"""The quick path through question validation: a valid question, checked in one go.

Almost every question in a bank is valid. This checks one with plain
comparisons instead of a FieldReader per field, and returns the Question only
if questions.py's full validation would report no problem at all for it (and
build an equal Question). Otherwise it returns None and the full validation
runs and reports every problem with its line, so this never has to explain.
"""

from __future__ import annotations

from typing import Any

from interview.bank.fields import SLUG
from interview.bank.model import CODING, Question, Rubric
from interview.bank.taxonomy import Taxonomy
from interview.bank.yamlvalues import YList, YMap
from interview.safetext import control_characters

QUESTION_FIELDS = frozenset((
    "id", "title", "kind", "roles", "levels", "competency", "also", "minutes", "prompt",
    "hints", "follow_ups", "rubric", "outline", "tags", "draft",
))
RUBRIC_FIELDS = frozenset(("signals", "red_flags", "by_level", "below_bar"))


def valid_question(entry: Any, default_competency: str, taxonomy: Taxonomy,
                   source: str) -> Question | None:
    """The question in `entry` if it is entirely valid, else None."""
    if not isinstance(entry, YMap) or not entry.keys() <= QUESTION_FIELDS:
        return None
    get = entry.get
    qid, title, kind, prompt = (_text(get("id")), _text(get("title")), _text(get("kind")),
                                _text(get("prompt")))
    if not (qid and title and prompt and kind and kind in taxonomy.kinds and SLUG.match(qid)) \
            or kind == CODING:  # its exercise is checked only by the full validation
        return None
    roles = _choices(get("roles"), taxonomy.roles)
    levels = _choices(get("levels"), taxonomy.levels)
    if not roles or not levels:
        return None
    competency = get("competency")
    if competency is None:
        competency = default_competency
    else:
        competency = _text(competency)
        if competency not in taxonomy.competencies:
            return None
    also = _choices(get("also"), taxonomy.competencies, required=False)
    minutes = get("minutes")
    draft = get("draft", False)
    if not competency or also is None or competency in also or type(draft) is not bool \
            or type(minutes) is not int or minutes <= 0:
        return None
    hints, follow_ups, tags = (_texts(get("hints")), _texts(get("follow_ups")),
                               _texts(get("tags")))
    outline = get("outline")
    if outline is not None:
        outline = _text(outline)
        if not outline:
            return None
    if hints is None or follow_ups is None or tags is None:
        return None
    if "rubric" in entry:
        rubric = _rubric(get("rubric"), levels, taxonomy)
        if rubric is None:
            return None
    elif not draft:
        return None
    else:
        rubric = None
    question = Question(qid, title, kind, roles, levels, competency, minutes, prompt, also,
                        hints, follow_ups, rubric, outline or "", tags, draft, source,
                        entry.line)
    # Control characters are a warning only the full validation can place.
    return None if has_controls(question) else question


def has_controls(question: Question) -> bool:
    rubric = question.rubric
    texts = [question.title, question.prompt, question.outline, *question.hints,
             *question.follow_ups, *question.tags]
    if rubric is not None:
        texts += [*rubric.signals, *rubric.red_flags, *rubric.by_level.values(), rubric.below_bar]
    return any(control_characters(text) for text in texts)


def _text(value: Any) -> str:
    """Non-empty text, stripped, or "" (FieldReader.text's rule)."""
    return value.strip() if isinstance(value, str) else ""


def _texts(value: Any, *, required: bool = False) -> tuple[str, ...] | None:
    """A list of non-empty texts, stripped (FieldReader.text_list's rule), or None."""
    if value is None:
        return None if required else ()
    if not isinstance(value, YList):
        return None
    try:
        items = tuple([item.strip() for item in value])  # only text has .strip() here
    except AttributeError:
        return None
    if "" in items or (required and not items):
        return None
    return items


def _choices(value: Any, allowed: dict[str, str], *,
             required: bool = True) -> tuple[str, ...] | None:
    """Distinct values from `allowed` (FieldReader.choices's rule), or None."""
    items = _texts(value, required=required)
    if items is None:
        return None
    for index, item in enumerate(items):
        if item not in allowed or item in items[:index]:
            return None
    return items


def _rubric(value: Any, levels: tuple[str, ...], taxonomy: Taxonomy) -> Rubric | None:
    if not isinstance(value, YMap) or not value.keys() <= RUBRIC_FIELDS:
        return None
    signals = _texts(value.get("signals"), required=True)
    red_flags = _texts(value.get("red_flags"))
    if signals is None or red_flags is None:
        return None
    by_level: dict[str, str] = {}
    if "by_level" in value:
        table = value["by_level"]
        if not isinstance(table, YMap):
            return None
        for level, text in table.items():
            text = _text(text)
            if not text or level not in levels or level not in taxonomy.levels:
                return None
            by_level[level] = text
    below_bar = ""
    if value.get("below_bar") is not None:
        below_bar = _text(value["below_bar"])
        if not below_bar:
            return None
    return Rubric(signals, red_flags, by_level, below_bar)
