"""`interview kit`: the interviewer's kit for a plan, as Markdown and as one
printable HTML file, for every shipped plan and for a small bank whose text
looks like markup, run through the real CLI."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from interview.bank.loader import Bank, load_bank
from interview.bank.locations import bundled_bank_dir, bundled_plans_dir
from interview.bank.model import Plan, Question
from interview.bank.plans import load_plans
from interview.cli import cli
from interview.practice.selection import plan_questions
from tests.bankfiles import BankFactory, question, question_file, write_files
from tests.cliout import assert_clean_failure

SHIPPED_PLANS = sorted(bundled_plans_dir().glob("*.yaml"))
SCALE = ("1 strong no", "2 no", "3 yes", "4 strong yes")

# Text both formats must show as written: HTML, BBCode/Rich-like markup, a
# Markdown table pipe, backticks, emphasis, and a line that would start a list.
MARKUP = "<b>x</b> [b]x[/b] | pipe | `tick` *star* _under_"
CODE = "    if a < b and `c` | d:\n        return '<b>x</b>' [b]x[/b]\n    ``` not a fence"


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception, result.output)
    return result




class Page(HTMLParser):
    """A page's tags, attributes, text (entities decoded, spaces collapsed), the
    text of each <pre>, and the CSS."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.chunks: list[str] = []
        self.pre: list[str] = []
        self.style = ""
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self._open.append(tag)
        if tag == "pre":
            self.pre.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "style" in self._open:
            self.style += data
            return
        if "pre" in self._open:
            self.pre[-1] += data
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return squash(" ".join(self.chunks))


def squash(value: str) -> str:
    return " ".join(value.split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def rendered(markdown: str) -> Page:
    """The Markdown as a reader sees it: rendered (CommonMark with tables), then parsed."""
    html: str = MarkdownIt("gfm-like").render(markdown)
    return parse(html)


def kit(*args: str | Path, output_format: str, tmp_path: Path) -> str:
    """Run `interview [global options] kit ...` to a file; the file's text."""
    out = tmp_path / f"kit.{output_format}"
    result = run(*args, "--format", output_format, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.fullmatch(rf"wrote the {output_format} kit for \S+ \(\d+ round\(s\), \d+ "
                        rf"question\(s\)\) to {re.escape(str(out))}\n", result.stderr)
    return out.read_text(encoding="utf-8")


def assert_self_contained(html: str) -> Page:
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert ("charset", "utf-8") in page.attributes
    assert "<script" not in html.lower() and "script" not in page.tags
    assert "http://" not in html and "https://" not in html
    assert not {"link", "img", "iframe", "object", "embed", "input", "form"} & set(page.tags)
    assert not [v for n, v in page.attributes if n in ("src", "srcset", "xlink:href")]
    assert all(v.startswith("#") for n, v in page.attributes if n == "href")  # in-page only
    assert "url(" not in page.style and "@import" not in page.style
    # Printed: a page break before each round and the scorecard, questions kept whole.
    media = page.style[page.style.index("@media print"):]
    assert re.search(r"\.round, \.scorecard \{ break-before: page;", media)
    assert re.search(r"\.question\.whole[^{]*\{ break-inside: avoid;", media)
    return page


# -- every shipped plan ------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped() -> tuple[Bank, dict[str, Plan]]:
    bank = load_bank(bundled_bank_dir(), use_cache=False)
    plans, problems = load_plans(bundled_plans_dir(), bank.taxonomy, bank.questions)
    assert problems == []
    return bank, {p.id: p for p in plans}


def expected_rounds(plan: Plan, questions: Mapping[str, Question]) -> list[list[Question]]:
    """Each round's questions, worked out here from docs/formats.md's rule: named
    ones as listed; for a pick, every rubric-bearing non-draft question for the
    plan's role at the pick's level (else the plan's), of its competency (or
    `also`) and kind, that no round names."""
    named = {qid for r in plan.rounds for qid in r.questions}
    found = []
    for round_ in plan.rounds:
        pick = round_.pick
        if pick is None:
            found.append([questions[qid] for qid in round_.questions])
            continue
        found.append([
            q for q in questions.values()
            if not q.draft and q.rubric is not None and q.id not in named
            and plan.role in q.roles and (pick.level or plan.level) in q.levels
            and (pick.competency is None or pick.competency in q.competencies)
            and (pick.kind is None or q.kind == pick.kind)])
    return found


def round_texts(text: str, plan: Plan) -> list[str]:
    """The visible text of each round, from its heading to the next (or the scorecard)."""
    starts: list[int] = []
    for number, round_ in enumerate(plan.rounds, 1):
        starts.append(text.index(squash(f"Round {number}: {round_.title}"),
                                 starts[-1] if starts else 0))
    ends = [*starts[1:], text.rindex("Scorecard: ")]
    assert starts[-1] < ends[-1]
    return [text[start:end] for start, end in zip(starts, ends, strict=True)]


def has_bar(text: str, label: str, bar: str) -> bool:
    """`label` followed by `bar` (Markdown puts a colon between them, HTML a new cell)."""
    return f"{label}: {squash(bar)}" in text or f"{label} {squash(bar)}" in text


def assert_plan_content(text: str, plan: Plan, bank: Bank) -> None:
    """Every question of every round, in its round: title, id, prompt's first words,
    each signal and red flag, and the bar at the plan's level (or the pick's own);
    then the scorecard."""
    rounds = expected_rounds(plan, bank.questions)
    for round_, section, questions in zip(plan.rounds, round_texts(text, plan), rounds,
                                          strict=True):
        if round_.notes:
            assert squash(round_.notes) in section
        if round_.pick is not None:
            assert f"Pick {round_.pick.count} of these {len(questions)}" in section
        level = (round_.pick.level if round_.pick is not None and round_.pick.level
                 else plan.level)
        for q in questions:
            assert q.rubric is not None
            for value in (q.title, q.id, *q.rubric.signals, *q.rubric.red_flags,
                          q.rubric.by_level[level]):
                assert squash(value) in section, (q.id, value)
            assert squash(q.prompt.split("\n")[0]) in section
            assert has_bar(section, f"The bar ({level})", q.rubric.by_level[level])
    scorecard = text[text.rindex("Scorecard: "):]
    for label in SCALE:
        assert label in scorecard
    assert "Overall recommendation" in scorecard
    assert "Key take-aways" in scorecard and "Private notes" in scorecard
    for round_, questions in zip(plan.rounds, rounds, strict=True):
        if round_.pick is None:
            for q in questions:
                assert squash(q.title) in scorecard
        elif round_.pick.competency:
            assert round_.pick.competency in scorecard


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=lambda p: p.stem)
def test_markdown_kit_for_every_shipped_plan(path: Path, tmp_path: Path,
                                             shipped: tuple[Bank, dict[str, Plan]]) -> None:
    bank, plans = shipped
    plan = plans[path.stem]
    markdown = kit("kit", plan.id, output_format="md", tmp_path=tmp_path)
    assert markdown.startswith(f"# Interview kit: {plan.title}\n")
    page = rendered(markdown)
    assert_plan_content(page.text, plan, bank)
    assert markdown.count("\n## Round ") == len(plan.rounds)
    assert "- ☐ " in markdown and "\n## Scorecard: " in markdown
    for q in (q for r in expected_rounds(plan, bank.questions) for q in r):
        assert q.rubric is not None
        assert squash(q.outline) in page.text  # outlines are in unless --no-outline
        for signal in q.rubric.signals:
            assert f"☐ {squash(signal)}" in page.text


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=lambda p: p.stem)
def test_html_kit_for_every_shipped_plan(path: Path, tmp_path: Path,
                                         shipped: tuple[Bank, dict[str, Plan]]) -> None:
    bank, plans = shipped
    plan = plans[path.stem]
    html = kit("kit", plan.id, output_format="html", tmp_path=tmp_path)
    page = assert_self_contained(html)
    assert_plan_content(page.text, plan, bank)
    assert html.count('<section class="round"') == len(plan.rounds)
    assert html.count('<section class="scorecard"') == 1
    rounds = expected_rounds(plan, bank.questions)
    assert html.count("<article ") == sum(len(r) for r in rounds)
    # One scorecard line per question asked: named ones, and a blank per pick.
    asked = sum(len(qs) if r.pick is None else min(r.pick.count, len(qs))
                for r, qs in zip(plan.rounds, rounds, strict=True))
    scorecard = html[html.index('<section class="scorecard"'):]
    questions_table = scorecard.split("<h3>Competencies</h3>")[0]
    assert questions_table.count("<tr>") == asked + 1  # and the header
    assert questions_table.count("☐") == 4 * asked
    for q in (q for r in rounds for q in r):
        assert q.rubric is not None
        for signal in q.rubric.signals:
            assert f"☐ {squash(signal)}" in page.text


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=lambda p: p.stem)
def test_a_pick_round_lists_whatever_the_plan_could_pick(
        path: Path, shipped: tuple[Bank, dict[str, Plan]]) -> None:
    """The kit's candidates and the engine agree: any seed picks among them."""
    from interview.reports.kit.model import build_kit

    bank, plans = shipped
    plan = plans[path.stem]
    built = build_kit(plan, bank.questions, tuple(bank.taxonomy.levels))
    by_title = {r.title: {q.question.id for q in r.questions} for r in built.rounds}
    assert [[q.question.id for q in r.questions] for r in built.rounds] == [
        [q.id for q in qs] for qs in expected_rounds(plan, bank.questions)]
    for seed in range(8):
        for item in plan_questions(plan, bank.questions, seed, {}, datetime.now(UTC)):
            assert item.question_id in by_title[item.round_title]


# -- a bank whose text looks like markup ------------------------------------------------

ROLES = ["software-engineer", "systems-developer"]


@pytest.fixture
def markup(make_bank: BankFactory, tmp_path: Path) -> tuple[Path, Path]:
    """A bank and a plans directory: plan `markup-loop` names one question and
    picks from debugging questions for software engineers at senior."""
    tricky = question(
        "dbg-markup", title=f"Title {MARKUP}", kind="debugging", roles=ROLES,
        levels=["mid", "senior", "staff"], also=["networking"], minutes=25,
        prompt=f"First line {MARKUP}\nstill the first paragraph.\n\n{CODE}\n\n- a list {MARKUP}"
               "\n- kept as written\n\n1. not a list",
        hints=[f"Hint one {MARKUP}", "2. Hint two"], follow_ups=[f"+ Follow {MARKUP}"],
        rubric={"signals": [f"Signal {MARKUP}", "- dash signal"],
                "red_flags": [f"Flag {MARKUP}", "= equals flag"],
                "by_level": {"mid": f"Mid bar {MARKUP}", "senior": f"Senior bar {MARKUP}",
                             "staff": f"Staff bar {MARKUP}"},
                "below_bar": f"Short {MARKUP}"},
        outline=f"Outline {MARKUP}\n\n{CODE}")
    picks = [
        question("dbg-pick-one", title="Pick one", kind="debugging", roles=ROLES,
                 rubric={"signals": ["Pick one signal"], "by_level": {"senior": "Bar one"}}),
        question("net-pick-also", title="Pick through also", kind="debugging",
                 competency="networking", also=["debugging-diagnostics"],
                 rubric={"signals": ["Also signal"], "by_level": {"senior": "Bar also"}}),
        question("dbg-draft", title="A draft", kind="debugging", rubric=None, draft=True),
        question("dbg-staff-only", title="Staff only", kind="debugging", levels=["staff"]),
        question("dbg-other-role", title="Systems only", kind="debugging",
                 roles=["systems-developer"]),
        question("dbg-technical", title="Not debugging", kind="technical"),
    ]
    bank = make_bank({"debugging-diagnostics.yaml": question_file(
        tricky, *picks, competency="debugging-diagnostics")})
    plans = write_files(tmp_path / "plans", {"markup-loop.yaml": {
        "id": "markup-loop", "title": f"Loop {MARKUP}", "role": "software-engineer",
        "level": "senior", "description": f"About {MARKUP}",
        "rounds": [
            {"title": f"Named {MARKUP}", "minutes": 30, "questions": ["dbg-markup"],
             "notes": f"Notes {MARKUP}"},
            {"title": "Picked", "minutes": 45,
             "pick": {"competency": "debugging-diagnostics", "kind": "debugging", "count": 2}},
        ]}})
    return bank, plans


def markup_kit(dirs: tuple[Path, Path], tmp_path: Path, output_format: str,
               *args: str) -> str:
    bank, plans = dirs
    return kit("--bank", bank, "--plans", plans, "kit", "markup-loop", *args,
               output_format=output_format, tmp_path=tmp_path)


LITERALS = [f"Title {MARKUP}", f"First line {MARKUP} still the first paragraph.",
            f"Hint one {MARKUP}", "2. Hint two", f"+ Follow {MARKUP}", f"☐ Signal {MARKUP}",
            "☐ - dash signal", f"Flag {MARKUP}", "= equals flag", f"Senior bar {MARKUP}",
            f"Mid bar {MARKUP}", f"Staff bar {MARKUP}", f"Outline {MARKUP}",
            f"Notes {MARKUP}", f"Loop {MARKUP}", f"Named {MARKUP}", f"About {MARKUP}",
            "1. not a list"]


def assert_literal(page: Page) -> None:
    assert not {"b", "em", "i", "h5", "h6", "hr", "blockquote"} & set(page.tags)
    for value in LITERALS:
        assert squash(value) in page.text, value
    # code and lists from a prompt or outline are kept exactly, line breaks and all
    pre = [text.rstrip("\n") for text in page.pre if text.strip()]  # not the boxes to write in
    assert pre == [CODE, f"- a list {MARKUP}\n- kept as written", CODE]


def test_markdown_shows_bank_text_literally(markup: tuple[Path, Path], tmp_path: Path) -> None:
    markdown = markup_kit(markup, tmp_path, "md")
    page = rendered(markdown)
    assert_literal(page)
    assert page.tags.count("table") == 4  # rounds, the pick's candidates, two score tables
    assert "<b>x</b>" not in MarkdownIt("gfm-like").render(markdown)
    # The hints are an ordered list in the order to give them; nothing else nests.
    assert "1. Hint one " in markdown and "\n2. 2\\. Hint two\n" in markdown


def test_html_shows_bank_text_literally(markup: tuple[Path, Path], tmp_path: Path) -> None:
    html = markup_kit(markup, tmp_path, "html")
    page = assert_self_contained(html)
    assert_literal(page)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_the_kit_of_the_markup_plan(markup: tuple[Path, Path], tmp_path: Path,
                                    output_format: str) -> None:
    text = markup_kit(markup, tmp_path, output_format)
    page = rendered(text) if output_format == "md" else parse(text)
    named, picked = page.text.split("Round 2: Picked")
    picked, scorecard = picked.split("Scorecard: ")
    # The bar at the plan's level, with the level below and the one above, labelled.
    assert has_bar(named, "One level below (mid)", f"Mid bar {MARKUP}")
    assert has_bar(named, "The bar (senior)", f"Senior bar {MARKUP}")
    assert has_bar(named, "One level above (staff)", f"Staff bar {MARKUP}")
    assert named.index("One level below") < named.index("The bar (") \
        < named.index("One level above")
    assert "Bars shown for senior (the plan's level)" in page.text
    assert "30 min" in named and "25 min" not in named  # its share of the round
    # The pick: the two questions it could pick, not drafts, other levels, roles or kinds.
    assert "Pick 2 of these 2" in picked
    assert "Pick one" in picked and "Pick through also" in picked and "Bar also" in picked
    for absent in ("A draft", "Staff only", "Systems only", "Not debugging", "dbg-markup"):
        assert absent not in picked
    assert "22 min 30 s if picked" in picked
    # One level below senior has no bar written there: it is left out, the bar is not.
    assert "One level below (mid)" not in picked and has_bar(picked, "The bar (senior)", "Bar one")
    # The scorecard: the named question, a blank for each pick, the competencies.
    assert f"Title {MARKUP}" in scorecard
    assert "Picked question 1 of 2" in scorecard and "Picked question 2 of 2" in scorecard
    assert "debugging-diagnostics" in scorecard
    assert scorecard.count("☐") == 4 * 3 + 4 * 1 + 4  # questions, a competency, overall
    for label in ("strong no", "no", "yes", "strong yes"):
        assert f"☐ {label}" in scorecard


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_no_outline_leaves_the_outlines_out(markup: tuple[Path, Path], tmp_path: Path,
                                            output_format: str) -> None:
    text = markup_kit(markup, tmp_path, output_format, "--no-outline")
    assert "Outline" not in text
    page = rendered(text) if output_format == "md" else parse(text)
    # the prompt's code and list; the outline's code is gone
    assert len([pre for pre in page.pre if pre.strip()]) == 2
    assert f"Signal {MARKUP}" in page.text  # the rest stays


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_level_changes_the_bar(markup: tuple[Path, Path], tmp_path: Path,
                               output_format: str) -> None:
    text = markup_kit(markup, tmp_path, output_format, "--level", "staff")
    page = rendered(text) if output_format == "md" else parse(text)
    assert "Bars shown for staff (the plan's level is senior)" in page.text
    assert has_bar(page.text, "One level below (senior)", f"Senior bar {MARKUP}")
    assert has_bar(page.text, "The bar (staff)", f"Staff bar {MARKUP}")
    assert f"Mid bar {MARKUP}" not in page.text and "One level above" not in page.text
    # A question with no bar at that level says so, and which levels it has.
    assert has_bar(page.text, "The bar (staff)",
                   "None written for this question (bars written for: senior).")
    assert has_bar(page.text, "One level below (senior)", "Bar one")


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_the_line_below_the_bar_follows_the_bars(markup: tuple[Path, Path], tmp_path: Path,
                                                 output_format: str) -> None:
    text = markup_kit(markup, tmp_path, output_format)
    page = rendered(text) if output_format == "md" else parse(text)
    assert has_bar(page.text, "Below the bar", f"Short {MARKUP}")
    # Only the question that writes one gets the line.
    assert page.text.count("Below the bar") == 1


def test_out_dash_writes_to_stdout(markup: tuple[Path, Path]) -> None:
    bank, plans = markup
    result = run("--bank", bank, "--plans", plans, "kit", "markup-loop", "--format", "md",
                 "--out", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Interview kit: Loop ")
    assert result.stderr == ""


def test_an_existing_out_is_kept_unless_forced(markup: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    bank, plans = markup
    out = tmp_path / "kit.html"
    out.write_text("mine\n", encoding="utf-8")
    args = ("--bank", bank, "--plans", plans, "kit", "markup-loop", "--format", "html",
            "--out", out)
    assert_clean_failure(run(*args), f"{out} already exists", "--force")
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = run(*args, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_unknown_plan_is_one_line_naming_the_known_ones(tmp_path: Path) -> None:
    out = tmp_path / "never.md"
    result = run("kit", "no-such-plan", "--format", "md", "--out", out)
    assert_clean_failure(result, "no plan 'no-such-plan'", "known plans: ",
                         *(p.stem for p in SHIPPED_PLANS))
    assert not out.exists()


def test_an_unknown_level_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "never.md"
    result = run("kit", SHIPPED_PLANS[0].stem, "--format", "md", "--out", out,
                 "--level", "guru")
    assert_clean_failure(result, "--level", "'guru'", "senior-staff")
    assert not out.exists()
