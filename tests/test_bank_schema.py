"""Question files: every rule of the bank format, each with a file that breaks it.

Problems are compared as whole lines, `FILE:LINE: QUESTION-ID: FIELD: MESSAGE`,
so a wrong line number, id or field fails the test as surely as a missed rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interview.bank.locations import bundled_bank_dir
from interview.bank.model import Question, Rubric
from interview.bank.questions import parse_question_file
from interview.bank.taxonomy import Taxonomy, load_taxonomy
from interview.bank.yamlio import parse_document

# One valid question; the comments are the line numbers tests refer to.
VALID = """\
competency: coding-craft
questions:
  - id: q-one
    title: First question
    kind: technical
    roles: [software-engineer]
    levels: [senior]
    minutes: 20
    prompt: Explain it.
    rubric:
      signals: [Says something true.]
"""
#          line:  1 competency, 2 questions, 3 id, 4 title, 5 kind, 6 roles,
#                 7 levels, 8 minutes, 9 prompt, 10 rubric, 11 signals

LINE_PATTERN = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<item>[^:]+): (?P<field>[^:]+): .+$")


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    loaded, problems = load_taxonomy(bundled_bank_dir() / "taxonomy.yaml")
    assert problems == []
    assert loaded is not None
    return loaded


def check(tmp_path: Path, taxonomy: Taxonomy, text: str) -> tuple[list[Question], list[str]]:
    path = tmp_path / "coding-craft.yaml"
    path.write_text(text, encoding="utf-8")
    parsed = parse_question_file(parse_document(path), taxonomy)
    problems = [str(p) for p in parsed.problems]
    for problem in problems:
        assert LINE_PATTERN.match(problem), problem
    return parsed.questions, [p.replace(f"{path}:", "F:", 1) for p in problems]


def edit(old: str, new: str, text: str = VALID) -> str:
    """`text` with the one occurrence of `old` (whole lines) replaced by `new`."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


TITLE = "    title: First question\n"
KIND = "    kind: technical\n"
ROLES = "    roles: [software-engineer]\n"
LEVELS = "    levels: [senior]\n"
MINUTES = "    minutes: 20\n"
PROMPT = "    prompt: Explain it.\n"
SIGNALS = "      signals: [Says something true.]\n"
RUBRIC = "    rubric:\n      signals: [Says something true.]\n"
NO_FILE_COMPETENCY = VALID.replace("competency: coding-craft\n", "")


def test_the_valid_file_has_no_problems(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, VALID)
    assert problems == []
    (question,) = questions
    assert (question.id, question.competency, question.line) == ("q-one", "coding-craft", 3)
    assert question.source.endswith("coding-craft.yaml")


def test_every_field_is_read(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = VALID + (
        "    also: [performance-engineering, debugging-diagnostics]\n"
        "    hints: [First hint, Second hint]\n"
        "    follow_ups: [And then?]\n"
        "    outline: |\n      Step one.\n      Step two.\n"
        "    tags: [latency]\n"
        "    draft: false\n"
    ).replace("    rubric:\n      signals: [Says something true.]\n", "")
    text += (
        "    rubric:\n      signals: [One, Two]\n      red_flags: [Bad]\n"
        "      by_level:\n        senior: Gets it.\n"
    )
    text = text.replace("    rubric:\n      signals: [Says something true.]\n", "", 1)
    questions, problems = check(tmp_path, taxonomy, text)
    assert problems == []
    (question,) = questions
    assert question == Question(
        id="q-one", title="First question", kind="technical", roles=("software-engineer",),
        levels=("senior",), competency="coding-craft", minutes=20, prompt="Explain it.",
        also=("performance-engineering", "debugging-diagnostics"),
        hints=("First hint", "Second hint"), follow_ups=("And then?",),
        rubric=Rubric(("One", "Two"), ("Bad",), {"senior": "Gets it."}),
        outline="Step one.\nStep two.", tags=("latency",), draft=False,
        source=question.source, line=3,
    )


# --- required fields -------------------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "item", "field"),
    [("  - id: q-one\n    title:", "  - title:", "questions[0]", "id"),
     (TITLE, "", "q-one", "title"),
     ("    kind: technical\n", "", "q-one", "kind"),
     ("    roles: [software-engineer]\n", "", "q-one", "roles"),
     ("    levels: [senior]\n", "", "q-one", "levels"),
     ("    minutes: 20\n", "", "q-one", "minutes"),
     ("    prompt: Explain it.\n", "", "q-one", "prompt")],
)
def test_each_required_field_is_reported_at_its_question(
    tmp_path: Path, taxonomy: Taxonomy, old: str, new: str, item: str, field: str
) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(old, new))
    assert questions == []
    assert problems == [f"F:3: {item}: {field}: required field is missing"]


def test_competency_comes_from_the_file(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, VALID)
    assert problems == []
    assert questions[0].competency == "coding-craft"


def test_a_question_may_name_its_own_competency(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = edit(TITLE, TITLE + "    competency: networking\n")
    questions, problems = check(tmp_path, taxonomy, text)
    assert problems == []
    assert questions[0].competency == "networking"


def test_a_question_without_any_competency_is_an_error(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    questions, problems = check(tmp_path, taxonomy, NO_FILE_COMPETENCY)
    assert questions == []
    assert problems == [
        "F:2: q-one: competency: missing here, and the file has no valid `competency`"
    ]


@pytest.mark.parametrize("empty", ["competency:", "competency: ~", "competency: null"])
def test_an_empty_competency_with_no_file_default_is_an_error(
    tmp_path: Path, taxonomy: Taxonomy, empty: str
) -> None:
    # `competency:` with no value used to make a question with competency ""
    # that crashed `bank stats`.
    text = edit(TITLE, TITLE + f"    {empty}\n", NO_FILE_COMPETENCY)
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [
        "F:4: q-one: competency: missing here, and the file has no valid `competency`"
    ]


def test_an_empty_competency_falls_back_to_the_file(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(TITLE, TITLE + "    competency:\n"))
    assert problems == []
    assert questions[0].competency == "coding-craft"


def test_an_invalid_file_competency_is_reported_once_and_its_questions_left_out(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    text = edit("competency: coding-craft", "competency: codingcraft")
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [
        "F:1: -: competency: 'codingcraft' is not a competency in the taxonomy; "
        "did you mean 'coding-craft'?",
        "F:3: q-one: competency: missing here, and the file has no valid `competency`",
    ]


NOT_MINUTES = "F:8: q-one: minutes: must be a positive whole number, not"


# --- types ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (TITLE, "    title: 42", "F:4: q-one: title: must be non-empty text"),
        (TITLE, "    title: '   '", "F:4: q-one: title: must be non-empty text"),
        (TITLE, "    title: [a, b]", "F:4: q-one: title: must be non-empty text"),
        (KIND, "    kind: [technical]", "F:5: q-one: kind: must be non-empty text"),
        (ROLES, "    roles: software-engineer", "F:6: q-one: roles: must be a list"),
        (ROLES, "    roles: []", "F:6: q-one: roles: must not be empty"),
        (ROLES, "    roles: {software-engineer: 1}", "F:6: q-one: roles: must be a list"),
        (LEVELS, "    levels: [senior, 3]", "F:7: q-one: levels[1]: must be non-empty text"),
        (MINUTES, "    minutes: '20'", f"{NOT_MINUTES} '20'"),
        (MINUTES, "    minutes: 2.5", f"{NOT_MINUTES} 2.5"),
        (MINUTES, "    minutes: 0", f"{NOT_MINUTES} 0"),
        (MINUTES, "    minutes: -5", f"{NOT_MINUTES} -5"),
        (MINUTES, "    minutes: true", f"{NOT_MINUTES} True"),
        (MINUTES, "    minutes: 1e3", f"{NOT_MINUTES} 1000.0"),  # YAML 1.2: a float
        (MINUTES, "    minutes: 10001", "F:8: q-one: minutes: must be at most 10,000, not 10001"),
        (MINUTES, f"    minutes: {'9' * 5000}",
         "F:8: q-one: minutes: must be at most 10,000, not a number that large"),
        (PROMPT, "    prompt: [Explain it.]", "F:9: q-one: prompt: must be non-empty text"),
        (PROMPT, "    prompt: |\n", "F:9: q-one: prompt: must be non-empty text"),
        (RUBRIC, "    rubric: [Says something]\n    draft: false",
         "F:10: q-one: rubric: must be a mapping"),
        (SIGNALS, "      signals: One signal", "F:11: q-one: rubric.signals: must be a list"),
        (SIGNALS, "      signals: []", "F:11: q-one: rubric.signals: must not be empty"),
        (TITLE, "    title: T\n    draft: 'yes'", "F:5: q-one: draft: must be true or false"),
        (TITLE, "    title: T\n    hints: Just one hint", "F:5: q-one: hints: must be a list"),
        (TITLE, "    title: T\n    follow_ups: [ok, 7]",
         "F:5: q-one: follow_ups[1]: must be non-empty text"),
        (TITLE, "    title: T\n    tags: {a: b}", "F:5: q-one: tags: must be a list"),
        (TITLE, "    title: T\n    outline: 5", "F:5: q-one: outline: must be non-empty text"),
        (TITLE, "    title: T\n    also: networking", "F:5: q-one: also: must be a list"),
        (RUBRIC, "    rubric:\n      signals: [a]\n      by_level: [senior]",
         "F:12: q-one: rubric.by_level: must be a mapping"),
        (RUBRIC, "    rubric:\n      signals: [a]\n      by_level:\n        senior: 5",
         "F:13: q-one: rubric.by_level.senior: must be non-empty text"),
    ],
)
def test_field_types_are_checked(
    tmp_path: Path, taxonomy: Taxonomy, old: str, new: str, expected: str
) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(old, new + "\n"))
    assert questions == []
    assert problems == [expected]


def test_a_non_text_id_is_reported_by_position(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit("id: q-one", "id: 123"))
    assert questions == []
    assert problems == ["F:3: questions[0]: id: must be non-empty text"]


@pytest.mark.parametrize(
    "bad_id", ["Q-One", "q_one", "q one", "-q-one", "q-one-", "q--one", "qé-one", "Q1"]
)
def test_ids_must_be_lowercase_slugs(tmp_path: Path, taxonomy: Taxonomy, bad_id: str) -> None:
    questions, problems = check(tmp_path, taxonomy, edit("id: q-one", f"id: '{bad_id}'"))
    assert questions == []
    assert problems == [
        f"F:3: {bad_id}: id: {bad_id!r} must be a lowercase slug (letters, digits, hyphens)"
    ]


@pytest.mark.parametrize("good_id", ["q1", "a", "dbg-p99-latency-regression", "2pc-basics"])
def test_slug_ids_are_accepted(tmp_path: Path, taxonomy: Taxonomy, good_id: str) -> None:
    questions, problems = check(tmp_path, taxonomy, edit("id: q-one", f"id: {good_id}"))
    assert problems == []
    assert questions[0].id == good_id


# --- taxonomy values -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (ROLES, "    roles: [software-engineer, astronaut]",
         "F:6: q-one: roles[1]: 'astronaut' is not a role in the taxonomy"),
        (ROLES, "    roles: [sofware-engineer]",
         "F:6: q-one: roles[0]: 'sofware-engineer' is not a role in the taxonomy; "
         "did you mean 'software-engineer'?"),
        (ROLES, "    roles: [software-engineer, software-engineer]",
         "F:6: q-one: roles[1]: 'software-engineer' is listed twice"),
        (LEVELS, "    levels: [senoir]",
         "F:7: q-one: levels[0]: 'senoir' is not a level in the taxonomy; did you mean 'senior'?"),
        (LEVELS, "    levels: [junior]",
         "F:7: q-one: levels[0]: 'junior' is not a level in the taxonomy"),
        (KIND, "    kind: trivia", "F:5: q-one: kind: 'trivia' is not a kind in the taxonomy"),
        (KIND, "    kind: behavioural",
         "F:5: q-one: kind: 'behavioural' is not a kind in the taxonomy; "
         "did you mean 'behavioral'?"),
        (TITLE, "    title: T\n    competency: cooking",
         "F:5: q-one: competency: 'cooking' is not a competency in the taxonomy"),
        (TITLE, "    title: T\n    also: [networking, gardening]",
         "F:5: q-one: also[1]: 'gardening' is not a competency in the taxonomy"),
        (TITLE, "    title: T\n    also: [coding-craft]",
         "F:5: q-one: also: repeats the question's own competency 'coding-craft'"),
        (RUBRIC, "    rubric:\n      signals: [a]\n      by_level:\n        staff: Leads.",
         "F:13: q-one: rubric.by_level.staff: the question is not tagged with level 'staff'"),
        (RUBRIC, "    rubric:\n      signals: [a]\n      by_level:\n        guru: Knows.",
         "F:13: q-one: rubric.by_level.guru: 'guru' is not a level in the taxonomy"),
    ],
)
def test_values_must_come_from_the_taxonomy(
    tmp_path: Path, taxonomy: Taxonomy, old: str, new: str, expected: str
) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(old, new + "\n"))
    assert questions == []
    assert problems == [expected]


def test_block_list_items_are_reported_at_their_own_line_and_index(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    text = edit("    roles: [software-engineer]\n",
                "    roles:\n      - 5\n      - astronaut\n      - software-engineer\n")
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [
        "F:7: q-one: roles[0]: must be non-empty text",
        "F:8: q-one: roles[1]: 'astronaut' is not a role in the taxonomy",
    ]


# --- unknown fields ----------------------------------------------------------------

def test_a_misspelt_question_field_is_an_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit("prompt: Explain", "promt: Explain"))
    assert questions == []
    assert problems == [
        "F:9: q-one: promt: unknown field (did you mean 'prompt'?)",
        "F:3: q-one: prompt: required field is missing",
    ]


def test_an_unknown_question_field_is_an_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(TITLE, TITLE + "    difficulty: 3\n"))
    assert questions == []
    assert problems == ["F:5: q-one: difficulty: unknown field"]


def test_an_unknown_file_field_is_an_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, "version: 2\n" + VALID)
    assert problems == ["F:1: -: version: unknown field"]
    assert [q.id for q in questions] == ["q-one"]  # the file fails; its questions are fine


def test_an_unknown_rubric_field_is_an_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit("signals: [Says", "signal: [Says"))
    assert questions == []
    assert problems == [
        "F:11: q-one: rubric.signal: unknown field (did you mean 'signals'?)",
        "F:11: q-one: rubric.signals: required field is missing",  # the rubric's own line
    ]


# --- files without questions ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("competency: coding-craft\nquestions: []\n",
         "F:2: -: questions: the file has no questions (expected a non-empty list)"),
        ("competency: coding-craft\nquestions:\n",
         "F:2: -: questions: the file has no questions (expected a non-empty list)"),
        ("competency: coding-craft\n",
         "F:1: -: questions: the file has no questions (expected a non-empty list)"),
        ("competency: coding-craft\nquestions: {id: x}\n",
         "F:2: -: questions: the file has no questions (expected a non-empty list)"),
        ("- id: q-one\n", "F:1: -: -: expected a mapping with a `questions` list"),
        ("just words\n", "F:1: -: -: expected a mapping with a `questions` list"),
        ("", "F:1: -: -: the file is empty"),
    ],
    ids=["empty-list", "null", "missing", "mapping", "top-level-list", "scalar", "empty-file"],
)
def test_a_file_without_questions_is_an_error(
    tmp_path: Path, taxonomy: Taxonomy, text: str, expected: str
) -> None:
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [expected]


def test_a_question_that_is_not_a_mapping_is_an_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, VALID + "  - just a sentence\n")
    assert [q.id for q in questions] == ["q-one"]
    assert problems == ["F:12: -: questions[1]: must be a mapping"]


# --- rubric and drafts ---------------------------------------------------------------

def test_a_question_without_a_rubric_is_an_error(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(RUBRIC, ""))
    assert questions == []
    assert problems == ["F:3: q-one: rubric: required unless the question is marked `draft: true`"]


def test_draft_false_still_needs_a_rubric(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = edit(RUBRIC, "    draft: false\n")
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == ["F:3: q-one: rubric: required unless the question is marked `draft: true`"]


def test_a_draft_may_leave_out_its_rubric(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(RUBRIC, "    draft: true\n"))
    assert problems == []
    (question,) = questions
    assert question.draft is True
    assert question.rubric is None


# --- YAML-level problems inside a question ----------------------------------------------

def test_a_yaml_problem_inside_a_question_names_the_question(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    text = edit("prompt: Explain it.", "prompt: !!python/object/apply:os.system [echo hi]")
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [
        "F:9: q-one: prompt: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed in bank files"
    ]


def test_a_field_written_twice_names_the_question(tmp_path: Path, taxonomy: Taxonomy) -> None:
    questions, problems = check(tmp_path, taxonomy, edit(TITLE, "    title: A\n    title: B\n"))
    assert questions == []
    assert problems == ["F:5: q-one: title: this key appears twice in the same mapping"]


def test_a_refused_file_level_value_is_reported_once(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = edit("competency: coding-craft", "competency: !!python/name:os.system ''")
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [
        "F:1: -: competency: the YAML tag 'tag:yaml.org,2002:python/name:os.system' "
        "is not allowed in bank files",
        "F:3: q-one: competency: missing here, and the file has no valid `competency`",
    ]


def test_a_problem_is_always_one_line(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = edit("id: q-one", 'id: "two\\nlines"', edit(TITLE, TITLE + '    "ti\\ntle": x\n'))
    questions, problems = check(tmp_path, taxonomy, text)
    assert questions == []
    assert problems == [
        "F:5: two\\nlines: ti\\ntle: unknown field (did you mean 'title'?)",
        "F:3: two\\nlines: id: 'two\\nlines' must be a lowercase slug (letters, digits, hyphens)",
    ]


# --- every problem in a file -------------------------------------------------------------

MANY_PROBLEMS = """\
competency: coding-craft
questions:
  - id: good-one
    title: Fine
    kind: technical
    roles: [software-engineer]
    levels: [senior]
    minutes: 10
    prompt: Fine.
    draft: true
  - id: Bad_One
    title: ""
    kind: design
    roles: [software-engineer]
    levels: [senior]
    minutes: 0
    prompt: Broken.
    rubric: {signals: [x]}
  - id: bad-two
    title: Also broken
    kind: design
    roles: [astronaut]
    levels: [senior]
    minutes: 10
    prompt: Broken.
    rubric: {signals: [x]}
    extra: field
  - id: good-two
    title: Fine
    kind: design
    roles: [systems-developer]
    levels: [staff]
    minutes: 10
    prompt: Fine.
    rubric: {signals: [x]}
"""


def test_every_problem_in_a_file_is_reported_and_good_questions_kept(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    questions, problems = check(tmp_path, taxonomy, MANY_PROBLEMS)
    assert [q.id for q in questions] == ["good-one", "good-two"]
    assert problems == [
        "F:11: Bad_One: id: 'Bad_One' must be a lowercase slug (letters, digits, hyphens)",
        "F:12: Bad_One: title: must be non-empty text",
        "F:16: Bad_One: minutes: must be a positive whole number, not 0",
        "F:27: bad-two: extra: unknown field",
        "F:22: bad-two: roles[0]: 'astronaut' is not a role in the taxonomy",
    ]
