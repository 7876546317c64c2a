"""The quick paths of bank loading agree exactly with the general ones, or stand aside.

fastyaml reads plain block YAML; quickcheck passes valid questions. Each must
either give up (the general reader or validator then runs) or produce exactly
what the general one would: equal values, equal lines, no problem missed.
"""

from __future__ import annotations

import itertools
import random
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.bank.fastyaml import read_simple
from interview.bank.locations import bundled_bank_dir, bundled_plans_dir
from interview.bank.questions import _parse_question
from interview.bank.quickcheck import valid_question
from interview.bank.taxonomy import Taxonomy, load_taxonomy
from interview.bank.yamlio import YList, YMap, parse_events, read_text

BANK_FILES = sorted(bundled_bank_dir().glob("*.yaml"))
PLAN_FILES = sorted(bundled_plans_dir().glob("*.yaml"))


def shape(value: Any) -> Any:
    """Everything the validators can see of a value: types, contents and lines."""
    if isinstance(value, YMap):
        return ("map", value.line, [(k, value.line_of(k), shape(v)) for k, v in value.items()])
    if isinstance(value, YList):
        return ("list", value.line, [(value.line_of(i), shape(v)) for i, v in enumerate(value)])
    return (type(value).__name__, value)


def agrees(text: str) -> bool:
    """Assert the quick reader matches the general one; True if it read `text` at all."""
    quick = read_simple(text)
    if quick is None:
        return False
    general = parse_events(text, "f.yaml")
    assert general.problems == [], text
    assert shape(quick) == shape(general.root), text
    return True


@pytest.mark.parametrize("path", BANK_FILES + PLAN_FILES, ids=lambda p: p.name)
def test_the_bundled_files_read_the_same_both_ways(path: Path) -> None:
    text, _ = read_text(path, str(path))
    assert text is not None
    read = agrees(text)
    if path.parent == bundled_bank_dir():
        assert read, "the bundled bank should stay inside the quickly read subset"


ACCEPTED = [
    "a: 1\n",
    "a: x\nb:\n  - p\n  - q\nc: [r, s]\n",
    "# top\n\na: |\n  one\n\n    two\n\n\nb: ~\n",
    "q:\n- id: x\n  t: y\n- id: z\n",
    "a:\n  b:\n    c: d\n  e: f\n",
    "a: 'quoted: yes'\nb: \"x # y\"\n",
    "a:\n  - k: v\n    l:\n      - m\n  - n\n",
    "a: |\n  x\n  # kept, not a comment\nb: 2\n",
    "a: yesterday\nb: no way\nc: 12:30\nd: 0.5.1\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_plain_block_yaml_is_read_quickly_and_identically(text: str) -> None:
    assert agrees(text)


LEFT_TO_THE_GENERAL_READER = [
    "a: yes\n", "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: >\n  x\n",
    "a: |-\n  x\n", "a: x # c\n", "a: x\n  y\n", "a:\n\tb: 1\n", "a: [b, [c]]\n",
    "a: {b: 1}\n", "- a\n", "a: 'it''s'\n", 'a: "\\t"\n', "1: x\n", "a: |\n b\n  c\n",
    "a: |\n  b\n c\n", "a:\n  - |\n    x\n", "a: x", "---\na: 1\n", "a: 1\n...\n",
    "a:\n  -\n    b: 1\n", "a: 99999999999999999999999\n", "a: 2024-13-45\n", "a: x\x85y\n",
    "a: [x,]\n", "a: [-1]\n", "a: - b\n", "? a\n: b\n", "a:  \n  b: 1\n c: 2\n",
    "q:\n- a:\n - x\n", "k:\n  - a:\n   - x\n", "id:\n    - 'q'\n    - x:\n   - ~\n",
]


@pytest.mark.parametrize("text", LEFT_TO_THE_GENERAL_READER)
def test_anything_else_is_left_to_the_general_reader_or_read_identically(text: str) -> None:
    agrees(text)  # either way, never a different result


_LINE_PARTS = st.sampled_from([
    "a:", "b: 1", "c: x", "d: |", "- x", "- k: v", "- |", "e: [p, q]", "f: []", "#c", "",
    "g: 'q'", 'h: "q"', "i: yes", "j: a: b", "k: x #c", "- - y", "l: ~", "m: 0x1F", "n: 1_0",
    "o: 2024-01-02", "p: .5", "- [r]", "s: t ", "\tu: 1", "v: w\tx", "y:  z", "-  w",
])


@settings(max_examples=400, deadline=None)
@given(lines_=st.lists(st.tuples(st.sampled_from([0, 0, 2, 2, 4, 4, 6, 1, 3]), _LINE_PARTS),
                       min_size=1, max_size=14))
def test_random_block_yaml_is_read_identically_or_left_alone(
    lines_: list[tuple[int, str]]
) -> None:
    agrees("".join(" " * indent + part + "\n" for indent, part in lines_))


def _mutations(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
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
        levels: [mid]
        minutes: 5
        prompt: Short.
        draft: true
    """)


@pytest.mark.parametrize("seed", range(300))
def test_edited_files_are_read_identically_or_left_alone(seed: int) -> None:
    agrees(_mutations(SAMPLE, seed))


_TREE_SCALARS = ["x", "plain text", "yes", "1", "~", "a: b", "c #d", "[p, q]", "[]", "'q'",
                 "-x", "é", "x:", "t "]


def _tree(rng: random.Random, depth: int) -> tuple[str, Any]:
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        return ("scalar", rng.choice(_TREE_SCALARS))
    if roll < 0.55:
        return ("block", [rng.choice(["line", "", "  more", "# x", "- y"])
                          for _ in range(rng.randint(1, 3))])
    if roll < 0.8:
        return ("seq", [_tree(rng, depth + 1) for _ in range(rng.randint(1, 3))])
    keys = rng.sample(["a", "b", "id", "yes", "k-y"], rng.randint(1, 3))
    return ("map", [(key, _tree(rng, depth + 1)) for key in keys])


def _render(rng: random.Random, node: tuple[str, Any], column: int, out: list[str]) -> None:
    """Write a tree as block YAML, now and then a column off or with a stray line."""
    def off(col: int) -> str:
        return " " * max(0, col + (rng.choice([1, -1]) if rng.random() < 0.25 else 0))

    kind, content = node
    if kind == "map":
        for key, value in content:
            if value[0] == "scalar":
                out.append(f"{off(column)}{key}: {value[1]}")
            elif value[0] == "block":
                out.append(f"{off(column)}{key}: |")
                width = column + rng.choice([1, 2, 3])
                out += [f"{off(width)}{text}" if text else "" for text in value[1]]
            else:
                out.append(f"{off(column)}{key}:")
                _render(rng, value, column + rng.choice([-1, 0, 1, 2, 2, 4]), out)
    elif kind == "seq":
        for value in content:
            if value[0] == "scalar":
                out.append(f"{off(column)}- {value[1]}")
            elif value[0] == "map":
                inner: list[str] = []
                _render(rng, value, column + 2, inner)
                out += [f"{off(column)}- {inner[0].lstrip(' ')}", *inner[1:]]
            else:
                out.append(f"{off(column)}-")
                _render(rng, value, column + 2, out)
    if rng.random() < 0.05:
        out.append(rng.choice(["", "# c", "  # c", "   "]))


_NESTINGS = [
    "k:\n{a}- e:\n{b}- x\n{c}- y\n",
    "k:\n{a}- e:\n{b}f: x\n{c}g: y\n",
    "k:\n{a}e:\n{b}- x\n{c}g: y\n",
    "k:\n{a}- e: 1\n{b}f:\n{c}- x\n",
    "k:\n{a}e: |\n{b}x\n{c}y\nz: 1\n",
]


@pytest.mark.parametrize("pattern", _NESTINGS)
def test_every_nesting_by_column_is_read_identically_or_left_alone(pattern: str) -> None:
    for a, b, c in itertools.product(range(5), repeat=3):
        agrees(pattern.format(a=" " * a, b=" " * b, c=" " * c))


@pytest.mark.parametrize("seed", range(1000))
def test_random_nested_yaml_is_read_identically_or_left_alone(seed: int) -> None:
    rng = random.Random(seed)
    out: list[str] = []
    keys = rng.sample(["a", "b", "id", "yes", "k-y"], rng.randint(1, 3))
    _render(rng, ("map", [(key, _tree(rng, 0)) for key in keys]), 0, out)
    agrees("\n".join(out) + "\n")


# --- quickcheck passes a question only if full validation would --------------------

@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    loaded, _ = load_taxonomy(bundled_bank_dir() / "taxonomy.yaml")
    assert loaded is not None
    return loaded


def check_both_ways(entry: Any, taxonomy: Taxonomy, default: str = "coding-craft") -> None:
    problems: list[Any] = []
    entries = YList(1)
    entries.append(entry)
    entries.item_lines.append(getattr(entry, "line", 1))
    full = _parse_question("f.yaml", 0, entries, entry, default, taxonomy, problems, [])
    quick = valid_question(entry, default, taxonomy, "f.yaml")
    if quick is None:
        assert full is None or problems, "quickcheck refused a valid question"
    else:
        assert problems == [] and full == quick


VALID = {
    "id": "q-one", "title": "T", "kind": "technical", "roles": ["software-engineer"],
    "levels": ["senior", "staff"], "minutes": 20, "prompt": "P",
    "rubric": {"signals": ["S."], "red_flags": ["R."], "by_level": {"senior": "x"},
               "below_bar": "b"},
    "also": ["security"], "hints": ["h"], "follow_ups": ["f"], "outline": "o", "tags": ["t"],
}
_FIELD_VALUES: st.SearchStrategy[Any] = st.sampled_from([
    None, "", " ", "x", " q-one ", "Q", "technical", "nonsense", 0, -1, 5, True, False, 1.5,
    [], ["software-engineer"], ["senior", "senior"], ["senior", "mid"], ["", "x"], [1],
    ["coding-craft"], ["security", "networking"], {}, {"signals": ["s"]},
    {"signals": []}, {"signals": ["s"], "by_level": {"principal": "x"}},
    {"signals": ["s"], "by_level": {"senior": ""}}, {"signals": ["s"], "extra": 1},
    {"signals": ["s"], "by_level": None}, [{"a": 1}], "coding-craft",
    {"signals": ["s"], "below_bar": ""}, {"signals": ["s"], "below_bar": None},
    {"signals": ["s"], "below_bar": ["x"]}, {"signals": ["s"], "below_bar": "short"},
])


def _load(data: dict[str, Any]) -> Any:
    text = yaml.safe_dump({"questions": [data]}, sort_keys=False)
    root = parse_events(text, "f.yaml").root
    return root["questions"][0]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from([*VALID, "competency", "draft", "extra"]),
                               _FIELD_VALUES, max_size=4),
       dropped=st.sets(st.sampled_from(list(VALID)), max_size=2))
def test_quickcheck_passes_exactly_what_full_validation_passes(
    taxonomy: Taxonomy, changes: dict[str, Any], dropped: set[str]
) -> None:
    data = {k: v for k, v in {**VALID, **changes}.items() if k not in dropped}
    check_both_ways(_load(data), taxonomy)


def test_quickcheck_passes_every_bundled_question(taxonomy: Taxonomy) -> None:
    for path in BANK_FILES:
        if path.name == "taxonomy.yaml":
            continue
        document = parse_events(path.read_text(encoding="utf-8"), str(path))
        for entry in document.root["questions"]:
            default = document.root["competency"]
            quick = valid_question(entry, default, taxonomy, str(path))
            if entry["kind"] == "coding":  # its exercise: only the full validation
                assert quick is None
                continue
            assert quick is not None
            check_both_ways(entry, taxonomy, default)
