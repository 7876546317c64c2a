"""Filled scorecards: an interviewer's grades, ticks and notes, laid out as the kit.

`render` turns a `Scorecard` into Markdown or one self-contained HTML file:
per round and question the grade, the rubric's signals and red flags ticked
or not, the hints given and the notes with their mm:ss stamps, the bar for
the card's level; then the competency ratings, the recommendation, the
take-aways and the private notes. `questions` maps each question id to the
question as shown; an id it lacks is shown by its id, with no rubric text.
Every piece of bank and user text is shown literally, as in the kit.
`shape.scorecard_shape` is the card's JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview.bank.model import Question
    from interview.practice.interviewing import Scorecard

FORMATS = ("md", "html")


def render(card: Scorecard, questions: Mapping[str, Question], levels: Sequence[str],
           output_format: str) -> str:
    """The card as text in `output_format` (one of FORMATS); `levels` are the
    taxonomy's, to show the bars around the card's level."""
    renderer: Callable[[Scorecard, Mapping[str, Question], Sequence[str]], str]
    if output_format == "md":
        from interview.reports.scorecard.markdown import render_markdown as renderer
    elif output_format == "html":
        from interview.reports.scorecard.html import render_html as renderer
    else:
        raise ValueError(f"unknown scorecard format {output_format!r}; one of {FORMATS}")
    return renderer(card, questions, levels)
