"""The bank's one reader (fastread, yaml-rs) against PyYAML's safe loader, and the
fast path of question files against the line-numbered reader that explains them.

fastread must read what PyYAML's safe loader reads to the same values, except
where YAML 1.2 and 1.1 differ on purpose (pinned below), or stand aside for
the careful reader. A question file read the fast way must give exactly the
questions, lines and problems the line-numbered reader gives.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.bank.fastread import read_values
from interview.bank.locations import bundled_bank_dir
from interview.bank.questions import ParsedFile, parse_question_file
from interview.bank.taxonomy import Taxonomy, load_taxonomy
from interview.bank.yamlio import Document, parse_events, read_text

BANK_FILES = sorted(p for p in bundled_bank_dir().glob("*.yaml") if p.name != "taxonomy.yaml")
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    found, _ = load_taxonomy(bundled_bank_dir() / "taxonomy.yaml")
    assert found is not None
    return found


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=SAFE_LOADER)


def as_validated(value: Any) -> Any:
    """A value as the validators see it: every text field is stripped (code is
    rstripped), so the readers may differ on whitespace at the ends of a text
    (yaml-rs gives an empty `|` block as "\n", PyYAML as "")."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [as_validated(item) for item in value]
    if isinstance(value, dict):
        return {key: as_validated(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_the_bundled_files_read_as_pyyamls_safe_loader_reads_them(path: Path) -> None:
    text, _ = read_text(path, str(path))
    assert text is not None
    values = read_values(text)
    assert values is not None, "a bundled file should be read the fast way"
    assert values.root == pyyaml(text)


# Scalars that YAML 1.1 (PyYAML) and 1.2 (yaml-rs) read alike.
_LINE_PARTS = st.sampled_from([
    "a:", "b: 1", "c: x", "d: |", "- x", "- k: v", "- |", "e: [p, q]", "f: []", "#c", "",
    "g: 'q'", 'h: "q"', "j: a: b", "k: x #c", "- - y", "l: ~", "m: 0x1F", "p: .5", "- [r]",
    "s: t ", "\tu: 1", "v: w\tx", "y:  z", "-  w", "q: {a: 1}", "r: &x 1", "t: *x", "w: >",
    "x: 'it''s'", 'z: "\\t"', "- ? a", "--- ", "... ", "n: -3", "o: 1.5e+3", "i: true",
])


@settings(max_examples=500, deadline=None)
@given(lines_=st.lists(st.tuples(st.sampled_from([0, 0, 2, 2, 4, 4, 6, 1, 3]), _LINE_PARTS),
                       min_size=1, max_size=14))
def test_random_yaml_reads_as_pyyaml_reads_it_or_is_left_to_the_careful_reader(
    lines_: list[tuple[int, str]]
) -> None:
    text = "".join(" " * indent + part + "\n" for indent, part in lines_)
    values = read_values(text)
    if values is None:
        return  # the line-numbered reader reads it, and says what is wrong
    try:
        expected = pyyaml(text)
    except yaml.YAMLError:
        # yaml-rs is the stricter reader nearly always; where it is the laxer
        # one, the file must still be one that fails as a question file.
        assert not isinstance(values.root, dict) or "questions" not in values.root
        return
    assert as_validated(values.root) == as_validated(expected), text


@pytest.mark.parametrize(("scalar", "ours", "pyyamls"), [
    ("yes", "yes", True),  # 1.1's yes/no/on/off booleans are text in 1.2
    ("off", "off", False),
    ("2024-01-15", "2024-01-15", __import__("datetime").date(2024, 1, 15)),  # dates stay text
    ("1:30", "1:30", 90),  # no base-60 numbers
    ("1.5e3", 1500.0, "1.5e3"),  # an exponent needs no sign in 1.2
])
def test_where_yaml_1_2_and_1_1_differ_the_bank_reads_1_2(
    scalar: str, ours: object, pyyamls: object
) -> None:
    values = read_values(f"a: {scalar}\n")
    assert values is not None
    assert values.root == {"a": ours}
    assert pyyaml(f"a: {scalar}\n") == {"a": pyyamls}


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['true']\n",
    "a: !custom x\n",
    "- !!str 1\n",
    "a: [x, !tag y]\n",
    "a: 1\na: 2\n",  # yaml-rs refuses duplicate keys; the careful reader names the line
    "a: [\n",
])
def test_what_the_fast_reader_cannot_read_faithfully_it_leaves_alone(text: str) -> None:
    assert read_values(text) is None


def test_an_alias_inside_its_own_anchor_is_refused_with_its_line(taxonomy: Taxonomy) -> None:
    text = SAMPLE.replace("tags: [a, b]", "tags: &t [a, *t]")
    parsed = parse_question_file(Document("f.yaml", None, [], text), taxonomy)
    assert [str(p) for p in parsed.problems] == [
        "f.yaml:22: -: -: an alias refers to the collection that contains it"]


def test_a_bang_in_prose_or_code_is_not_taken_for_a_tag() -> None:
    values = read_values("a: |\n  if (x != y) return !ok;\nb: Wow, it works! Really.\n")
    assert values is not None and values.root["b"] == "Wow, it works! Really."


def test_escapes_that_make_control_characters_are_seen() -> None:
    plain = read_values("a: plain text\n")
    escaped = read_values('a: "bell \\a"\n')
    assert plain is not None and not plain.controls
    assert escaped is not None and escaped.controls


# --- question files: the fast path gives what the line-numbered reader gives ----------

SAMPLE = textwrap.dedent("""\
    competency: coding-craft
    questions:
      - id: q-one
        title: A title
        kind: technical
        roles: [software-engineer]
        levels: [senior, staff]
        minutes: 20
        prompt: |
          Line one.

          Line two.
        hints:
          - First hint.
          - Second hint.
        rubric:
          signals:
            - Says something true.
          by_level:
            senior: Does it.
          below_bar: Names the symptom only.
        tags: [a, b]

      - id: q-two
        title: Another
        kind: design
        roles:
        - systems-developer
        levels: [staff]
        minutes: 5
        prompt: Short.
        draft: true

      - id: q-three
        title: A prompt with a line that looks like the next id
        kind: technical
        roles: [software-engineer]
        levels: [senior]
        minutes: 10
        prompt: |
          - id: q-four
        rubric: {signals: [Knows.]}
      - id: q-four
        title: After a prompt that looks like an id
        kind: technical
        roles: [software-engineer]
        levels: [senior]
        minutes: 10
        prompt: Fine.
        rubric: {signals: [Knows.]}
    """)


def _mutated(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        line = lines[index]
        choice = rng.random()
        if choice < 0.3 and line:
            at = rng.randrange(len(line) + 1)
            lines[index] = line[:at] + rng.choice(" -:#|>[]{}'\"&*!\t~?,") + line[at:]
        elif choice < 0.5:
            lines[index] = " " * rng.randint(0, 3) + line
        elif choice < 0.7:
            lines[index] = line[rng.randint(0, 3):]
        elif choice < 0.85:
            lines.insert(index, line)
        else:
            del lines[index]
    return "\n".join(lines)


def both_ways(text: str, taxonomy: Taxonomy) -> tuple[ParsedFile, ParsedFile]:
    """The file read as the loader reads it, and read by the line reader alone."""
    fast = parse_question_file(Document("f.yaml", None, [], text), taxonomy)
    careful = parse_events(text, "f.yaml")
    return fast, parse_question_file(careful, taxonomy)


# The same questions, one of them with its id second: its line is then found
# by the line reader, not by looking for `- id:`.
ID_NOT_FIRST = SAMPLE.replace(
    "  - id: q-three\n    title: A prompt with a line that looks like the next id\n",
    "  - title: A prompt with a line that looks like the next id\n    id: q-three\n")


FLOW_STYLE = textwrap.dedent("""\
    competency: coding-craft
    questions:
      - {"id": "q-one", "title": "A title", "kind": "technical", "roles": ["software-engineer"], "levels": ["senior"], "minutes": 20, "prompt": "Explain.", "rubric": {"signals": ["Knows."]}}
      - {id: q-two, title: Another, kind: design, roles: [software-engineer], levels: [staff], minutes: 5, prompt: Short., draft: true}
    """)  # noqa: E501 - one question a line, as JSON is written


def test_flow_style_files_are_read_the_fast_way_with_their_lines(
    taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    explained: list[str] = []

    def explaining(text: str, shown: str) -> Document:
        explained.append(shown)
        return parse_events(text, shown)

    monkeypatch.setattr("interview.bank.questions.parse_events", explaining)
    fast = parse_question_file(Document("f.yaml", None, [], FLOW_STYLE), taxonomy)
    assert explained == []  # no second reading: each line was found from the text
    assert fast == parse_question_file(parse_events(FLOW_STYLE, "f.yaml"), taxonomy)
    assert [q.line for q in fast.questions] == [3, 4]


@pytest.mark.parametrize("text", [SAMPLE, ID_NOT_FIRST], ids=["house-style", "id-not-first"])
def test_the_sample_reads_the_same_both_ways_with_every_line(
    text: str, taxonomy: Taxonomy
) -> None:
    assert text.count("id: q-three") == 1
    fast, careful = both_ways(text, taxonomy)
    assert fast.problems == careful.problems == []
    assert fast.questions == careful.questions
    assert [q.line for q in fast.questions] == [3, 24, 34, 43]


@pytest.mark.parametrize("text", [SAMPLE, ID_NOT_FIRST, FLOW_STYLE],
                         ids=["house-style", "id-not-first", "flow-style"])
@pytest.mark.parametrize("seed", range(300))
def test_edited_files_give_the_same_questions_lines_and_problems_both_ways(
    seed: int, text: str, taxonomy: Taxonomy
) -> None:
    text = _mutated(text, seed)
    fast, careful = both_ways(text, taxonomy)
    assert all(p.line >= 1 for p in fast.problems), fast.problems
    refused = parse_events(text, "f.yaml").problems
    if refused and not fast.problems:
        # yaml-rs reads YAML 1.2 that libyaml refuses (a tab after `-`, say):
        # only the syntax may differ, never what a valid file means.
        assert all(p.message.startswith("invalid YAML") for p in refused), refused
        return
    assert fast.questions == careful.questions, text
    assert fast.problems == careful.problems, text


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400))
def test_arbitrary_text_as_a_question_file_never_raises(text: str) -> None:
    taxonomy, _ = load_taxonomy(bundled_bank_dir() / "taxonomy.yaml")
    assert taxonomy is not None
    parsed = parse_question_file(Document("f.yaml", None, [], text), taxonomy)
    assert all(p.line >= 1 and "\n" not in str(p) for p in parsed.problems)
