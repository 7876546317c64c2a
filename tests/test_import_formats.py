"""Importing question lists shaped like the ones people publish.

The fixtures (tests/import_fixtures/published_*) were written for these tests
in the shapes public lists take: a question per `####` heading with the prompt
in paragraphs below, `<details><summary><b>` blocks with difficulty marks and
counted section headings, a numbered behavioural list, questions grouped under
headings, and an HTML page. Everything goes through the CLI, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.bank.importer.html_pages import questions_from_html
from interview.bank.importer.rules import split_difficulty, why_not_a_question
from interview.cli import cli
from tests.bankfiles import BankFactory, question, question_file

FIXTURES = Path(__file__).resolve().parent / "import_fixtures"


@pytest.fixture
def bank(make_bank: BankFactory) -> Path:
    return make_bank({"networking.yaml": question_file(
        question("net-printer", title="Printer queue",
                 prompt="Why does the office printer queue jam every Monday morning?"),
        competency="networking",
    )})


def dry_run(bank: Path, name: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["--bank", str(bank), "bank", "import", str(FIXTURES / name),
                                      "--dry-run", "--competency", "networking",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def everything(q: dict[str, Any]) -> str:
    return " ".join([q["title"], q["prompt"], q.get("outline", ""),
                     *q.get("follow_ups", []), *q.get("tags", [])])


def by_title(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["title"]: q for q in data["imported"]}


@pytest.mark.parametrize(("name", "count"), [
    ("published_headings.md", 14),
    ("published_details.md", 9),
    ("published_behavioural.md", 14),
    ("published_grouped.md", 9),
    ("published_page.html", 8),
])
def test_every_question_of_each_published_shape_is_imported(bank: Path, name: str,
                                                            count: int) -> None:
    data = dry_run(bank, name)
    assert len(data["imported"]) == count, [q["title"] for q in data["imported"]]
    assert data["skipped"] == []
    for q in data["imported"]:
        text = everything(q)
        for leftover in ("<br", "<b>", ":rocket:", ":zap:", ":fire:", "(37)", "***", "{#",
                         "<a name", "](", "Resources"):
            assert leftover not in text, (leftover, q)
        assert not q["title"].endswith("*")


# -- a question per heading --------------------------------------------------------------

def test_a_heading_with_its_prompt_in_the_paragraphs_below(bank: Path) -> None:
    questions = by_title(dry_run(bank, "published_headings.md"))
    handshake = questions["TCP handshake"]
    assert handshake["prompt"] == (
        "Walk me through what happens on the wire when a client opens a TCP connection. "
        "Which flags are set in each segment, and why does the server keep state?")
    assert handshake["tags"] == ["transport"]
    assert handshake["source"].endswith("published_headings.md:15")
    # Several paragraphs are all the prompt; the anchor in the heading is gone.
    assert questions["TLS termination"]["prompt"].endswith(
        "session resumption and where the keys live.")
    assert questions["Slow start"]["prompt"] == (
        "Explain slow start and how the congestion window grows after a loss.")
    assert questions["Split-horizon DNS"]["tags"] == ["naming"]


def test_resources_links_and_images_are_dropped(bank: Path) -> None:
    data = dry_run(bank, "published_headings.md")
    for q in data["imported"]:
        text = everything(q)
        assert "example.invalid/" not in text and "RFC reading notes" not in text
        assert "How resolvers cache" not in text and "References" not in text
        assert "diagram" not in text and "banner" not in text


def test_the_table_of_contents_and_notes_are_left_out_with_a_reason(bank: Path) -> None:
    data = dry_run(bank, "published_headings.md")
    assert all(q["title"] not in ("Transport", "Naming", "Edge") for q in data["imported"])
    left = {n["line"]: n for n in data["not_questions"]}
    assert left[8]["text"] == "Table of contents"
    assert left[94]["text"] == "Contributing"
    assert all(set(n) == {"source", "line", "text", "reason"} and n["reason"]
               for n in data["not_questions"])


# -- details blocks, difficulty marks, counted headings, emoji ------------------------------

def test_details_blocks_with_bold_summaries_and_long_answers(bank: Path) -> None:
    questions = by_title(dry_run(bank, "published_details.md"))
    tcp = questions["What is the difference between TCP and UDP?"]
    assert tcp["tags"] == ["networking-questions", "easy"]
    assert "UDP sends independent datagrams" in tcp["outline"]
    assert "- Use UDP for latency-sensitive media" in tcp["outline"]
    # Two details elements with no blank line between them are two questions.
    assert questions["How does a reverse proxy differ from a forward proxy?"]["tags"] == [
        "networking-questions", "medium"]
    assert questions["What is a keep-alive connection?"]["outline"] == (
        "One connection reused for several requests.")
    zombie = questions["Why can a zombie process not be killed?"]
    assert zombie["tags"] == ["system-questions", "hard"]
    fds = questions["What happens when a process exhausts its file descriptors?"]
    assert "Show the diagram" not in fds["outline"]


def test_plain_list_items_beside_details_blocks(bank: Path) -> None:
    questions = by_title(dry_run(bank, "published_details.md"))
    cdn = questions["Describe the path of an HTTP request through a CDN"]
    assert cdn["tags"] == ["networking-questions", "hard"]
    link = questions["Explain the difference between a hard link and a symbolic link"]
    assert link["tags"] == ["system-questions", "easy"]


def test_non_question_summaries_and_items_are_reported(bank: Path) -> None:
    left = dry_run(bank, "published_details.md")["not_questions"]
    assert [(n["line"], n["text"]) for n in left] == [(42, "Show the diagram"),
                                                        (54, "Useful cheat sheet")]
    assert left[0]["reason"].startswith("<details> summary: ")


# -- numbered behavioural lists ---------------------------------------------------------

def test_a_numbered_behavioural_list(bank: Path) -> None:
    data = dry_run(bank, "published_behavioural.md")
    titles = [q["title"] for q in data["imported"]]
    assert titles[0] == "Tell me about yourself."
    assert "What's the hardest feedback you have received" in titles
    assert "Conflict: tell me about a disagreement inside your team." in titles
    assert {q["kind"] for q in data["imported"]} >= {"behavioral"}
    assert [(n["line"], n["text"], n["reason"]) for n in data["not_questions"]] == [
        (19, "Practise these out loud before the interview.",
         "no question mark and not worded as a prompt"),
        (20, "Tip", "no question mark and not worded as a prompt"),
    ]


# -- questions grouped under headings ------------------------------------------------------

def test_grouped_questions_take_their_heading_and_difficulty_as_tags(bank: Path) -> None:
    data = dry_run(bank, "published_grouped.md")
    questions = by_title(data)
    helped = questions["Tell me about a time you helped a struggling colleague."]
    assert helped["tags"] == ["teamwork", "easy"]
    assert helped["follow_ups"] == ["What did you do first?", "How did you know it worked?"]
    assert questions["Describe a conflict between two engineers you had to resolve"][
        "tags"] == ["teamwork", "hard"]
    # An introduction that asks a question does not turn the section into one.
    assert "Delivery" not in questions
    assert questions["How would you recover a project that is two months late?"]["tags"] == [
        "delivery", "hard"]
    promoted = questions["Tell me about an engineer you promoted and how you made the case."]
    assert promoted["tags"] == ["growth", "hard"]


def test_grouped_list_reports_the_contents_and_notes(bank: Path) -> None:
    left = dry_run(bank, "published_grouped.md")["not_questions"]
    reasons = {n["line"]: (n["text"], n["reason"]) for n in left}
    assert reasons[3] == ("Teamwork", "a table of contents (links to headings)")
    assert reasons[16] == ("Team lunches", "no question mark and not worded as a prompt")
    assert reasons[31] == ("Career ladders we like", "a link")


# -- HTML pages -------------------------------------------------------------------------------

def test_an_html_page(bank: Path) -> None:
    data = dry_run(bank, "published_page.html")
    questions = by_title(data)
    retries = questions["How would you design retries for a flaky downstream service?"]
    assert retries["tags"] == ["resilience"]
    assert retries["follow_ups"] == ["What stops a retry storm?"]
    assert questions["Connection pooling"]["prompt"] == (
        "Explain how a connection pool hides the cost of the TCP and TLS handshakes.")
    assert questions["What is a circuit breaker?"]["outline"].startswith("It stops calling")
    assert questions["Explain what a service mesh sidecar does"]["tags"] == ["resilience", "hard"]
    texts = [n["text"] for n in data["not_questions"]]
    assert "Subscribe to the newsletter" in texts
    assert all(n["line"] >= 1 for n in data["not_questions"])


# -- the rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("What is a mutex? ***", ("What is a mutex?", "hard")),
    ("** Explain paging", ("Explain paging", "medium")),
    ("Describe DNS [easy]", ("Describe DNS", "easy")),
    ("(Medium) How does TLS resume a session?", ("How does TLS resume a session?", "medium")),
    ("Design a cache - hard", ("Design a cache", "hard")),
    ("Hard: walk me through a deploy", ("Walk me through a deploy", "hard")),
    ("Why are hard links limited to one file system?",
     ("Why are hard links limited to one file system?", None)),
])
def test_difficulty_marks(text: str, expected: tuple[str, str | None]) -> None:
    assert split_difficulty(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("Tell me about a time you failed", None),
    ("Walk me through your last outage", None),
    ("What would you change in our API", None),
    ("Teamwork: describe your last retrospective", None),
    ("What's your favourite protocol", None),
    ("Practise every day", "no question mark and not worded as a prompt"),
    ("Explain caching", "too short to be a prompt"),
    ("https://example.invalid/faq?", "a bare link"),
    ("If you like this list, give it a star", "no question mark and not worded as a prompt"),
])
def test_one_rule_decides_what_is_a_question(text: str, reason: str | None) -> None:
    assert why_not_a_question(text) == reason


def test_an_introduction_under_a_title_is_not_a_question(bank: Path, tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text("# My list\n\nHave fun preparing for your interviews.\n\n"
                    "## Caching :zap:\n\n- What is a cache stampede?\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--bank", str(bank), "bank", "import", str(path),
                                      "--dry-run", "--competency", "networking"])
    assert result.exit_code == 0, result.output
    assert "What is a cache stampede?" in result.stdout and "My list" not in result.stdout
    assert "would import 1 question(s)" in result.stdout


HTML_PIECES = ["<ul>", "</ul>", "<li>", "</li>", "<ol>", "<h2>", "</h2>", "<p>", "</p>",
               "<details>", "<summary>", "</summary>", "</details>", "<table>", "<tr>", "<td>",
               "</td>", "<th>", "</table>", "<a href='#x'>", "</a>", "<br>", "<pre>", "</pre>",
               "<script>", "</script>", "\n", "What is ", "Explain how ", "?", "***", "&amp;",
               "&#0;", "|", "*", "#", "`"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=5), max_size=60).map("".join))
def test_no_html_input_crashes_the_importer(text: str) -> None:
    for found in questions_from_html(text, "fuzz.html"):
        assert found.text.strip()
        assert found.line >= 1


def test_re_importing_an_updated_list_adds_only_the_new_questions(bank: Path,
                                                                   tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("# Networking\n\n- How does TCP slow start grow the window?\n"
                       "- What does a TIME_WAIT socket protect against?\n")
    first = CliRunner().invoke(cli, ["--bank", str(bank), "bank", "import", str(listing),
                                     "--competency", "networking",
                                     "--out", str(bank / "networking-import.yaml")])
    assert first.exit_code == 0, first.output
    listing.write_text(listing.read_text() + "- Why can a half-open connection linger?\n")
    again = CliRunner().invoke(cli, ["--bank", str(bank), "bank", "import", str(listing),
                                     "--competency", "networking", "--dry-run",
                                     "--format", "json"])
    assert again.exit_code == 0, again.output
    found = json.loads(again.output)
    assert [q["title"] for q in found["imported"]] == [
        "Why can a half-open connection linger?"]
    assert {s["reason"].split(" as ")[0] for s in found["skipped"]} == {"already in the bank"}
    def ids() -> list[str]:  # against the bundled bank, which has none of them
        run = CliRunner().invoke(cli, ["bank", "import", str(listing), "--competency",
                                       "networking", "--dry-run", "--format", "json"])
        return [q["id"] for q in json.loads(run.output)["imported"]]

    assert ids() == ids() and len(ids()) == 3  # the same file gives the same ids


LINKS = st.lists(st.tuples(st.text(st.characters(whitelist_categories=["L", "N", "Zs"]),
                                    min_size=1, max_size=30),
                           st.sampled_from(["#anchor", "https://example.test/a", "./doc.md"])),
                 min_size=1, max_size=12)


@given(LINKS)
@settings(max_examples=40, deadline=None)
def test_a_list_of_links_is_never_a_question(links: list[tuple[str, str]]) -> None:
    from interview.bank.importer.markdown import questions_from_markdown

    text = "# Contents\n\n" + "".join(f"- [{label.strip() or 'x'}]({target})\n"
                                      for label, target in links)
    assert questions_from_markdown(text, "links.md") == []
