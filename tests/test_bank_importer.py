"""Importing question lists: each layout, the rules, and the written file.

The fixtures in tests/import_fixtures/ were written for these tests; each one
mixes the things an importer must take (questions) with the things it must
leave (front matter, contents, usage notes, link lists, code blocks).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.bank.importer import Draft, ImportOptions, plan_import, read_source
from interview.bank.importer.markdown import questions_from_markdown
from interview.bank.importer.plaintext import looks_like_question, slug, title_for
from interview.bank.importer.writer import OutputExists, to_yaml, write_new
from interview.bank.loader import check_paths
from interview.bank.model import Question
from interview.search.dupes import near_duplicates

FIXTURES = Path(__file__).resolve().parent / "import_fixtures"
OPTIONS = ImportOptions(competency="concurrency-runtimes", roles=("software-engineer",),
                        kinds=("design", "debugging", "technical", "behavioral", "code-review"))


def texts(name: str) -> list[str]:
    return [d.text for d in read_source(FIXTURES / name).drafts]


def draft(name: str, starts: str) -> Draft:
    return next(d for d in read_source(FIXTURES / name).drafts if d.text.startswith(starts))


def test_list_items_under_headings() -> None:
    assert texts("lists.md") == [
        "What is the difference between a mutex and a semaphore?",
        "Explain how a thread pool decides its size & why it matters.",
        "Why do B\u2011tree indexes suit range scans?",
        "Design a write-ahead log for a key-value store.",
    ]


def test_nested_items_become_follow_ups_and_the_heading_a_tag() -> None:
    found = draft("lists.md", "What is the difference")
    assert found.follow_ups == ["When would you pick one over the other?",
                                "What does priority inversion look like in practice?"]
    assert found.tags == ["concurrency"]
    assert draft("lists.md", "Design a write-ahead").tags == ["storage"]


def test_list_items_grouped_under_a_non_question_item() -> None:
    text = ("## Runtime\n\n- **Threads**\n  - What is a green thread?\n"
            "    - How is it scheduled?\n  - Why pin a thread to a core?\n- Memory\n"
            "  - What does a write barrier do?\n")
    found = questions_from_markdown(text, "x.md")
    assert [(d.text, d.tags, d.follow_ups) for d in found] == [
        ("What is a green thread?", ["runtime", "threads"], ["How is it scheduled?"]),
        ("Why pin a thread to a core?", ["runtime", "threads"], []),
        ("What does a write barrier do?", ["runtime", "memory"], []),
    ]
    assert found[0].line == 4


def test_lines_point_into_the_file_despite_front_matter() -> None:
    found = draft("lists.md", "What is the difference")
    line = (FIXTURES / "lists.md").read_text().splitlines()[found.line - 1]
    assert "mutex" in line


def test_one_question_per_heading_with_its_answer_as_outline() -> None:
    assert texts("headings.md") == [
        "How would you prevent a cache stampede after a deploy?",
        "Why can a write-through cache still serve stale reads?",
        "Explain exactly-once delivery and why it is mostly a myth",
    ]
    stampede = draft("headings.md", "How would you prevent")
    assert stampede.tags == ["caching"]
    assert stampede.outline[0] == "Stampedes happen when many keys expire together."
    assert "- Jitter the expiry times" in stampede.outline
    assert stampede.follow_ups == ["What changes if the cache is shared by several services?"]


def test_details_summary_blocks() -> None:
    assert texts("details.md") == ["What happens between fork() and exec()?",
                                   "Why is a context switch expensive?"]
    assert draft("details.md", "Why is a context").outline == ["Caches and TLB entries go cold."]


def test_tables_with_a_named_or_a_question_like_column() -> None:
    assert texts("table.md") == [
        "What is MVCC and why do readers not block writers?",
        "How would you choose a sharding key for an orders table?",
        "Why is SELECT * a problem in a hot path?",
        "How do you migrate a 2 TB table without downtime?",
    ]
    mvcc = draft("table.md", "What is MVCC")
    assert mvcc.outline == ["Snapshots of versions"]
    assert mvcc.tags == ["databases", "transactions"]


def test_csv_with_a_header_row() -> None:
    rows = read_source(FIXTURES / "questions.csv").drafts
    assert [d.text for d in rows] == [
        "How would you debug a memory leak in a long-running service?",
        "Tell me about a time you disagreed with a design decision.",
        "Design a rate limiter shared by 40 gateways",
    ]
    assert rows[0].tags == ["memory", "debugging"]
    assert rows[2].follow_ups == ["How do you handle a gateway restart?", "What about clock skew?"]
    assert rows[2].line == 5


def test_csv_without_a_question_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("name,notes\nfoo,bar\n")
    found = read_source(path)
    assert not found.drafts
    assert len(found.problems) == 1
    assert str(found.problems[0]).startswith(f"{path}:1: ")
    assert "no question column" in str(found.problems[0])


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"\x00\x01binary", "binary file"),
    (b"caf\xe9?", "not UTF-8"),
])
def test_unreadable_files_get_one_line_naming_them(tmp_path: Path, content: bytes,
                                                   message: str) -> None:
    path = tmp_path / "list.md"
    path.write_bytes(content)
    problems = read_source(path).problems
    assert len(problems) == 1 and message in str(problems[0])
    assert str(problems[0]).startswith(str(path))


def test_missing_files_and_files_without_questions(tmp_path: Path) -> None:
    assert "no such file" in str(read_source(tmp_path / "nope.md").problems[0])
    assert "is a directory" in str(read_source(tmp_path).problems[0])
    assert "no questions found" in str(read_source(FIXTURES / "notes.md").problems[0])


def test_code_blocks_links_and_usage_notes_are_not_questions() -> None:
    text = (
        "## Setup\n- How to install: run the script\n\n"
        "## Questions\n"
        "```\n- What is in a code block?\n```\n\n"
        "    - What is in an indented code block?\n\n"
        "- [What is a link?](https://example.invalid)\n"
        "- [Another link](https://example.invalid/2)\n\n"
        "* https://example.invalid/is-this-a-question?\n"
        "* What *is* a real question?\n"
    )
    assert [d.text for d in questions_from_markdown(text, "x.md")] == ["What is a real question?"]


@pytest.mark.parametrize(("text", "expected"), [
    ("What is a mutex?", True),
    ("Design a rate limiter for an API", True),
    ("Tell me about a time you failed", True),
    ("Star the repository", False),
    ("How to contribute to this list", False),
    ("Locks", False),
    ("Why?", False),
    ("https://example.invalid/what?", False),
])
def test_telling_questions_from_notes(text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected


def test_slugs_and_titles() -> None:
    assert slug("What's the difference: TCP vs. UDP?") == "what-s-the-difference-tcp-vs-udp"
    assert slug("Ünïcödé façade") == "unicode-facade"
    assert len(slug("word " * 50)) <= 48
    long = "How would you " + "really " * 30 + "design it?"
    assert len(title_for(long)) <= 91 and title_for(long).endswith("…")


def bank_question(qid: str, prompt: str) -> Question:
    return Question(id=qid, title=prompt[:40], kind="technical", roles=("software-engineer",),
                    levels=("senior",), competency="concurrency-runtimes", minutes=10,
                    prompt=prompt, source="bank/concurrency-runtimes.yaml", line=3)


def test_ids_are_stable_slugs_and_never_collide() -> None:
    drafts = [Draft("What is a mutex?", "a.md", 1), Draft("What is a mutex??", "a.md", 2)]
    bank = [bank_question("concurrency-what-is-a-mutex", "Something else entirely, really.")]
    first = plan_import(drafts, bank, OPTIONS)
    again = plan_import(drafts, bank, OPTIONS)
    assert [q.id for q in first.questions] == [q.id for q in again.questions]
    assert first.questions[0].id == "concurrency-what-is-a-mutex-2"


def test_questions_already_in_the_bank_or_near_duplicates_are_skipped() -> None:
    bank = [bank_question("conc-pools", "How does a thread pool decide how many threads to run?")]
    drafts = [
        Draft("How does a thread pool decide how many threads to run?", "a.md", 3),
        Draft("How does a thread pool decide how many threads it should run?", "a.md", 4),
        Draft("What is a memory barrier?", "a.md", 5),
        Draft("What is a memory barrier?", "b.md", 9),
    ]
    plan = plan_import(drafts, bank, OPTIONS, near_duplicates)
    assert [q.prompt for q in plan.questions] == ["What is a memory barrier?"]
    reasons = [(s.line, s.reason) for s in plan.skipped]
    assert reasons[0] == (3, "already in the bank as conc-pools")
    assert reasons[1] == (9, "repeats a.md:5")
    assert reasons[2][0] == 4 and reasons[2][1].startswith("near-duplicate of conc-pools")


def test_kinds_are_guessed_unless_given() -> None:
    drafts = [Draft("Design a job scheduler for a small cluster", "a.md", 1),
              Draft("Tell me about a time you changed your mind", "a.md", 2),
              Draft("What is a futex?", "a.md", 3)]
    kinds = [q.kind for q in plan_import(drafts, [], OPTIONS).questions]
    assert kinds == ["design", "behavioral", "technical"]
    forced = ImportOptions(**{**OPTIONS.__dict__, "kind": "debugging"})
    assert {q.kind for q in plan_import(drafts, [], forced).questions} == {"debugging"}


def test_the_written_file_passes_bank_check(tmp_path: Path) -> None:
    drafts = [d for name in ("lists.md", "headings.md", "details.md", "table.md",
                             "questions.csv") for d in read_source(FIXTURES / name).drafts]
    plan = plan_import(drafts, [], OPTIONS, near_duplicates)
    assert len(plan.questions) == len(drafts)
    out = tmp_path / "drafts.yaml"
    write_new(out, to_yaml(plan.questions, "concurrency-runtimes"))
    result = check_paths([out])
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.questions) == len(drafts)
    assert all(q.draft and q.rubric is None for q in result.questions)
    by_id = {q.id: q for q in result.questions}
    assert {q.id for q in plan.questions} == set(by_id)


def test_an_existing_output_is_never_overwritten_silently(tmp_path: Path) -> None:
    out = tmp_path / "drafts.yaml"
    out.write_text("precious")
    with pytest.raises(OutputExists):
        write_new(out, "new")
    assert out.read_text() == "precious"
    write_new(out, "new", force=True)
    assert out.read_text() == "new"


# Markdown-ish pieces (block openers, HTML, entities, odd characters) glued
# together with arbitrary text, so the walker meets broken structure too.
PIECES = [
    "<details>", "<summary>", "</summary>", "</details>", "---\n", "+++\n", "```\n", "~~~",
    "| a | b |\n", "|---|---|\n", "| Question |\n", "- ", "* ", "1. ", "  - ", "    ", "### ",
    "# ", "> ", "\n", "\n\n", "What is ", "How would you ", "?", "&amp;", "&#x0;", "&#99999999;",
    "[x](", ")", "<b>", "</", "\u202e", "\x00", "é", "\t", "\r", "`",
]
markdown_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text)
def test_no_markdown_input_crashes_the_importer(text: str) -> None:
    drafts = questions_from_markdown(text, "fuzz.md")
    for found in drafts:
        assert found.text.strip()
        assert found.line >= 1
    plan = plan_import(drafts, [], OPTIONS, near_duplicates)
    if plan.questions:
        to_yaml(plan.questions, "concurrency-runtimes")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_imports_to_a_file_bank_check_accepts(tmp_path_factory: pytest.TempPathFactory,
                                                       text: str) -> None:
    drafts = questions_from_markdown(f"- What is {text}?\n", "fuzz.md")
    plan = plan_import(drafts, [], OPTIONS)
    if not plan.questions:
        return
    out = tmp_path_factory.mktemp("import") / "drafts.yaml"
    write_new(out, to_yaml(plan.questions, "concurrency-runtimes"))
    result = check_paths([out])
    assert result.ok, [str(p) for p in result.problems]
