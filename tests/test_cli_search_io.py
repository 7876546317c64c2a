"""`interview search` and `interview bank dupes|import|export` through click's CliRunner.

Exit codes: 0 ok, 1 invalid input, 2 usage error. Every failure is one
readable line on stderr, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from tests.bankfiles import SMALL_TAXONOMY, BankFactory, question, question_file

FIXTURES = Path(__file__).resolve().parent / "import_fixtures"
DUPLICATED = ("Our checkout service times out for five percent of requests after a routine "
              "deploy. Walk me through how you would find the cause and prove it.")


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception, result.output)
    return result


@pytest.fixture
def bank_dir(make_bank: BankFactory) -> Path:
    return make_bank({
        "distributed-systems-design.yaml": question_file(
            question("dist-rate-limiter", title="Design a rate limiter",
                     kind="design", levels=["senior", "staff"], tags=["rate-limiting"],
                     prompt="Design a rate limiter shared by forty API gateways."),
            question("dist-checkout", title="Checkout timeouts after a deploy", kind="debugging",
                     prompt=DUPLICATED),
            question("dist-checkout-again", title="Checkout timing out", kind="debugging",
                     prompt=DUPLICATED.replace("routine", "normal")),
            competency="distributed-systems-design",
        ),
        "concurrency-runtimes.yaml": question_file(
            question("conc-mutex", title="Mutexes versus semaphores", roles=["systems-developer"],
                     prompt="What is the difference between a mutex and a semaphore?"),
            competency="concurrency-runtimes",
        ),
    })


# -- search -------------------------------------------------------------------------------

def test_search_tolerates_typos_and_prints_json(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "search", "rate", "limter", "--format", "json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "dist-rate-limiter"
    assert {"id", "title", "score", "competency", "kind", "levels"} <= set(hits[0])
    assert hits[0]["levels"] == ["senior", "staff"]
    assert 0 < hits[0]["score"] <= 100


def test_search_prints_a_table_and_respects_limit_and_filters(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "search", "checkout", "--limit", "1")
    assert result.exit_code == 0
    assert "1 question(s)" in result.stdout
    result = run("--bank", bank_dir, "search", "mutex", "--role", "software-engineer",
                 "--format", "json")
    assert json.loads(result.stdout) == []
    result = run("--bank", bank_dir, "search", "mutex", "--competency", "concurrency-runtimes",
                 "--format", "json")
    assert [h["id"] for h in json.loads(result.stdout)] == ["conc-mutex"]


@pytest.mark.parametrize("args", [("search",), ("search", "  ")])
def test_search_usage_errors_exit_with_2(bank_dir: Path, args: tuple[str, ...]) -> None:
    result = run("--bank", bank_dir, *args)
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("args", [("search", "x", "--limit", "0"),
                                  ("search", "x", "--level", "wizard"),
                                  ("search", "x", "--kind", "nope")])
def test_search_bad_values_are_one_line_and_exit_1(bank_dir: Path,
                                                    args: tuple[str, ...]) -> None:
    result = run("--bank", bank_dir, *args)
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("interview: error: Invalid value for ")


# -- dupes --------------------------------------------------------------------------------

def test_dupes_lists_pairs_with_scores(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "dupes", "--format", "json")
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    assert [(p["first"], p["second"]) for p in pairs] == [("dist-checkout", "dist-checkout-again")]
    assert pairs[0]["score"] >= 90
    table = run("--bank", bank_dir, "bank", "dupes")
    assert "dist-checkout-again" in table.stdout
    assert "1 near-duplicate pair(s)" in table.stdout


def test_dupes_threshold(bank_dir: Path) -> None:
    strict = json.loads(run("--bank", bank_dir, "bank", "dupes", "--threshold", "100",
                            "--format", "json").stdout)
    assert strict == []
    assert run("--bank", bank_dir, "bank", "dupes", "--threshold", "101").exit_code == 1


def test_bank_check_still_warns_about_near_duplicates(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "check")
    assert result.exit_code == 0
    assert "near-duplicate of dist-checkout" in result.stdout


# -- import -------------------------------------------------------------------------------

def test_dry_run_json_shows_what_would_be_imported_and_changes_nothing(
        bank_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = sorted(p.name for p in bank_dir.iterdir())
    result = run("--bank", bank_dir, "bank", "import", FIXTURES / "lists.md",
                 "--competency", "concurrency-runtimes", "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dry_run"] is True and data["out"] is None
    imported = {q["prompt"] for q in data["imported"]}
    assert "Design a write-ahead log for a key-value store." in imported
    # The mutex question is already in the bank: skipped, and said so.
    assert [s["reason"] for s in data["skipped"]] == ["already in the bank as conc-mutex"]
    assert all(q["draft"] is True and "rubric" not in q for q in data["imported"])
    assert list(work.iterdir()) == []
    assert sorted(p.name for p in bank_dir.iterdir()) == before


def test_import_writes_a_file_bank_check_accepts(bank_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts.yaml"
    files = [FIXTURES / n for n in ("lists.md", "headings.md", "details.md", "table.md",
                                    "questions.csv")]
    result = run("--bank", bank_dir, "bank", "import", *files, "--competency",
                 "concurrency-runtimes", "--role", "systems-developer", "--level", "staff",
                 "--out", out)
    assert result.exit_code == 0, result.output
    assert f"into {out}" in result.stdout
    assert "skipped" in result.stdout
    check = run("bank", "check", out)
    assert check.exit_code == 0, check.output
    text = out.read_text()
    assert "draft: true" in text and "rubric:" not in text
    assert "- systems-developer" in text and "- staff" in text
    # Imported into the bank, they are found again and skipped next time.
    shutil.copy(out, bank_dir / "imported.yaml")
    again = run("--bank", bank_dir, "bank", "import", *files, "--competency",
                "concurrency-runtimes", "--dry-run", "--format", "json")
    assert json.loads(again.stdout)["imported"] == []


def test_import_never_overwrites_silently(bank_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts.yaml"
    out.write_text("keep me")
    args = ("--bank", bank_dir, "bank", "import", FIXTURES / "headings.md", "--competency",
            "concurrency-runtimes", "--out", out)
    result = run(*args)
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text() == "keep me"
    assert run(*args, "--force").exit_code == 0
    assert "draft: true" in out.read_text()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.md", None, "no such file"),
    ("notes.md", "# Notes\n\n- Clone it\n- Build it\n", "no questions found"),
    ("binary.md", b"\x00\x01\x02", "binary file"),
    ("list.csv", "name,notes\nx,y\n", "no question column"),
])
def test_unusable_input_is_one_line_and_exit_1(bank_dir: Path, tmp_path: Path, name: str,
                                               content: str | bytes | None, message: str) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    out = tmp_path / "out.yaml"
    result = run("--bank", bank_dir, "bank", "import", path, "--competency", "networking",
                 "--out", out)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:1: ") and message in first
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("args", [("--competency", "wizardry"), ("--kind", "quiz"),
                                  ("--role", "chef"), ("--level", "intern"), ()])
def test_import_bad_or_missing_values(bank_dir: Path, args: tuple[str, ...]) -> None:
    base = ("--competency", "networking") if args and args[0] != "--competency" else ()
    result = run("--bank", bank_dir, "bank", "import", FIXTURES / "lists.md", *base, *args,
                 "--dry-run")
    # A value the taxonomy lacks is invalid input (1); a missing --competency is usage (2).
    assert result.exit_code == (1 if args else 2), result.output


def test_import_help_states_the_defaults() -> None:
    text = " ".join(run("bank", "import", "--help").stdout.split())
    assert "[default: every role in the taxonomy]" in text
    assert "[default: senior]" in text
    assert "otherwise technical" in text
    assert "[default: ./<competency>-import.yaml]" in text


# -- export -------------------------------------------------------------------------------

def test_export_csv_with_filters(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "export", "--format", "csv", "--kind", "debugging")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["id"] for r in rows} == {"dist-checkout", "dist-checkout-again"}
    assert rows[0]["competency"] == "distributed-systems-design"


def test_export_anki_is_tab_separated_with_headers_and_tags(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "export", "--format", "anki")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["#separator:tab", "#html:false"]
    assert "#tags column:3" in lines[:5]
    notes = list(csv.reader(io.StringIO("\n".join(line for line in lines
                                                  if not line.startswith("#"))),
                            delimiter="\t"))
    assert len(notes) == 4 and all(len(note) == 3 for note in notes)
    tags = {tag for note in notes for tag in note[2].split()}
    assert {"interview::role::systems-developer", "interview::level::staff",
            "interview::competency::concurrency-runtimes"} <= tags


def test_export_to_a_file_refuses_to_overwrite(bank_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.txt"
    assert run("--bank", bank_dir, "bank", "export", "--format", "anki", "--out", out
               ).exit_code == 0
    assert out.read_text().startswith("#separator:tab")
    again = run("--bank", bank_dir, "bank", "export", "--format", "csv", "--out", out)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert run("--bank", bank_dir, "bank", "export", "--format", "xml").exit_code == 1


# Every rubric field goes out: signals, red flags and the bar at each level. Texts
# that start like a spreadsheet formula, and markup, must come back as written.
RUBRIC = {
    "signals": ["-1 starts like a formula", "Says <b>x</b> [b]x[/b] | pipe | `tick`"],
    "red_flags": ["+ guesses the answer", "Blames the network"],
    "by_level": {"staff": "Also fixes it for every team.", "senior": "@ finds the cause."},
}


@pytest.fixture
def rubric_bank(make_bank: BankFactory) -> Path:
    return make_bank({"debugging-diagnostics.yaml": question_file(
        question("dbg-full", title="=HYPERLINK(1)", kind="debugging", levels=["senior", "staff"],
                 rubric=RUBRIC, hints=["First hint", "Second hint"]),
        question("dbg-signals-only", kind="debugging"),
        question("dbg-draft", kind="debugging", rubric=None, draft=True),
        competency="debugging-diagnostics")}, name="rubric")


def export_csv(bank: Path, *args: str) -> list[dict[str, str]]:
    result = run("--bank", bank, "bank", "export", "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_export_csv_has_every_rubric_field(rubric_bank: Path) -> None:
    rows = export_csv(rubric_bank)
    assert list(rows[0]) == [
        "id", "title", "kind", "competency", "also", "roles", "levels", "minutes", "prompt",
        "hints", "follow_ups", "signals", "red_flags", "bar_mid", "bar_senior", "bar_staff",
        "bar_senior_staff", "bar_principal", "below_bar", "outline", "tags", "draft"]
    full = {r["id"]: r for r in rows}["dbg-full"]
    assert full["signals"] == "'" + "\n".join(RUBRIC["signals"])
    assert full["red_flags"] == "'" + "\n".join(RUBRIC["red_flags"])
    assert full["bar_senior"] == "'@ finds the cause."
    assert full["bar_staff"] == "Also fixes it for every team."
    assert full["bar_mid"] == full["bar_senior_staff"] == full["bar_principal"] == ""
    assert full["title"] == "'=HYPERLINK(1)" and full["hints"] == "First hint\nSecond hint"
    only = {r["id"]: r for r in rows}["dbg-signals-only"]
    assert (only["signals"], only["red_flags"], only["bar_senior"]) == (
        "Says something true.", "", "")
    draft = {r["id"]: r for r in rows}["dbg-draft"]
    assert (draft["signals"], draft["red_flags"], draft["draft"]) == ("", "", "yes")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_export_csv_bar_columns_follow_the_banks_own_taxonomy(make_bank: BankFactory) -> None:
    bank = make_bank({"widgets.yaml": question_file(
        question("w-one", kind="chat", roles=["builder"], levels=["junior", "lead"],
                 rubric={"signals": ["Knows widgets."],
                         "by_level": {"lead": "Leads widgets.", "junior": "Makes one."}}),
        competency="widgets")}, taxonomy=SMALL_TAXONOMY, name="own")
    rows = export_csv(bank)
    header = list(rows[0])
    assert header[header.index("red_flags") + 1:header.index("outline")] == [
        "bar_junior", "bar_lead", "below_bar"]
    assert (rows[0]["bar_junior"], rows[0]["bar_lead"]) == ("Makes one.", "Leads widgets.")


def test_export_anki_backs_carry_red_flags_and_the_bars_in_level_order(
        rubric_bank: Path) -> None:
    result = run("--bank", rubric_bank, "bank", "export", "--format", "anki")
    assert result.exit_code == 0, result.output
    notes = {note[0].split("\n")[0]: note for note in csv.reader(
        io.StringIO("\n".join(line for line in result.stdout.splitlines()
                               if not line.startswith("#"))), delimiter="\t")}
    back = notes["=HYPERLINK(1)"][1]
    assert back.startswith("A strong answer:\n- -1 starts like a formula\n"
                           "- Says <b>x</b> [b]x[/b] | pipe | `tick`\n\n")
    assert "Red flags:\n- + guesses the answer\n- Blames the network\n\n" in back
    # senior before staff, as in the taxonomy, though the file lists staff first
    assert back.endswith("\n\nThe bar by level:\n- senior: @ finds the cause.\n"
                         "- staff: Also fixes it for every team.")
    assert back.index("A strong answer") < back.index("Red flags") \
        < back.index("The bar by level")
    signals_only = notes["Title of dbg-signals-only"][1]
    assert "Red flags" not in signals_only and "The bar by level" not in signals_only
    assert notes["Title of dbg-draft"][1] == "(no rubric yet)"
