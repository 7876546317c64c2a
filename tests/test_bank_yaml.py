"""Reading bank YAML safely: encodings, line numbers, tags, aliases, nesting."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.bank.yamlio import YList, YMap, parse_document

FUNCTION_SCOPED = HealthCheck.function_scoped_fixture


def write(tmp_path: Path, content: str | bytes, name: str = "file.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    return [str(p) for p in parse_document(path).problems]


SAMPLE = """\
competency: coding-craft
questions:
  - id: first
    roles:
      - a
      - b
    rubric:
      signals: [x, y]
"""


def test_every_key_and_item_remembers_its_line(tmp_path: Path) -> None:
    document = parse_document(write(tmp_path, SAMPLE))
    root = document.root
    assert document.problems == []
    assert isinstance(root, YMap)
    assert (root.line, root.line_of("competency"), root.line_of("questions")) == (1, 1, 2)
    entry = root["questions"][0]
    assert isinstance(entry, YMap)
    assert entry.line == 3
    assert entry.line_of("roles") == 4
    assert entry.line_of("missing") == 3  # a missing key is reported at its mapping
    roles = entry["roles"]
    assert isinstance(roles, YList)
    assert roles == ["a", "b"]
    assert [roles.line_of(0), roles.line_of(1)] == [5, 6]
    assert entry["rubric"].line_of("signals") == 8


def test_crlf_line_endings_load_with_the_same_lines(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE.replace("\n", "\r\n").encode())
    document = parse_document(path)
    assert document.problems == []
    assert document.root["questions"][0]["roles"].line_of(1) == 6
    assert document.root["questions"][0]["id"] == "first"  # no stray "\r"


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode())
    document = parse_document(path)
    assert document.problems == []
    assert list(document.root) == ["competency", "questions"]
    assert document.root.line_of("questions") == 2


def test_crlf_inside_a_block_scalar_becomes_plain_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, b"prompt: |\r\n  one\r\n  two\r\n")
    assert parse_document(path).root["prompt"] == "one\ntwo\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n\t\n", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"# only a comment\n", "the file is empty"),
        (b"---\n", "the file is empty"),
        (b"~\n", "the file is empty"),
        (b"null\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file, not YAML text"),
    ],
    ids=["zero-bytes", "whitespace", "bom-only", "comment", "bare-document", "tilde", "null",
         "png"],
)
def test_files_without_yaml_text_give_one_clear_problem(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = write(tmp_path, content)
    document = parse_document(path)
    assert document.root is None
    assert lines(path) == [f"{path}:1: -: -: {message}"]


def test_non_utf8_text_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "id: x\ntitle: ok\nprompt: caf\xe9\n".encode("latin-1"))
    assert lines(path) == [f"{path}:3: -: -: not UTF-8 text (byte 0xe9)"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_files_are_asked_to_be_saved_as_utf8(
    tmp_path: Path, encoding: str
) -> None:
    path = write(tmp_path, "id: x\n".encode(encoding))
    (problem,) = lines(path)
    assert problem == f"{path}:1: -: -: {encoding.upper()} text; save the file as UTF-8"


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    (problem,) = lines(path)
    assert problem.startswith(f"{path}:3: -: -: invalid YAML: ")


def test_two_documents_in_one_file_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n---\nb: 2\n")
    (problem,) = lines(path)
    assert problem.startswith(f"{path}:2: -: -: invalid YAML: ")
    assert parse_document(path).root is None


def test_a_key_written_twice_is_reported_at_the_second(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert lines(path) == [
        f"{path}:4: -: b.c: this key appears twice in the same mapping",
        f"{path}:5: -: a: this key appears twice in the same mapping",
    ]
    assert parse_document(path).root["a"] == 1  # the first one wins, the rest is flagged


def test_keys_must_be_plain_words(tmp_path: Path) -> None:
    path = write(tmp_path, "1: one\n[a, b]: two\nok: three\n")
    document = parse_document(path)
    assert [str(p) for p in document.problems] == [
        f"{path}:1: -: -: keys must be plain words",
        f"{path}:2: -: -: keys must be plain words",
    ]
    assert dict(document.root) == {"ok": "three"}


def test_a_merge_key_is_not_expanded(tmp_path: Path) -> None:
    path = write(tmp_path, "base: &b {a: 1}\nx:\n  <<: *b\n")
    assert lines(path) == [f"{path}:3: -: x: keys must be plain words"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("25", 25), ("1.5", 1.5), ("true", True), ("'25'", "25"), ("!!str 25", "25"), ("~", None)],
)
def test_plain_scalars_resolve_as_yaml_does(tmp_path: Path, value: str, expected: object) -> None:
    document = parse_document(write(tmp_path, f"v: {value}\n"))
    assert document.problems == []
    assert document.root["v"] == expected
    assert type(document.root["v"]) is type(expected)


def test_a_number_of_five_thousand_digits_is_read_not_a_crash(tmp_path: Path) -> None:
    document = parse_document(write(tmp_path, f"a: ok\nminutes: {'1' * 5000}\n"))
    assert document.problems == []
    assert document.root["minutes"] == int("1" * 4000) * 10**1000 + int("1" * 1000)


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "2024-01-15", "yes", "1:30"])
def test_dates_yes_and_base_60_are_text_as_in_yaml_1_2(tmp_path: Path, value: str) -> None:
    document = parse_document(write(tmp_path, f"a: ok\nv: {value}\n"))
    assert document.problems == []
    assert document.root["v"] == value


# --- nothing is executed -------------------------------------------------------

EXECUTING_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:os.system\n  - touch {marker}",
    "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
    "!!python/object/new:os.system {{args: ['touch {marker}']}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:os.system {{}}",
]


@pytest.mark.parametrize("tagged", EXECUTING_TAGS)
def test_python_tags_are_refused_and_never_run(tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, "title: ok\nprompt: " + tagged.format(marker=marker) + "\n")
    document = parse_document(path)
    assert not marker.exists()
    (problem,) = [str(p) for p in document.problems]
    assert problem.startswith(f"{path}:2: -: prompt: the YAML tag 'tag:yaml.org,2002:python/")
    assert problem.endswith("is not allowed in bank files")
    assert document.root["title"] == "ok"


@pytest.mark.parametrize(
    ("tagged", "tag"),
    [
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!!set {a, b}", "tag:yaml.org,2002:set"),
        ("!!omap [a: 1]", "tag:yaml.org,2002:omap"),
        ("!custom text", "!custom"),
        ("!custom [a]", "!custom"),
    ],
)
def test_other_tags_are_refused(tmp_path: Path, tagged: str, tag: str) -> None:
    path = write(tmp_path, f"a: 1\nb: {tagged}\n")
    assert lines(path) == [f"{path}:2: -: b: the YAML tag {tag!r} is not allowed in bank files"]


# --- nothing is expanded without bound --------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_billion_laughs_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = write(tmp_path, BILLION_LAUGHS)
    started = time.perf_counter()
    document = parse_document(path)
    elapsed = time.perf_counter() - started
    assert document.root is None
    (problem,) = [str(p) for p in document.problems]
    assert problem.startswith(f"{path}:")
    assert problem.endswith(": -: -: aliases expand to far more data than the file holds; "
                            "refusing to expand")
    assert elapsed < 2.0  # expanding it would take minutes and gigabytes


def test_modest_aliases_are_expanded(tmp_path: Path) -> None:
    path = write(tmp_path, "roles: &r [a, b]\nlevels: *r\nmore: [*r, *r]\n")
    document = parse_document(path)
    assert document.problems == []
    assert document.root["levels"] == ["a", "b"]
    assert document.root["more"] == [["a", "b"], ["a", "b"]]


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "ok: 1\nloop: &a [1, *a]\n")
    document = parse_document(path)
    assert document.root is None
    assert lines(path) == [
        f"{path}:2: -: -: an alias refers to the collection that contains it"
    ]


def test_an_undefined_alias_is_invalid_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb: *nowhere\n")
    (problem,) = lines(path)
    assert problem.startswith(f"{path}:2: -: -: invalid YAML: ")
    assert "nowhere" in problem


TOO_DEEP = "nesting is deeper than 64 levels"


@pytest.mark.parametrize("opening", ["[", "{a: "], ids=["sequences", "mappings"])
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, opening: str) -> None:
    # libyaml's composer recurses in C: 200,000 levels overflow the stack and
    # kill the process, so run it in a child and insist it exits normally.
    depth = 200_000
    closing = "]" if opening == "[" else "}"
    path = write(tmp_path, "a: 1\nx: " + opening * depth + "1" + closing * depth + "\n")
    script = (
        "import json, sys; from pathlib import Path; from interview.bank.yamlio import "
        "parse_document; d = parse_document(Path(sys.argv[1]));"
        "print(json.dumps([d.root is None, [[p.file, p.line, p.message] for p in d.problems]]))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    root_is_none, problems = json.loads(done.stdout)
    assert root_is_none is True
    assert problems == [[str(path), 2, TOO_DEEP]]


@pytest.mark.parametrize("depth", [65, 999, 1000, 5000])
@pytest.mark.parametrize("opening", ["[", "{a: "], ids=["sequences", "mappings"])
def test_too_deep_reads_the_same_whoever_stops_it(
    tmp_path: Path, opening: str, depth: int
) -> None:
    # Past 64 levels the builder refuses; from 1,000 flow levels libyaml's scanner
    # stops first. Either way the file gets one problem, in the same words.
    closing = "]" if opening == "[" else "}"
    path = write(tmp_path, "a: 1\nx: " + opening * depth + "1" + closing * depth + "\n")
    document = parse_document(path)
    assert document.root is None
    assert lines(path) == [f"{path}:2: -: -: {TOO_DEEP}"]


def test_deep_block_nesting_names_the_line_it_goes_too_deep(tmp_path: Path) -> None:
    # The root mapping is level 1, `x` holds level 2, so the 64th `-` opens level 65.
    path = write(tmp_path, "a: 1\nx:\n" + "".join("  " * i + "-\n" for i in range(100)) + "\n")
    assert lines(path) == [f"{path}:66: -: -: {TOO_DEEP}"]


def test_sixty_levels_of_nesting_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "x: " + "[" * 60 + "1" + "]" * 60 + "\n")
    document = parse_document(path)
    assert document.problems == []
    value = document.root["x"]
    for _ in range(60):
        value = value[0]
    assert value == 1


@settings(max_examples=300, deadline=None, suppress_health_check=[FUNCTION_SCOPED])
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    document = parse_document(path)
    assert document.root is not None or document.problems
    for problem in document.problems:
        assert str(problem).startswith(f"{path}:")
        assert problem.line >= 1


YAMLISH = st.recursive(
    st.sampled_from(["a", "b: 1", "- x", "[", "]", "{", "}", "&a", "*a", "!!str", "!t", "? k",
                     ": v", "'q'", '"q"', "|", ">", "---", "#c", "~", "<<: *a", "2024-99-99"]),
    lambda inner: st.lists(inner, max_size=6).map(" ".join),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[FUNCTION_SCOPED])
@given(lines_=st.lists(st.tuples(st.integers(0, 6), YAMLISH), max_size=12))
def test_yaml_like_text_never_raises(tmp_path: Path, lines_: list[tuple[int, str]]) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text("".join(" " * indent + text + "\n" for indent, text in lines_))
    document = parse_document(path)
    assert document.root is not None or document.problems


# --- the validators never raise either ----------------------------------------------

_KEYS = st.sampled_from([
    "id", "title", "kind", "roles", "levels", "competency", "also", "minutes", "prompt", "hints",
    "follow_ups", "rubric", "signals", "red_flags", "by_level", "outline", "tags", "draft",
    "questions", "role", "level", "rounds", "pick", "count", "notes", "senior", "x",
])
_SCALARS = (st.none() | st.booleans() | st.integers(-3, 10**6) | st.floats(allow_nan=False)
            | st.sampled_from(["", " ", "coding-craft", "senior", "software-engineer", "design",
                               "Q-1", "q-1", "a\nb", "[x]"]))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[FUNCTION_SCOPED])
@given(data=st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_validators_never_raise_and_print_one_line_problems(
    tmp_path: Path, data: dict[str, object]
) -> None:
    import yaml

    from interview.bank.locations import bundled_bank_dir
    from interview.bank.plans import parse_plan
    from interview.bank.questions import parse_question_file
    from interview.bank.taxonomy import load_taxonomy

    taxonomy, _ = load_taxonomy(bundled_bank_dir() / "taxonomy.yaml")
    assert taxonomy is not None
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data))
    document = parse_document(path)
    parsed = parse_question_file(document, taxonomy)
    _, plan_problems = parse_plan(document, taxonomy, {"q-1"})
    for problem in [*parsed.problems, *plan_problems]:
        assert "\n" not in str(problem)
        assert str(problem).startswith(f"{path}:{problem.line}: ")
    for question in parsed.questions:  # what loads is fully valid
        assert question.competency in taxonomy.competencies
        assert question.minutes > 0
