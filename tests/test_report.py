"""`interview report`: Markdown, HTML and CSV from a database seeded through
Store and a small bank whose text looks like markup, run through the real CLI."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from interview.bank.loader import load_bank
from interview.bank.model import Question
from interview.cli import cli
from interview.practice.domain import (
    Answer,
    Grade,
    Mode,
    Outcome,
    PlannedQuestion,
    Session,
    SessionFilters,
    ShownQuestion,
    Status,
)
from interview.store.repository import Store
from tests.bankfiles import BankFactory, question, question_file
from tests.cliout import assert_clean_failure
from tests.store.builders import opened

# Text every format must show as written: HTML, Rich/BBCode-like markup,
# Markdown table pipes, emphasis, backticks, and a spreadsheet formula.
MARKUP = "<b>x</b> [b]x[/b] | pipe | `tick` *star* _under_"
TITLE = f"=1+2 {MARKUP}"
SIGNALS = [f"Says {MARKUP}", "Bisects [the] change <i>set</i>", "Checks saturation"]
ANSWER = ("=1+2 first line\n<b>x</b> [b]x[/b] | pipe | `tick`\n"
          "```\nnot a fence: ```` four ticks\n```\n  indented *kept*")
OLD_TITLE = "@old title as it was shown then"
OLD_SIGNALS = ["old signal one", "old signal two"]
NET_TITLE = "+ TCP handshake under loss"


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports show local times and days; pin the zone so the figures are the same anywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def bank(make_bank: BankFactory) -> Path:
    levels = ["senior", "staff"]
    roles = ["software-engineer", "systems-developer"]
    debugging = question_file(
        question("dbg-nasty", title=TITLE, kind="debugging", roles=roles, levels=levels,
                 prompt=f"Why is p99 up? {MARKUP}", rubric={"signals": SIGNALS}),
        question("dbg-old", title="Current title of dbg-old", roles=roles, levels=levels,
                 rubric={"signals": ["current signal"]}),
        question("dbg-unseen", roles=roles, levels=levels),
        competency="debugging-diagnostics")
    networking = question_file(
        question("net-tcp", title=NET_TITLE, roles=roles, levels=levels,
                 rubric={"signals": ["Names SYN retries", "Mentions RTO backoff"]}),
        competency="networking")
    return make_bank({"debugging.yaml": debugging, "networking.yaml": networking})


@dataclass(frozen=True)
class Seeded:
    url: str
    bank: Path
    latest: datetime  # when the newest session started
    session_ids: tuple[int, ...]  # oldest first


def _shown(question: Question) -> ShownQuestion:
    return ShownQuestion(question.id, question.content_hash(), question.title,
                         question.content())


OLD_VERSION = ShownQuestion("dbg-old", "an-edited-away-version", OLD_TITLE,
                            {"id": "dbg-old", "title": OLD_TITLE,
                             "rubric": {"signals": OLD_SIGNALS}})


def _start(store: Store, profile: str, mode: Mode, filters: SessionFilters,
           shown: list[tuple[ShownQuestion, str]], at: datetime) -> Session:
    items = [PlannedQuestion(s.question_id, competency, 600, content_hash=s.content_hash)
             for s, competency in shown]
    return store.start_session(profile, mode, filters, items, [s for s, _ in shown], at)


def _answer(session: Session, position: int, grade: Grade | None, *,
            outcome: Outcome = Outcome.GRADED, text: str = "an answer",
            signals: tuple[int, ...] = (), hints: int = 0, seconds: float = 300.0) -> Answer:
    item = session.items[position]
    answered_at = session.started_at + timedelta(seconds=30 * (position + 1))
    return Answer(session_id=session.id, position=position, question_id=item.question_id,
                  question_hash=item.content_hash, competency=item.competency,
                  started_at=answered_at - timedelta(seconds=seconds), answered_at=answered_at,
                  seconds_used=seconds, time_limit_seconds=item.seconds, text=text,
                  outcome=outcome, grade=grade, signals_hit=signals, hints_used=hints)


@pytest.fixture
def seeded(database_url: str, bank: Path) -> Iterator[Seeded]:
    """alice, four sessions: practice a month ago, then mock, interviewer and
    an unfinished practice session on three days in a row ending now.
    bob: one session with no target role or level."""
    questions = load_bank(bank, use_cache=False).questions
    nasty, net = _shown(questions["dbg-nasty"]), _shown(questions["net-tcp"])
    dbg, netc = "debugging-diagnostics", "networking"
    senior = SessionFilters(role="systems-developer", level="senior")
    latest = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    with opened(database_url) as store:
        first = _start(store, "alice", Mode.PRACTICE, senior, [(nasty, dbg), (net, netc)],
                       latest - timedelta(days=30))
        store.record_answer(_answer(first, 0, Grade.NO, text=ANSWER, signals=(0, 2), hints=1),
                            None)
        store.record_answer(_answer(first, 1, None, outcome=Outcome.SKIPPED, text=""), None,
                            finished_at=first.started_at + timedelta(minutes=2))
        mock = _start(store, "alice", Mode.MOCK,
                      SessionFilters(role="software-engineer", level="staff"),
                      [(nasty, dbg), (OLD_VERSION, dbg)], latest - timedelta(days=2))
        store.record_answer(_answer(mock, 0, Grade.YES, text="mock answer", signals=(1,),
                                    seconds=700.0), None)
        store.record_answer(_answer(mock, 1, None, outcome=Outcome.TIMED_OUT, text=""), None,
                            finished_at=mock.started_at + timedelta(minutes=2))
        live = _start(store, "alice", Mode.INTERVIEWER,
                      SessionFilters(plan_id="a-loop", role="systems-developer",
                                     level="senior"),
                      [(net, netc), (nasty, dbg)], latest - timedelta(days=1))
        store.record_answer(_answer(live, 0, Grade.STRONG_YES, text="live answer",
                                    signals=(0, 1)), None)
        store.record_answer(_answer(live, 1, Grade.STRONG_YES, text="second live answer",
                                    signals=(0, 1, 2)), None,
                            finished_at=live.started_at + timedelta(minutes=2))
        unfinished = _start(store, "alice", Mode.PRACTICE, senior,
                            [(net, netc), (nasty, dbg), (net, netc)], latest)
        store.record_answer(_answer(unfinished, 0, Grade.YES, text="newest answer"), None)
        store.record_answer(_answer(unfinished, 1, None, text="awaiting its grade"), None)
        other = _start(store, "bob", Mode.PRACTICE, SessionFilters(), [(net, netc)], latest)
        store.record_answer(_answer(other, 0, Grade.YES, text="bob's answer"), None)
        store.finish_session(other.id, Status.COMPLETED, latest + timedelta(minutes=1))
    yield Seeded(database_url, bank, latest, (first.id, mock.id, live.id, unfinished.id))


def run(seeded: Seeded, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--bank", str(seeded.bank), "--database", seeded.url,
                                    "report", *args])


def report(seeded: Seeded, tmp_path: Path, output_format: str, *args: str) -> str:
    out = tmp_path / f"report.{output_format}"
    result = run(seeded, "--profile", "alice", "--format", output_format, "--out", str(out),
                 *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote the {output_format} report for alice (")
    assert result.stderr.endswith(f" to {out}\n")
    return out.read_text(encoding="utf-8")




# -- Markdown ------------------------------------------------------------------------

def _rendered(markdown: str) -> str:
    rendered: str = MarkdownIt("gfm-like").render(markdown)
    return rendered


def test_markdown_report(seeded: Seeded, tmp_path: Path) -> None:
    text = report(seeded, tmp_path, "md")
    assert text.startswith("# Interview practice report: alice\n")
    written = run(seeded, "--profile", "alice", "--format", "md", "--out", str(tmp_path / "b"))
    assert written.stderr == ("wrote the md report for alice (4 session(s), 8 answer(s)) to "
                              f"{tmp_path / 'b'}\n")
    assert "| Sessions | 4 (practice 2, mock 1, interviewer 1) |" in text
    assert "| Answers | 8 |" in text and "| Graded | 5 |" in text
    assert "| Average grade | 3.20 |" in text  # 2, 3, 4, 4, 3
    assert "| Current streak | 3 days |" in text
    # competencies, weakest first: debugging 2, 3, 4 (3.00) before networking 4, 3 (3.50)
    competencies = text.index("## Competencies")
    assert text.index("| debugging-diagnostics | 5 | 3 | 3.00", competencies) \
        < text.index("| networking | 3 | 2 | 3.50", competencies)
    # readiness for the last target practised
    assert "## Readiness: systems-developer senior" in text
    assert "The target is the role and level last practised" in text
    # sessions newest first, every mode, answers in order
    first, mock, live, unfinished = seeded.session_ids
    headings = [line for line in text.splitlines() if line.startswith("### Session ")]
    assert [h.split(":")[0] for h in headings] == [
        f"### Session {unfinished}", f"### Session {live}", f"### Session {mock}",
        f"### Session {first}"]
    assert "practice, in-progress" in headings[0] and "interviewer, completed" in headings[1]
    assert "mock, completed" in headings[2]
    assert "- Grade: awaiting grade" in text and "- Grade: skipped" in text
    assert "- Grade: timed out" in text and "- Grade: 4 (strong yes)" in text
    assert "- Time: 11:40 of 10:00 (over time)" in text
    assert "- Hints used: 1" in text

    html = _rendered(text)
    # Markup in bank and user text is shown, never applied.
    for tag in ("<b>", "<i>", "<em>", "<strong>"):
        assert tag not in html.replace("<strong>Signals", "")
    assert "&lt;b&gt;x&lt;/b&gt; [b]x[/b] | pipe | `tick` *star* _under_" in html
    assert "<h4>1. =1+2 &lt;b&gt;x&lt;/b&gt; [b]x[/b] | pipe | `tick` *star* _under_</h4>" in html
    assert "Bisects [the] change &lt;i&gt;set&lt;/i&gt;" in html
    # The answer is verbatim in a code block, four backticks and all.
    assert "<pre><code class=\"language-text\">=1+2 first line\n&lt;b&gt;x&lt;/b&gt; [b]x[/b]" \
           " | pipe | `tick`\n```\nnot a fence: ```` four ticks\n```\n  indented *kept*\n" \
           "</code></pre>" in html
    assert "`````text\n=1+2 first line" in text  # a fence longer than any run inside
    # The version shown then, not the bank's current one; signals hit and missed.
    assert OLD_TITLE in text and "Current title of dbg-old" not in text
    assert "  - old signal one" in text and "  - old signal two" in text
    assert "- Signals hit (2 of 3):\n  - Says " in text
    assert "- Signals missed:\n  - Bisects \\[the\\] change \\<i\\>set\\</i\\>" in text
    # The summary and competency tables are tables.
    assert html.count("<table>") == 3  # summary, competencies, readiness


# -- HTML ----------------------------------------------------------------------------

class Page(HTMLParser):
    """Tags, attributes and text of a page, with the text of <pre>, <title>
    and <h4> elements (entities decoded) kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {"pre": [], "title": [], "h4": [], "li": [],
                                            "style": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        if tag in self.texts:
            self.texts[tag].append("")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in reversed(self.open):
            if tag in self.texts:
                self.texts[tag][-1] += data
                break


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_html_report_is_one_self_contained_page(seeded: Seeded, tmp_path: Path) -> None:
    text = report(seeded, tmp_path, "html")
    page = parse(text)
    assert text.startswith("<!DOCTYPE html>")
    assert ("charset", "utf-8") in page.attributes
    assert page.texts["title"][0] == "Interview practice report: alice"  # then the charts'
    # One chart per competency with at least two grades (debugging: 3, networking: 2)
    # and the practice calendar; nothing that runs or fetches.
    assert page.tags.count("svg") == 3 and text.count("<svg") == 3
    assert "<script" not in text.lower() and "script" not in page.tags
    assert "http://" not in text and "https://" not in text
    assert not [v for n, v in page.attributes if n in ("src", "href", "xlink:href")]
    assert not {"link", "img", "iframe", "object", "embed"} & set(page.tags)
    style = "".join(page.texts["style"])
    assert "@media print" in style and "url(" not in style and "@import" not in style
    # Markup is escaped: shown as text, never a tag.
    assert "b" not in page.tags and "i" not in page.tags
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert any(h.startswith(f"1. {TITLE} dbg-nasty") for h in page.texts["h4"])
    assert f"{OLD_TITLE} dbg-old" in " ".join(page.texts["h4"])
    assert ANSWER in page.texts["pre"]
    assert f"Says {MARKUP}" in page.texts["li"] and "old signal two" in page.texts["li"]
    assert "Readiness: systems-developer senior" in text
    assert text.index("second live answer") < text.index("mock answer")  # newest first


def test_html_charts(seeded: Seeded, tmp_path: Path) -> None:
    text = report(seeded, tmp_path, "html")
    charts = text.split("<svg")[1:]
    heatmap = next(c for c in charts if 'class="chart heatmap"' in c)
    assert heatmap.count("<rect") >= 3 and ": 2 answers</title>" in heatmap
    lines = [c for c in charts if 'class="chart line-chart"' in c]
    assert [c.split("<title>")[1].split(":")[0] for c in lines] == [
        "debugging-diagnostics", "networking"]
    assert lines[0].count("<circle") == 3 and lines[1].count("<circle") == 2


# -- CSV -----------------------------------------------------------------------------

def test_csv_report(seeded: Seeded, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(report(seeded, tmp_path, "csv"), newline="")))
    first, mock, live, unfinished = seeded.session_ids
    assert len(rows) == 8
    assert [int(r["session_id"]) for r in rows] == [unfinished] * 2 + [live] * 2 + [mock] * 2 \
        + [first] * 2
    assert list(rows[0]) == ["session_id", "date", "mode", "role", "level", "question_id",
                             "title", "competency", "outcome", "grade", "seconds_used",
                             "time_limit_seconds", "hints_used", "signals_hit",
                             "signals_total", "tests_passed", "tests_total", "answer"]
    assert {r["mode"] for r in rows} == {"practice", "mock", "interviewer"}
    nasty = rows[-2]
    assert nasty["title"] == f"'{TITLE}"  # a formula is neutralised, the rest kept
    assert nasty["answer"] == f"'{ANSWER}"
    assert (nasty["grade"], nasty["outcome"], nasty["hints_used"]) == ("2", "graded", "1")
    assert (nasty["signals_hit"], nasty["signals_total"]) == ("2", "3")
    assert (nasty["role"], nasty["level"]) == ("systems-developer", "senior")
    assert datetime.fromisoformat(nasty["date"]).tzinfo is not None
    old = rows[5]
    assert (old["title"], old["outcome"], old["grade"]) == (f"'{OLD_TITLE}", "timed-out", "")
    assert rows[4]["seconds_used"] == "700.0" and rows[4]["time_limit_seconds"] == "600"
    networking = [r for r in rows if r["question_id"] == "net-tcp"]
    assert {r["title"] for r in networking} == {f"'{NET_TITLE}"}
    assert rows[1]["outcome"] == "graded" and rows[1]["grade"] == ""  # awaiting its grade
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


# -- options ---------------------------------------------------------------------------

@pytest.mark.parametrize("output_format", ["md", "html", "csv"])
def test_no_answers_leaves_every_answer_text_out(seeded: Seeded, tmp_path: Path,
                                                 output_format: str) -> None:
    text = report(seeded, tmp_path, output_format, "--no-answers")
    for answer in ("first line", "mock answer", "second live answer", "newest answer",
                   "awaiting its grade", "four ticks"):
        assert answer not in text
    assert "dbg-nasty" in text and "old title as it was shown then" in text  # the questions stay
    if output_format == "csv":
        assert text.splitlines()[0].endswith(",tests_total")  # no answer column


def test_since_leaves_older_answers_out(seeded: Seeded, tmp_path: Path) -> None:
    since = (seeded.latest - timedelta(days=3)).date().isoformat()
    text = report(seeded, tmp_path, "md", "--since", since)
    first, mock, _live, _unfinished = seeded.session_ids
    assert f"### Session {first}:" not in text and f"### Session {mock}:" in text
    assert f"| Period | since {since}: answers from " in text
    assert "| Answers | 6 |" in text and "| Sessions | 3 (practice 1, mock 1, interviewer 1) |" \
        in text
    rows = list(csv.DictReader(io.StringIO(report(seeded, tmp_path, "csv", "--since", since))))
    assert len(rows) == 6 and str(first) not in {r["session_id"] for r in rows}


def test_an_explicit_target(seeded: Seeded, tmp_path: Path) -> None:
    text = report(seeded, tmp_path, "md", "--role", "software-engineer", "--level", "staff")
    assert "## Readiness: software-engineer staff" in text
    assert "last practised" not in text
    # At staff only the mock session is evidence (its timed-out answer counts as a 1).
    assert ("| debugging-diagnostics | 9% | 3, 1 | 20% | 1 of 3 | last 2 grades 3, 1 at staff"
            in text)
    assert "| networking | - | - | - | 0 of 1 | no answers at staff or above yet" in text


def test_no_target_leaves_readiness_out_with_one_line(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "bob.md"
    result = run(seeded, "--profile", "bob", "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    section = text.split("## Readiness\n\n")[1].split("\n\n")[0]
    assert section.startswith("No readiness: no target role and level was given")
    assert "\n" not in section


def test_out_dash_writes_to_stdout(seeded: Seeded) -> None:
    result = run(seeded, "--profile", "alice", "--format", "csv", "--out", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("session_id,date,mode")
    assert len(list(csv.reader(io.StringIO(result.stdout)))) == 9
    assert result.stderr == ""


def test_an_existing_out_is_kept_unless_forced(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "kept.md"
    out.write_text("mine\n", encoding="utf-8")
    refused = run(seeded, "--profile", "alice", "--format", "md", "--out", str(out))
    assert_clean_failure(refused, f"{out} already exists", "--force")
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = run(seeded, "--profile", "alice", "--format", "md", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("# Interview practice report: alice")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(("args", "fragments"), [
    (["--profile", "carol"], ["no profile named 'carol'", "known profiles: alice, bob"]),
    (["--profile", "alice", "--since", "2026-13-01"], ["--since", "YYYY-MM-DD"]),
    (["--profile", "alice", "--since", "last week"], ["--since", "'last week'"]),
    (["--profile", "alice", "--since", "20260301"], ["--since", "YYYY-MM-DD"]),
    (["--profile", "alice", "--role", "software-engineer"], ["--role and --level"]),
    (["--profile", "alice", "--level", "staff"], ["--role and --level"]),
    (["--profile", "alice", "--role", "nonsense", "--level", "staff"], ["'nonsense'"]),
])
def test_bad_input_is_one_line(seeded: Seeded, tmp_path: Path, args: list[str],
                               fragments: list[str]) -> None:
    out = tmp_path / "never.md"
    assert_clean_failure(run(seeded, *args, "--format", "md", "--out", str(out)), *fragments)
    assert not out.exists()


def test_an_unwritable_out_is_one_line(seeded: Seeded, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    for out, fragment in ((tmp_path / "missing" / "r.md", "cannot write"),
                          (a_file / "r.md", "cannot write"),
                          (tmp_path, "is a directory")):
        result = run(seeded, "--profile", "alice", "--format", "md", "--out", str(out),
                     "--force")
        assert_clean_failure(result, fragment)


def test_the_figures_are_those_of_the_store_s_answer_records(seeded: Seeded) -> None:
    """gather builds its AnswerRecords from the answers it reads (one pass);
    the trends, readiness and calendar must come out as from Store.answer_records."""
    from interview.reports.calendar import practice_days
    from interview.reports.export.data import gather
    from interview.reports.readiness import readiness
    from interview.reports.trends import competency_trends

    questions = list(load_bank(seeded.bank, use_cache=False).questions.values())
    now = datetime.now(UTC)
    since = seeded.latest - timedelta(days=3)
    with opened(seeded.url) as store:
        for cutoff in (None, since):
            data = gather(store, questions, "alice", since=cutoff, target=None, now=now,
                          tz=UTC)
            records = store.answer_records("alice", cutoff)
            reviews = store.review_states("alice")
            assert list(data.trends) == competency_trends(records, reviews, now)
            assert data.readiness == readiness(records, questions, "systems-developer",
                                               "senior")
            assert dict(data.days) == practice_days(records, UTC)
            assert data.summary.answers == len(records)
