"""The quickest path for question files agrees exactly with the general one, or stands aside.

quickfile reads a whole question file in the house layout and validates it in
one pass. Whatever it accepts must be exactly what the general path (YAML
reader, then full validation) makes of the same text, with no problem at all.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.bank.locations import bundled_bank_dir
from interview.bank.questions import parse_question_file
from interview.bank.quickfile import read_question_file
from interview.bank.taxonomy import Taxonomy, load_taxonomy
from interview.bank.yamlio import Document, parse_events, read_text

BANK_FILES = [p for p in sorted(bundled_bank_dir().glob("*.yaml")) if p.name != "taxonomy.yaml"]
# Coding questions carry code blocks (an exercise), which only the general reader takes.
CODING_FILES = [p for p in BANK_FILES if "\n    kind: coding\n" in p.read_text(encoding="utf-8")]
QUICK_FILES = [p for p in BANK_FILES if p not in CODING_FILES]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    loaded, _ = load_taxonomy(bundled_bank_dir() / "taxonomy.yaml")
    assert loaded is not None
    return loaded


def agrees(text: str, taxonomy: Taxonomy) -> bool:
    """Assert the quick path matches the general one; True if it read `text` at all."""
    quick = read_question_file(text, "f.yaml", taxonomy)
    if quick is None:
        return False
    general = parse_question_file(parse_events(text, "f.yaml"), taxonomy)
    assert general.problems == [], text
    assert general.questions == quick, text
    assert [q.line for q in general.questions] == [q.line for q in quick]
    return True


@pytest.mark.parametrize("path", QUICK_FILES, ids=lambda p: p.name)
def test_the_bundled_question_files_take_the_quick_path(path: Path, taxonomy: Taxonomy) -> None:
    text, _ = read_text(path, str(path))
    assert text is not None
    assert agrees(text, taxonomy), "the bundled bank should stay in the house layout"


@pytest.mark.parametrize("path", CODING_FILES, ids=lambda p: p.name)
def test_files_with_coding_questions_are_left_to_the_general_reader(
    path: Path, taxonomy: Taxonomy,
) -> None:
    text, _ = read_text(path, str(path))
    assert text is not None
    assert read_question_file(text, str(path), taxonomy) is None
    general = parse_question_file(parse_events(text, str(path)), taxonomy)
    assert general.problems == [] and all(q.exercise for q in general.questions
                                          if q.kind == "coding")


def test_an_unparsed_document_is_validated_the_quick_way_or_the_general_way(
    taxonomy: Taxonomy,
) -> None:
    text = BANK_FILES[0].read_text(encoding="utf-8")
    quick = parse_question_file(Document("f.yaml", None, [], text), taxonomy)
    odd = text.replace("\n  - id:", "\n  # a comment\n  - id:", 1)  # not the house layout
    general = parse_question_file(Document("f.yaml", None, [], odd), taxonomy)
    assert quick.problems == general.problems == []
    assert [q.id for q in quick.questions] == [q.id for q in general.questions]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 2)):
        index = rng.randrange(len(lines))
        line = lines[index]
        choice = rng.random()
        if choice < 0.45 and line:
            at = rng.randrange(len(line) + 1)
            lines[index] = line[:at] + rng.choice(" -:#|>[]{}'\"&*!\t~?,yn0") + line[at:]
        elif choice < 0.6:
            lines[index] = " " + line
        elif choice < 0.75:
            lines[index] = line[1:]
        elif choice < 0.9:
            lines.insert(index, line)
        else:
            del lines[index]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(400))
def test_edited_question_files_are_read_identically_or_left_alone(
    seed: int, taxonomy: Taxonomy
) -> None:
    rng = random.Random(seed)
    text = rng.choice(BANK_FILES).read_text(encoding="utf-8")
    agrees(_mutate(text, rng), taxonomy)


# --- questions written in the house layout with awkward values -----------------------

_PLAIN = ["Plain words.", "It's fine, really.", "C# and F#.", "50% of p99 (ms).", "é ü"]
_AWKWARD = [
    "yes", "No", "~", "null", "true", "12", "0x1F", "1.5", "2024-01-02", "a: b", "x #y",
    "[x]", "'q'", '"q"', "-x", "?x", ":x", "x:", "x ", " x", "x\ty", "@x", "`x`", "*x",
    "&x", "!x", "|", ">", "{x}", "a,b",
]
# Mostly values that work, so that many files are valid and read quickly.
_WORDS = st.sampled_from(_PLAIN * 12 + _AWKWARD)
_SLUGS = st.sampled_from(["q-one", "q-two", "q-three"] * 6 + ["Q", "yes", "q one", "q-"])
_ROLES = st.lists(st.sampled_from(["software-engineer", "systems-developer"] * 8
                                  + ["nobody", "yes", "x y", ""]), min_size=1, max_size=2)
_LEVELS = st.lists(st.sampled_from(["senior", "staff"] * 8 + ["mid", "principal", "no"]),
                   min_size=1, max_size=2)
_COMPETENCIES = st.lists(st.sampled_from(["security", "networking"] * 4 + ["coding-craft", "x"]),
                         max_size=2)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _house(q: dict[str, Any]) -> str:
    """One question in the layout of questions/*.yaml, values written as they are."""
    out = [f"  - id: {q['id']}", f"    title: {q['title']}", f"    kind: {q['kind']}",
           f"    roles: {_flow(q['roles'])}", f"    levels: {_flow(q['levels'])}"]
    if q["also"] is not None:
        out.append(f"    also: {_flow(q['also'])}")
    out += [f"    minutes: {q['minutes']}", "    prompt: |",
            *[f"      {line}" if line else "" for line in q["prompt"]]]
    for name in ("hints", "follow_ups"):
        if q[name] is not None:
            out += [f"    {name}:", *[f"      - {item}" for item in q[name]]]
    if q["signals"] is not None:
        out += ["    rubric:", "      signals:", *[f"        - {s}" for s in q["signals"]]]
        if q["by_level"]:
            out += ["      by_level:", *[f"        {k}: {v}" for k, v in q["by_level"]]]
    if q["tags"] is not None:
        out.append(f"    tags: {_flow(q['tags'])}")
    if q["draft"] is not None:
        out.append(f"    draft: {q['draft']}")
    return "\n".join(out) + "\n"


_QUESTION: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries({
    "id": _SLUGS, "title": _WORDS,
    "kind": st.sampled_from(["design", "technical"] * 4 + ["nope"]),
    "roles": _ROLES, "levels": _LEVELS, "also": st.none() | _COMPETENCIES,
    "minutes": st.sampled_from([1, 30, 999999999]),
    "prompt": st.lists(_WORDS | st.just(""), min_size=1, max_size=3),
    "hints": st.none() | st.lists(_WORDS, min_size=1, max_size=3),
    "follow_ups": st.none() | st.lists(_WORDS, min_size=1, max_size=2),
    "signals": st.lists(_WORDS, min_size=1, max_size=3) | st.none(),
    "by_level": st.lists(st.tuples(st.sampled_from(["senior", "staff"] * 4 + ["mid", "on"]),
                                   _WORDS), max_size=2),
    "tags": st.none() | st.lists(_WORDS, max_size=2),
    "draft": st.none() | st.sampled_from(["true", "false"]),
})


@settings(max_examples=400, deadline=None)
@given(questions=st.lists(_QUESTION, min_size=1, max_size=2, unique_by=lambda q: q["id"]),
       competency=st.sampled_from(["coding-craft"] * 4 + ["security", "nope", None]))
def test_house_layout_files_are_read_identically_or_left_alone(
    questions: list[dict[str, Any]], competency: str | None, taxonomy: Taxonomy
) -> None:
    head = f"competency: {competency}\n" if competency else ""
    agrees(head + "questions:\n" + "\n".join(_house(q) for q in questions), taxonomy)
