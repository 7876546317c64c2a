"""Filled scorecards as Markdown, HTML and JSON (interview.reports.scorecard):
grades, ticks, hints and notes filled in; bank and user text shown literally;
a question the caller does not have shown by its id."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from markdown_it import MarkdownIt

from interview.bank.model import Question, Rubric
from interview.practice.domain import Grade, PlannedQuestion
from interview.practice.interviewing import (
    Closing,
    HintGiven,
    Note,
    QuestionScore,
    Recommendation,
    Scorecard,
    ScorecardStatus,
)
from interview.reports.kit.model import question_bars
from interview.reports.scorecard import FORMATS, render
from interview.reports.scorecard.shape import clock, scorecard_shape
from tests.test_kit import Page, assert_self_contained, parse, rendered, squash

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEVELS = ("junior", "mid", "senior", "staff")
# Text every format must show as written: HTML with a script, BBCode/Rich-like
# markup, Markdown table pipes, emphasis and backticks.
HOSTILE = "<script>alert('x')</script> [b]bold[/b] [red]x[/red] | a | b | *star* _u_ `tick`"


def question(qid: str = "q-cache", **overrides: Any) -> Question:
    data: dict[str, Any] = {
        "id": qid, "title": f"Title of {qid}", "kind": "technical",
        "roles": ("software-engineer",), "levels": ("senior",), "competency": "coding-craft",
        "minutes": 10, "prompt": f"Explain {qid}.",
        "hints": ("Think about eviction.", "What if two writers race?"),
        "rubric": Rubric(signals=("Names LRU", "Mentions TTLs", "Handles stampedes"),
                         red_flags=("Caches everything forever", "Ignores invalidation"),
                         by_level={"mid": "Mid bar text", "senior": "Senior bar text"}),
    }
    data.update(overrides)
    return Question(**data)


def score(position: int = 0, qid: str = "q-cache", **overrides: Any) -> QuestionScore:
    item = PlannedQuestion(qid, overrides.pop("competency", "coding-craft"),
                           overrides.pop("seconds", 600), overrides.pop("round", "Coding"))
    return QuestionScore(position, item, **overrides)


def note(position: int, at_seconds: float, body: str) -> Note:
    return Note(position, at_seconds, T0 + timedelta(seconds=at_seconds), body)


def card(*scores: QuestionScore, **overrides: Any) -> Scorecard:
    data: dict[str, Any] = {
        "id": 7, "candidate": "Ada Candidate", "interviewer": "Ivan Interviewer",
        "plan_id": "backend-loop", "plan_title": "Backend loop", "role": "software-engineer",
        "level": "senior", "started_at": T0,
        "questions": scores or (score(0, grade=Grade.YES, signals=(0, 2), red_flags=(1,),
                                      hints=(HintGiven(1, 90.0),), seconds_used=250.0),),
    }
    data.update(overrides)
    return Scorecard(**data)


QUESTIONS: dict[str, Question] = {"q-cache": question()}


def text_of(output: str, output_format: str) -> str:
    """What a reader sees: Markdown rendered, or the HTML's text."""
    page: Page = rendered(output) if output_format == "md" else parse(output)
    return page.text


def both(filled: Scorecard, questions: Mapping[str, Question] = QUESTIONS
         ) -> dict[str, str]:
    return {f: text_of(render(filled, questions, LEVELS, f), f) for f in FORMATS}


# -- ticks, grades, times -------------------------------------------------------------

@pytest.mark.parametrize("output_format", FORMATS)
def test_ticked_and_unticked_signals_and_red_flags(output_format: str) -> None:
    seen = text_of(render(card(), QUESTIONS, LEVELS, output_format), output_format)
    assert "☑ Names LRU" in seen and "☐ Mentions TTLs" in seen and "☑ Handles stampedes" in seen
    assert "☐ Caches everything forever" in seen and "☑ Ignores invalidation" in seen
    signals = seen[seen.index("Signals"):seen.index("Red flags")]
    assert signals.count("☑") == 2 and signals.count("☐") == 1


@pytest.mark.parametrize("output_format", FORMATS)
def test_grades_not_asked_not_graded_and_self_grades(output_format: str) -> None:
    filled = card(score(0, grade=Grade.STRONG_YES, self_grade=Grade.NO),
                  score(1, "q-two", not_asked=True, round="Design"),
                  score(2, "q-three", round="Design"), self_graded=True)
    questions = {q.id: q for q in (question(), question("q-two"), question("q-three"))}
    seen = text_of(render(filled, questions, LEVELS, output_format), output_format)
    assert "Grade: 4 strong yes" in seen
    assert re.search(r"self-grade: 2 no", seen, re.IGNORECASE)
    assert "Grade: not asked" in seen and "Grade: not graded" in seen
    assert len(re.findall(r"[Ss]elf-grade:", seen)) == 1  # only where given
    assert "self-graded" in seen


def test_clock_is_minutes_and_seconds_into_the_question() -> None:
    assert [clock(s) for s in (0, 5, 125.9, 600, 3725, -3)] == [
        "00:00", "00:05", "02:05", "10:00", "62:05", "00:00"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_notes_and_hints_carry_their_stamps(output_format: str) -> None:
    filled = card(score(0, grade=Grade.YES, hints=(HintGiven(0, 65.2), HintGiven(4, 300.0)),
                        seconds_used=700.0),
                  notes=(note(0, 125.9, "Asked about write-through"), note(0, 7.0, "Started")))
    seen = text_of(render(filled, QUESTIONS, LEVELS, output_format), output_format)
    assert "02:05 Asked about write-through" in seen and "00:07 Started" in seen
    assert "01:05 hint 1: Think about eviction." in seen
    assert "05:00 hint 5" in seen and "What if two writers race?" not in seen  # not given
    assert "11:40 of 10:00 (over time)" in seen


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_note_keeps_its_lines_and_is_never_a_list(output_format: str) -> None:
    filled = card(notes=(note(0, 61.0, "first line\n- not a list\n1. nor this"),))
    output = render(filled, QUESTIONS, LEVELS, output_format)
    html = MarkdownIt("gfm-like").render(output) if output_format == "md" else output
    assert "01:01 first line - not a list 1. nor this" in parse(html).text
    notes = html[html.index("Notes</h4>"):]
    notes = notes[:notes.index("<h4>")]
    assert notes.count("<li>") == 1 and notes.count("<ul") == 1 and "<ol" not in notes
    if output_format == "md":  # hard breaks
        assert notes.count("<br") == 2
    else:  # the text as written, shown with its line breaks
        assert "first line\n- not a list\n1. nor this" in notes


# -- the bar, rounds, closing -----------------------------------------------------------

@pytest.mark.parametrize("output_format", FORMATS)
def test_the_bar_for_the_cards_level(output_format: str) -> None:
    seen = both(card())[output_format]
    assert re.search(r"The bar \(senior\):? Senior bar text", seen)
    assert re.search(r"One level below \(mid\):? Mid bar text", seen)
    assert "One level above" not in seen  # staff has no bar written
    staff = both(card(level="staff"))[output_format]
    assert re.search(r"The bar \(staff\):? None written for this question \(bars written "
                     r"for: mid, senior\)", staff)


def test_question_bars_copes_with_a_level_outside_the_taxonomy() -> None:
    bars = question_bars(question(), "principal", LEVELS)
    assert [(b.level, b.relation, b.text) for b in bars] == [("principal", "at", "")]
    around = question_bars(question(), "senior", LEVELS)
    assert [(b.level, b.relation) for b in around] == [("mid", "below"), ("senior", "at")]


@pytest.mark.parametrize("output_format", FORMATS)
def test_questions_are_grouped_by_round(output_format: str) -> None:
    filled = card(score(0), score(1, "q-two"), score(2, "q-three", round="Design"))
    questions = {q.id: q for q in (question(), question("q-two"), question("q-three"))}
    seen = text_of(render(filled, questions, LEVELS, output_format), output_format)
    assert seen.count("Round 1: Coding") == 1 and seen.count("Round 2: Design") == 1
    assert seen.index("1.1 Title of q-cache") < seen.index("1.2 Title of q-two") \
        < seen.index("Round 2: Design") < seen.index("2.1 Title of q-three")


@pytest.mark.parametrize("output_format", FORMATS)
def test_ratings_recommendation_and_private_notes(output_format: str) -> None:
    closing = Closing({"coding-craft": Grade.NO, "communication": Grade.STRONG_YES},
                      Recommendation.STRONG_YES, "Solid on caching.", "Seemed tired; ask HR.")
    seen = both(card(closing=closing, status=ScorecardStatus.SUBMITTED,
                     submitted_at=T0 + timedelta(hours=1)))[output_format]
    closing_text = seen[seen.index("Ratings and recommendation"):]
    assert re.search(r"coding-craft \|? ?2 no", closing_text)
    assert re.search(r"communication \|? ?4 strong yes", closing_text)
    assert "☑ strong yes" in closing_text and "☐ yes" in closing_text
    assert closing_text.count("☑") == 1
    assert "Key take-aways Solid on caching." in closing_text
    private = closing_text.index("Private notes (not for the candidate)")
    assert closing_text.index("Key take-aways") < private
    assert "Seemed tired; ask HR." in closing_text[private:]
    assert "Submitted: 2026-03-02 10:00 UTC" in seen or "Submitted 2026-03-02 10:00 UTC" in seen


@pytest.mark.parametrize("output_format", FORMATS)
def test_an_empty_closing_says_so(output_format: str) -> None:
    seen = both(card())[output_format]
    assert "Private notes (not for the candidate) None written." in seen
    assert "(none made yet)" in seen and "☑ yes" not in seen
    assert re.search(r"coding-craft \|? ?not rated", seen)
    assert re.search(r"Submitted:? not yet", seen)


# -- a question the caller does not have -------------------------------------------------

@pytest.mark.parametrize("output_format", FORMATS)
def test_a_missing_question_is_shown_by_its_id(output_format: str) -> None:
    filled = card(score(0, "gone-question", grade=Grade.NO, signals=(1,),
                        hints=(HintGiven(0, 30.0),)),
                  notes=(note(0, 42.0, "Still noted"),))
    seen = text_of(render(filled, {}, LEVELS, output_format), output_format)
    assert "1.1 gone-question" in seen and "Grade: 2 no" in seen
    assert "The question's text is not available" in seen
    assert "☑ signal 2 (text not available)" in seen and "00:30 hint 1" in seen
    assert "00:42 Still noted" in seen and "The bar" not in seen


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_draft_without_a_rubric(output_format: str) -> None:
    seen = both(card(score(0, grade=Grade.NO)), {"q-cache": question(rubric=None)}
                )[output_format]
    assert "No rubric: this question is a draft." in seen
    assert "None in the rubric." in seen and "The bar" not in seen


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scorecard format 'pdf'"):
        render(card(), QUESTIONS, LEVELS, "pdf")


# -- hostile text --------------------------------------------------------------------------

def hostile_card() -> tuple[Scorecard, dict[str, Question]]:
    hostile = question(title=f"Title {HOSTILE}", hints=(f"Hint {HOSTILE}",),
                       rubric=Rubric(signals=(f"Signal {HOSTILE}", "- dash signal"),
                                     red_flags=(f"Flag {HOSTILE}",),
                                     by_level={"senior": f"Bar {HOSTILE}"}))
    filled = card(score(0, grade=Grade.YES, signals=(0,), hints=(HintGiven(0, 10.0),),
                        competency=f"comp {HOSTILE}"),
                  candidate=f"Cand {HOSTILE}", plan_title=f"Plan {HOSTILE}",
                  notes=(note(0, 125.0, f"Note {HOSTILE}"),),
                  closing=Closing({f"comp {HOSTILE}": Grade.YES}, Recommendation.NO,
                                  f"Take {HOSTILE}", f"Private {HOSTILE}\n  indented"))
    return filled, {"q-cache": hostile}


LITERALS = [f"Title {HOSTILE}", f"☑ Signal {HOSTILE}", "☐ - dash signal", f"☐ Flag {HOSTILE}",
            f"hint 1: Hint {HOSTILE}", f"02:05 Note {HOSTILE}", f"Bar {HOSTILE}",
            f"Cand {HOSTILE}", f"Plan {HOSTILE}", f"Take {HOSTILE}", f"Private {HOSTILE}"]


def test_markdown_shows_hostile_text_literally() -> None:
    filled, questions = hostile_card()
    markdown = render(filled, questions, LEVELS, "md")
    page = rendered(markdown)
    for value in LITERALS:
        assert squash(value) in page.text, value
    assert not {"script", "b", "em", "a", "h5", "hr"} & set(page.tags)
    assert page.tags.count("code") == page.tags.count("pre") == 2  # the closing's two boxes
    # Pipes in a table cell are escaped: every row keeps its four (or two) cells.
    rows = [r for r in markdown.splitlines() if r.startswith("| ")]
    assert sum("comp " in r and "\\| a \\| b \\|" in r for r in rows) == 2
    assert all(len(re.findall(r"(?<!\\)\|", r)) in (5, 3) for r in rows), rows
    assert page.tags.count("td") == 4 + 2  # the summary's row, the ratings' row
    assert f"Private {HOSTILE}\n  indented" in page.pre[-1]  # fenced, verbatim


def test_html_shows_hostile_text_literally() -> None:
    filled, questions = hostile_card()
    html = render(filled, questions, LEVELS, "html")
    page = assert_self_contained(html)
    for value in LITERALS:
        assert squash(value) in page.text, value
    assert "<script" not in html.lower() and "&lt;script&gt;" in html
    assert not {"b", "em", "code"} & set(page.tags)
    assert html.count("<tr>") == 1 + 1 + 1 + 1  # two tables, a header and a row each
    assert f"Private {HOSTILE}\n  indented".replace("<", "&lt;").replace(">", "&gt;") \
        .replace("'", "&#x27;") in html


# -- JSON ----------------------------------------------------------------------------------

def test_the_json_shape() -> None:
    filled = card(score(0, grade=Grade.YES, signals=(0, 2, 9), red_flags=(1,),
                        hints=(HintGiven(1, 90.0),), seconds_used=250.0),
                  score(1, "gone", not_asked=True, round="Design", self_grade=Grade.NO),
                  notes=(note(0, 125.5, "Good start"),), status=ScorecardStatus.SUBMITTED,
                  submitted_at=T0 + timedelta(hours=1),
                  closing=Closing({"coding-craft": Grade.YES}, Recommendation.NO_DECISION,
                                  "Take", "Private"))
    shape = scorecard_shape(filled, QUESTIONS)
    assert json.loads(json.dumps(shape)) == shape
    assert list(shape) == ["id", "candidate", "interviewer", "plan", "role", "level", "status",
                           "self_graded", "started_at", "submitted_at", "questions", "ratings",
                           "recommendation", "takeaways", "private_notes"]
    assert shape["plan"] == {"id": "backend-loop", "title": "Backend loop"}
    assert shape["status"] == "submitted" and shape["recommendation"] == "no-decision"
    assert shape["started_at"] == "2026-03-02T09:00:00+00:00"
    assert shape["submitted_at"] == "2026-03-02T10:00:00+00:00"
    assert shape["ratings"] == {"coding-craft": 3}
    questions = shape["questions"]
    assert isinstance(questions, list) and len(questions) == 2
    first, second = questions
    assert first == {
        "position": 1, "question_id": "q-cache", "title": "Title of q-cache",
        "competency": "coding-craft", "round": "Coding", "seconds_allowed": 600,
        "seconds_used": 250.0, "grade": 3, "grade_label": "yes", "not_asked": False,
        "self_grade": None,
        "signals": [{"index": 1, "text": "Names LRU", "ticked": True},
                    {"index": 2, "text": "Mentions TTLs", "ticked": False},
                    {"index": 3, "text": "Handles stampedes", "ticked": True},
                    {"index": 10, "text": "", "ticked": True}],
        "red_flags": [{"index": 1, "text": "Caches everything forever", "ticked": False},
                      {"index": 2, "text": "Ignores invalidation", "ticked": True}],
        "hints": [{"index": 2, "text": "What if two writers race?", "at_seconds": 90.0}],
        "notes": [{"at_seconds": 125.5, "written_at": "2026-03-02T09:02:05.500000+00:00",
                   "text": "Good start"}],
    }
    assert second["title"] == "gone" and second["grade"] is None  # unknown: its id
    assert second["grade_label"] is None and second["not_asked"] is True
    assert second["self_grade"] == 2 and second["signals"] == [] and second["notes"] == []


def test_the_json_of_an_open_card() -> None:
    shape = scorecard_shape(card(), {})
    assert shape["submitted_at"] is None and shape["recommendation"] is None
    assert shape["ratings"] == {} and shape["takeaways"] == "" and shape["self_graded"] is False
    assert json.dumps(shape)  # serialisable as it stands
